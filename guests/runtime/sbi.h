/* SBI calls as a guest at VS makes them to Xen: a7 = extension, a6 = function, a0..a5 =
   arguments; error in a0, value in a1 (the legacy extensions return a0 only). */
#ifndef RUNTIME_SBI_H
#define RUNTIME_SBI_H

#include <xen-abi.h>

struct sbiret {
    long error;
    long value;
};

static inline struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long arg0, unsigned long arg1,
                                      unsigned long arg2)
{
    register unsigned long a0 __asm__("a0") = arg0;
    register unsigned long a1 __asm__("a1") = arg1;
    register unsigned long a2 __asm__("a2") = arg2;
    register unsigned long a6 __asm__("a6") = fid;
    register unsigned long a7 __asm__("a7") = ext;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1), "+r"(a2) : "r"(a6), "r"(a7) : "memory");
    return (struct sbiret){ .error = (long)a0, .value = (long)a1 };
}

/* A legacy (v0.1) call: its only result is a0. */
static inline long sbi_legacy(unsigned long ext, unsigned long arg0)
{
    return sbi_ecall(ext, 0, arg0, 0, 0).error;
}

static inline void sbi_console_putchar(int c) { sbi_legacy(SBI_EXT_LEGACY_CONSOLE_PUTCHAR, (unsigned char)c); }

static inline long sbi_probe_extension(unsigned long ext)
{
    struct sbiret r = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_PROBE_EXT, ext, 0, 0);
    return r.error != 0 ? r.error : r.value;
}

/* Arms the VS timer at `ticks` of the time CSR (all ones disarms it). */
static inline long sbi_set_timer(uint64_t ticks) { return sbi_ecall(SBI_EXT_TIME, SBI_EXT_TIME_SET_TIMER, ticks, 0, 0).error; }

static inline long sbi_hart_start(unsigned long vcpu, void (*entry)(void), unsigned long opaque)
{
    return sbi_ecall(SBI_EXT_HSM, SBI_EXT_HSM_HART_START, vcpu, (unsigned long)entry, opaque).error;
}

static inline struct sbiret sbi_hart_status(unsigned long vcpu) { return sbi_ecall(SBI_EXT_HSM, SBI_EXT_HSM_HART_GET_STATUS, vcpu, 0, 0); }

static inline long sbi_system_reset(unsigned long type, unsigned long reason)
{
    return sbi_ecall(SBI_EXT_SRST, SBI_EXT_SRST_SYSTEM_RESET, type, reason, 0).error;
}

#endif
