/* The guest's side of its Xen mechanisms: shared_info mapped into a page of the image,
   per-vCPU vcpu_info areas, and the scheduling and shutdown calls. */
#include "runtime.h"

shared_info_t *xen_shared_info;
/* Replaced by Xen's shared_info frame once mapped. */
static uint8_t shared_info_page[PAGE_SIZE] PAGE_ALIGNED;
/* Every vCPU's vcpu_info, in one page. */
static vcpu_info_t vcpu_infos[RUNTIME_MAX_VCPUS] PAGE_ALIGNED;
_Static_assert(sizeof vcpu_infos <= PAGE_SIZE, "vcpu_info areas fit one page");

long xen_map_shared_info(void)
{
    struct xen_add_to_physmap map = {
        .domid = DOMID_SELF,
        .space = XENMAPSPACE_shared_info,
        .idx = 0,
        .gpfn = (uintptr_t)shared_info_page / PAGE_SIZE,
    };
    long rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &map);
    if (rc == 0) xen_shared_info = (shared_info_t *)shared_info_page;
    return rc;
}

vcpu_info_t *xen_vcpu_info(unsigned int vcpu) { return vcpu < RUNTIME_MAX_VCPUS ? &vcpu_infos[vcpu] : NULL; }

long xen_register_vcpu_info(unsigned int vcpu)
{
    if (vcpu >= RUNTIME_MAX_VCPUS) return -XEN_EINVAL;
    uintptr_t address = (uintptr_t)&vcpu_infos[vcpu];
    struct vcpu_register_vcpu_info info = { .mfn = address / PAGE_SIZE, .offset = (uint32_t)(address % PAGE_SIZE) };
    return HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, vcpu, &info);
}

long xen_yield(void) { return HYPERVISOR_sched_op(SCHEDOP_yield, NULL); }

long xen_block(void) { return HYPERVISOR_sched_op(SCHEDOP_block, NULL); }

long xen_shutdown(unsigned int reason)
{
    struct sched_shutdown shutdown = { .reason = reason };
    return HYPERVISOR_sched_op(SCHEDOP_shutdown, &shutdown);
}

void xen_halt(unsigned int reason)
{
    for (;;) {
        xen_shutdown(reason);
        wait_for_interrupt();
    }
}

void xen_poweroff(void) { xen_halt(SHUTDOWN_poweroff); }

void xen_crash(void) { xen_halt(SHUTDOWN_crash); }
