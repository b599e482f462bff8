/* The smallest guest: greets on the Xen console with what it learnt at boot, then powers
   off. */
#include "runtime.h"

int main(void)
{
    long version = HYPERVISOR_xen_version(XENVER_version, NULL);
    struct sbiret impid = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_IMP_ID, 0, 0, 0);
    printf("hello from a xenrv guest on Xen %ld.%ld (SBI implementation %ld)\n", version >> 16, version & 0xffff,
           impid.value);
    if (boot.fdt)
        printf("device tree: %u vCPU(s), %lu KiB of RAM at 0x%lx, timebase %lu Hz, bootargs \"%s\"\n", boot.cpus,
               (unsigned long)(boot.memory_size / 1024), (unsigned long)boot.memory_base,
               (unsigned long)boot.timebase_hz, boot.bootargs);
    else
        printf("no device tree\n");
    return 0;
}
