/* The xenrv guest runtime: what a guest program gets besides the hypercall and SBI
   wrappers (hypercall.h, sbi.h). A program defines main(); vCPU 0 calls it once the
   runtime has read the device tree, and the domain shuts down with poweroff when main
   returns 0, crash otherwise. */
#ifndef RUNTIME_H
#define RUNTIME_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <xen-abi.h>
#include "config.h"
#include "evtchn.h"
#include "hypercall.h"
#include "pvconsole.h"
#include "sbi.h"
#include "sleep.h"
#include "smp.h"
#include "xenbus.h"

#define PAGE_SIZE XEN_PAGE_SIZE
#define PAGE_ALIGNED __attribute__((aligned(XEN_PAGE_SIZE)))
#define NORETURN __attribute__((noreturn))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

int main(void);
/* Runs on a vCPU started with SBI HART_START (`opaque` is its a1) other than by
   vcpu_start; weak default: stop. */
void secondary_main(unsigned int vcpu, unsigned long opaque);

/* ---- libc subset (string.c, console.c) */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/* %d %i %u %x %X %p %s %c %% with flags '-' '0', a width and the l, ll, z sizes. */
int vsnprintf(char *out, size_t size, const char *fmt, va_list ap);
int snprintf(char *out, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Formats into one buffer and writes it with a single console_io write. */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_write(const char *text, size_t length);

/* ---- boot information (boot.c, fdt.c) */
struct boot_info {
    const void *fdt;          /* the device tree, or NULL when the builder passed none */
    const char *bootargs;     /* /chosen/bootargs, or "" */
    uint64_t memory_base;     /* /memory reg, or 0 */
    uint64_t memory_size;
    uint64_t timebase_hz;     /* /cpus/timebase-frequency, or RUNTIME_DEFAULT_TIMEBASE_HZ */
    unsigned int cpus;        /* cpu nodes under /cpus, or 1 */
};
#define RUNTIME_DEFAULT_TIMEBASE_HZ 10000000ULL
extern struct boot_info boot;

int fdt_valid(const void *fdt);
/* Offset of the node at `path` ("/chosen", "/memory" matches "memory@..."), or -1. */
int fdt_path_offset(const void *fdt, const char *path);
const void *fdt_getprop(const void *fdt, int node, const char *name, int *length);
/* Big-endian cells (1 or 2) as a number. */
uint64_t fdt_cells(const void *cells, int count);
/* Number of subnodes of `node` whose name starts with `prefix`. */
int fdt_count_subnodes(const void *fdt, int node, const char *prefix);

/* `name=value` words of the boot arguments; params_u64 takes decimal or 0x hex. */
int param_str(const char *name, char *out, size_t size);
uint64_t param_u64(const char *name, uint64_t fallback);
/* A comma-separated list of numbers; returns how many were stored. */
int param_u64_list(const char *name, uint64_t *out, int max);

/* ---- Xen (xen.c) */
extern shared_info_t *xen_shared_info; /* NULL until xen_map_shared_info() */
long xen_map_shared_info(void);
/* Registers a runtime-owned vcpu_info for `vcpu` (VCPUOP_register_vcpu_info). */
long xen_register_vcpu_info(unsigned int vcpu);
vcpu_info_t *xen_vcpu_info(unsigned int vcpu);
long xen_yield(void);
long xen_block(void);
long xen_shutdown(unsigned int reason);
NORETURN void xen_poweroff(void);
NORETURN void xen_crash(void);
/* Shuts the domain down with `reason` and never returns. */
NORETURN void xen_halt(unsigned int reason);

/* ---- time and timers (timer.c) */
static inline uint64_t time_ticks(void)
{
    uint64_t t;
    __asm__ volatile("rdtime %0" : "=r"(t));
    return t;
}
static inline uint64_t instret(void)
{
    uint64_t n;
    __asm__ volatile("rdinstret %0" : "=r"(n));
    return n;
}
/* Virtual time in ns (Xen's system time), from the time CSR and the timebase. */
uint64_t time_ns(void);
uint64_t ticks_to_ns(uint64_t ticks);
uint64_t ns_to_ticks(uint64_t ns);
long xen_set_singleshot_timer(unsigned int vcpu, uint64_t timeout_abs_ns, uint32_t flags);
long xen_stop_singleshot_timer(unsigned int vcpu);
long xen_set_periodic_timer(unsigned int vcpu, uint64_t period_ns);
long xen_stop_periodic_timer(unsigned int vcpu);
/* SBI TIME: the VS timer interrupt fires when the time CSR reaches `ticks`. */
void timer_arm(uint64_t ticks);
void timer_disarm(void);

/* ---- traps (trap.c, trap.S) */
struct trap_frame {
    uint64_t x[32]; /* x[0] unused; x[2] = sp at the trap */
    uint64_t sepc, scause, stval, sstatus;
};
typedef void (*irq_handler_t)(struct trap_frame *frame);
#define IRQ_SOFTWARE 1 /* the event upcall and SBI IPIs */
#define IRQ_TIMER 5
#define IRQ_EXTERNAL 9
/* Installs the handler and enables the interrupt in sie (NULL disables it). */
void trap_set_irq_handler(unsigned int irq, irq_handler_t handler);
/* The handler installed for `irq`, or NULL. */
irq_handler_t trap_irq_handler(unsigned int irq);
static inline void irq_enable(void) { __asm__ volatile("csrs sstatus, 2" ::: "memory"); }
static inline void irq_disable(void) { __asm__ volatile("csrc sstatus, 2" ::: "memory"); }
static inline void wait_for_interrupt(void) { __asm__ volatile("wfi" ::: "memory"); }

/* ---- spinlock (console.c) */
typedef struct { volatile int locked; } spinlock_t;
void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);

/* ---- checks printed one per line, TAP style (check.c) */
/* "ok N - what" when got == expected, else "not ok N - what: got X expected Y". */
int check_eq(const char *what, long got, long expected);
int check_true(const char *what, int condition);
int check_str(const char *what, const char *got, const char *expected);
/* Prints the summary; returns 0 if every check passed (main's exit status). */
int checks_done(void);

#endif
