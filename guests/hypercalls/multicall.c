/* multicall: each entry's result, entries naming no hypercall, a nested multicall. */
#include "checks.h"

void check_multicall(void)
{
    static const char text[] = "multicall: a console line from inside a batch\n";
    static struct xen_flask_op flask = { .cmd = FLASK_SID_TO_CONTEXT, .interface_version = XEN_FLASK_INTERFACE_VERSION };
    static xen_sysctl_t sysctl = { .cmd = XEN_SYSCTL_physinfo, .interface_version = XEN_SYSCTL_INTERFACE_VERSION };
    static multicall_entry_t calls[8];
    static const struct {
        const char *what;
        long expected;
    } expect[8] = {
        { "multicall entry xen_version version", (4 << 16) | 18 },
        { "multicall entry xen_version pagesize", XEN_PAGE_SIZE },
        { "multicall entry hypercall 11 (none)", -XEN_ENOSYS },
        { "multicall entry hypercall 1000 (none)", -XEN_ENOSYS },
        { "multicall entry xsm_op", -XEN_ENOSYS },
        { "multicall entry sysctl from a domU", -XEN_EPERM },
        { "multicall entry nested multicall", -XEN_EINVAL },
        { "multicall entry console_io write", 0 },
    };
    calls[0] = (multicall_entry_t){ .op = __HYPERVISOR_xen_version, .args = { XENVER_version } };
    calls[1] = (multicall_entry_t){ .op = __HYPERVISOR_xen_version, .args = { XENVER_pagesize } };
    calls[2] = (multicall_entry_t){ .op = 11 };
    calls[3] = (multicall_entry_t){ .op = 1000 };
    calls[4] = (multicall_entry_t){ .op = __HYPERVISOR_xsm_op, .args = { (uintptr_t)&flask } };
    calls[5] = (multicall_entry_t){ .op = __HYPERVISOR_sysctl, .args = { (uintptr_t)&sysctl } };
    calls[6] = (multicall_entry_t){ .op = __HYPERVISOR_multicall, .args = { (uintptr_t)calls, 1 } };
    calls[7] = (multicall_entry_t){ .op = __HYPERVISOR_console_io, .args = { CONSOLEIO_write, sizeof text - 1, (uintptr_t)text } };
    for (unsigned i = 0; i < ARRAY_SIZE(calls); i++) calls[i].result = 0x7777;

    check_eq("multicall of 8 entries", HYPERVISOR_multicall(calls, ARRAY_SIZE(calls)), 0);
    for (unsigned i = 0; i < ARRAY_SIZE(calls); i++) check_eq(expect[i].what, (long)calls[i].result, expect[i].expected);
    check_eq("multicall of no entries", HYPERVISOR_multicall(calls, 0), 0);
    check_eq("multicall list in unmapped memory", HYPERVISOR_multicall((void *)UNMAPPED_GPA, 1), -XEN_EFAULT);
}
