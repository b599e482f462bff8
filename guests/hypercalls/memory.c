/* memory_op: the reservation (current, maximum, decrease, populate, increase), the
   physmap (maximum_gpfn, add_to_physmap shared_info and grant_table), sharing counters. */
#include "checks.h"

/* A page given back and taken again; never touched by the guest once the checks end. */
static uint8_t scratch[PAGE_SIZE] PAGE_ALIGNED;

static long domain_count(unsigned cmd, uint16_t domid)
{
    static uint16_t arg;
    arg = domid;
    return HYPERVISOR_memory_op(cmd, &arg);
}

static long reservation(unsigned cmd, uint64_t gfn, unsigned order)
{
    static uint64_t extents[1];
    extents[0] = gfn;
    static struct xen_memory_reservation r;
    r = (struct xen_memory_reservation){ .extent_start = (uintptr_t)extents, .nr_extents = 1, .extent_order = order, .domid = DOMID_SELF };
    return HYPERVISOR_memory_op(cmd, &r);
}

static long add_to_physmap(uint16_t domid, unsigned space, uint64_t idx, uint64_t gpfn)
{
    static struct xen_add_to_physmap map;
    map = (struct xen_add_to_physmap){ .domid = domid, .space = space, .idx = idx, .gpfn = gpfn };
    return HYPERVISOR_memory_op(XENMEM_add_to_physmap, &map);
}

static void check_reservation(void)
{
    /* The builder gives RAM plus its magic pages, and a max_mem with libxl's slack above them. */
    const long pages = domain_count(XENMEM_current_reservation, DOMID_SELF);
    const long max_pages = domain_count(XENMEM_maximum_reservation, DOMID_SELF);
    const uint64_t scratch_gfn = (uintptr_t)scratch / PAGE_SIZE;
    check_true("memory_op current_reservation covers the RAM", pages >= (long)(boot.memory_size / PAGE_SIZE));
    check_true("memory_op maximum_reservation is at least current_reservation", max_pages >= pages);
    check_eq("memory_op maximum_gpfn is RAM's last frame", domain_count(XENMEM_maximum_gpfn, DOMID_SELF),
             (long)((boot.memory_base + boot.memory_size) / PAGE_SIZE - 1));
    check_eq("memory_op current_reservation of dom0 is denied", domain_count(XENMEM_current_reservation, 0), -XEN_EPERM);
    check_eq("memory_op current_reservation of no domain", domain_count(XENMEM_current_reservation, 0x7000), -XEN_ESRCH);

    check_eq("memory_op decrease_reservation gives a page back", reservation(XENMEM_decrease_reservation, scratch_gfn, 0), 1);
    check_eq("memory_op current_reservation one page less", domain_count(XENMEM_current_reservation, DOMID_SELF), pages - 1);
    check_eq("memory_op decrease_reservation of a hole does nothing", reservation(XENMEM_decrease_reservation, scratch_gfn, 0), 0);
    check_eq("memory_op populate_physmap fills the hole", reservation(XENMEM_populate_physmap, scratch_gfn, 0), 1);
    scratch[100] = 0x5a;
    check_eq("memory_op the populated page is usable", scratch[100], 0x5a);
    while (domain_count(XENMEM_current_reservation, DOMID_SELF) < max_pages)
        if (reservation(XENMEM_increase_reservation, 0, 0) != 1)
            break;
    check_eq("memory_op increase_reservation fills up to max_mem", domain_count(XENMEM_current_reservation, DOMID_SELF), max_pages);
    check_eq("memory_op populate_physmap past max_mem", reservation(XENMEM_populate_physmap, UNMAPPED_GPA / PAGE_SIZE, 0), 0);
    check_eq("memory_op populate_physmap of a misaligned extent", reservation(XENMEM_populate_physmap, scratch_gfn + 1, 1), 0);
    check_eq("memory_op populate_physmap above the domU order limit", reservation(XENMEM_populate_physmap, 0, 10), 0);

    check_eq("memory_op decrease_reservation again", reservation(XENMEM_decrease_reservation, scratch_gfn, 0), 1);
    check_eq("memory_op increase_reservation takes a page", reservation(XENMEM_increase_reservation, 0, 0), 1);
    check_eq("memory_op current_reservation counts it", domain_count(XENMEM_current_reservation, DOMID_SELF), max_pages);
    check_eq("memory_op increase_reservation past max_mem", reservation(XENMEM_increase_reservation, 0, 0), 0);
    check_eq("memory_op reservation from unmapped memory", HYPERVISOR_memory_op(XENMEM_populate_physmap, (void *)UNMAPPED_GPA), -XEN_EFAULT);

    check_eq("memory_op get_sharing_freed_pages", HYPERVISOR_memory_op(XENMEM_get_sharing_freed_pages, NULL), 0);
    check_eq("memory_op get_sharing_shared_pages", HYPERVISOR_memory_op(XENMEM_get_sharing_shared_pages, NULL), 0);
    check_eq("memory_op unknown sub-op", HYPERVISOR_memory_op(99, NULL), -XEN_ENOSYS);
}

static void check_physmap(void)
{
    check_eq("memory_op add_to_physmap shared_info", xen_map_shared_info(), 0);
    check_eq("memory_op add_to_physmap shared_info idx 1", add_to_physmap(DOMID_SELF, XENMAPSPACE_shared_info, 1, UNMAPPED_GPA / PAGE_SIZE), -XEN_EINVAL);
    check_eq("memory_op add_to_physmap for dom0 is denied", add_to_physmap(0, XENMAPSPACE_shared_info, 0, UNMAPPED_GPA / PAGE_SIZE), -XEN_EPERM);

    const uint64_t grant_gfn = GUEST_GNTTAB_BASE / PAGE_SIZE;
    check_eq("memory_op add_to_physmap grant_table frame 0", add_to_physmap(DOMID_SELF, XENMAPSPACE_grant_table, 0, grant_gfn), 0);
    volatile grant_entry_v1_t *grants = (grant_entry_v1_t *)GUEST_GNTTAB_BASE;
    grants[8].frame = 0x1234;
    check_eq("memory_op the grant frame is mapped and writable", grants[8].frame, 0x1234);
    grants[8].frame = 0;
    check_eq("memory_op add_to_physmap a grant status frame", add_to_physmap(DOMID_SELF, XENMAPSPACE_grant_table, XENMAPIDX_grant_table_status, grant_gfn + 1), -XEN_EINVAL);
    check_eq("memory_op add_to_physmap a grant frame past the limit", add_to_physmap(DOMID_SELF, XENMAPSPACE_grant_table, 100000, grant_gfn + 1), -XEN_EINVAL);
    check_eq("memory_op add_to_physmap space gmfn", add_to_physmap(DOMID_SELF, XENMAPSPACE_gmfn, 0, grant_gfn + 1), -XEN_ENOSYS);
}

void check_memory_op(void)
{
    check_reservation();
    check_physmap();
}
