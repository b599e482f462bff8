/* hvm_op: the parameters a domU may read (the toolstack set them through dom0) and the
   ones it may not. */
#include "checks.h"

static long param(int op, uint16_t domid, uint32_t index, uint64_t *value)
{
    static struct xen_hvm_param p;
    p = (struct xen_hvm_param){ .domid = domid, .index = index, .value = value ? *value : 0 };
    long rc = HYPERVISOR_hvm_op(op, &p);
    if (value) *value = p.value;
    return rc;
}

void check_hvm_op(void)
{
    const uint64_t magic = GUEST_MAGIC_BASE / PAGE_SIZE;
    uint64_t value = 0;
    check_eq("hvm_op get_param STORE_PFN", param(HVMOP_get_param, DOMID_SELF, HVM_PARAM_STORE_PFN, &value), 0);
    check_eq("hvm_op STORE_PFN is the xenstore magic page", (long)value, (long)(magic + XENSTORE_PFN_OFFSET));
    check_eq("hvm_op get_param CONSOLE_PFN", param(HVMOP_get_param, DOMID_SELF, HVM_PARAM_CONSOLE_PFN, &value), 0);
    check_eq("hvm_op CONSOLE_PFN is the console magic page", (long)value, (long)(magic + CONSOLE_PFN_OFFSET));
    value = 1;
    check_eq("hvm_op set_param on itself is denied", param(HVMOP_set_param, DOMID_SELF, HVM_PARAM_STORE_PFN, &value), -XEN_EPERM);
    check_eq("hvm_op get_param MONITOR_RING_PFN is denied", param(HVMOP_get_param, DOMID_SELF, HVM_PARAM_MONITOR_RING_PFN, &value), -XEN_EPERM);
    check_eq("hvm_op get_param of an unreadable index", param(HVMOP_get_param, DOMID_SELF, 5, &value), -XEN_EINVAL);
    check_eq("hvm_op get_param past the last index", param(HVMOP_get_param, DOMID_SELF, HVM_NR_PARAMS, &value), -XEN_EINVAL);
    check_eq("hvm_op get_param of dom0", param(HVMOP_get_param, 0, HVM_PARAM_STORE_PFN, &value), -XEN_EPERM);
    check_eq("hvm_op unknown op", HYPERVISOR_hvm_op(99, NULL), -XEN_ENOSYS);
}
