/* The smallest guest: greets with what it learnt at boot, then powers off. Each line goes
   to the Xen console (console_io: `xl dmesg`, the host's log) and to the domain's own PV
   console (`xl console`, `xl create -c`), as a kernel with an early console and hvc0. */
#include "runtime.h"

static int has_pvconsole;

__attribute__((format(printf, 1, 2))) static void say(const char *fmt, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    size_t length = n < (int)sizeof line ? (size_t)n : sizeof line - 1;
    console_write(line, length);
    if (has_pvconsole) pvconsole_write(line, length);
}

int main(void)
{
    has_pvconsole = pvconsole_init() == 0;
    long version = HYPERVISOR_xen_version(XENVER_version, NULL);
    struct sbiret impid = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_IMP_ID, 0, 0, 0);
    say("hello from a xenrv guest on Xen %ld.%ld (SBI implementation %ld)\n", version >> 16, version & 0xffff,
        impid.value);
    if (boot.fdt)
        say("device tree: %u vCPU(s), %lu KiB of RAM at 0x%lx, timebase %lu Hz, bootargs \"%s\"\n", boot.cpus,
            (unsigned long)(boot.memory_size / 1024), (unsigned long)boot.memory_base,
            (unsigned long)boot.timebase_hz, boot.bootargs);
    else
        say("no device tree\n");
    return 0;
}
