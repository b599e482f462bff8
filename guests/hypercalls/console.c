/* console_io, xsm_op, domctl and sysctl from a domU, and hypercall numbers Xen does not offer. */
#include "checks.h"

void check_console_io(void)
{
    static const char line[] = "console_io: a line written directly\n";
    check_eq("console_io write", HYPERVISOR_console_io(CONSOLEIO_write, sizeof line - 1, line), 0);
    check_eq("console_io write of nothing", HYPERVISOR_console_io(CONSOLEIO_write, 0, line), 0);
    check_eq("console_io write from unmapped memory", HYPERVISOR_console_io(CONSOLEIO_write, 16, (void *)UNMAPPED_GPA), -XEN_EFAULT);
    static char input[16];
    check_eq("console_io read is denied to a domU", HYPERVISOR_console_io(CONSOLEIO_read, sizeof input, input), -XEN_EPERM);
    check_eq("console_io unknown command", HYPERVISOR_console_io(7, 0, NULL), -XEN_ENOSYS);
}

void check_privileged_and_unknown(void)
{
    static struct xen_flask_op flask = { .cmd = FLASK_SID_TO_CONTEXT, .interface_version = XEN_FLASK_INTERFACE_VERSION };
    check_eq("xsm_op (no FLASK)", HYPERVISOR_xsm_op(&flask), -XEN_ENOSYS);

    static xen_domctl_t domctl = { .cmd = XEN_DOMCTL_getdomaininfo, .interface_version = XEN_DOMCTL_INTERFACE_VERSION, .domain = 0 };
    check_eq("domctl getdomaininfo from a domU", HYPERVISOR_domctl(&domctl), -XEN_EPERM);
    static xen_sysctl_t sysctl = { .cmd = XEN_SYSCTL_physinfo, .interface_version = XEN_SYSCTL_INTERFACE_VERSION };
    check_eq("sysctl physinfo from a domU", HYPERVISOR_sysctl(&sysctl), -XEN_EPERM);

    static const unsigned long unknown[] = { 11, __HYPERVISOR_set_trap_table, __HYPERVISOR_arch_0, 64, 1000, ~0UL };
    for (unsigned i = 0; i < ARRAY_SIZE(unknown); i++) {
        char what[64];
        snprintf(what, sizeof what, "unknown hypercall %ld", (long)unknown[i]);
        check_eq(what, xen_hypercall(unknown[i], 0, 0, 0, 0, 0), -XEN_ENOSYS);
    }
}
