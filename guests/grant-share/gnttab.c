/* Grant tables v1, guest side: see gnttab.h. */
#include "runtime.h"
#include "gnttab.h"

static volatile grant_entry_v1_t *entries;

long gnttab_init(void)
{
    if (entries) return 0;
    struct xen_add_to_physmap map = {
        .domid = DOMID_SELF,
        .space = XENMAPSPACE_grant_table,
        .idx = 0,
        .gpfn = GUEST_GNTTAB_BASE / PAGE_SIZE,
    };
    long rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &map);
    if (rc == 0) entries = (volatile grant_entry_v1_t *)GUEST_GNTTAB_BASE;
    return rc;
}

volatile grant_entry_v1_t *gnttab_entries(void) { return entries; }

void gnttab_grant_access(grant_ref_t ref, uint16_t domid, uint64_t gfn, int readonly)
{
    entries[ref].domid = domid;
    entries[ref].frame = (uint32_t)gfn;
    /* Xen must see the domid and frame before the flags that make the entry valid. */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    entries[ref].flags = GTF_permit_access | (readonly ? GTF_readonly : 0);
}

int gnttab_in_use(grant_ref_t ref) { return (entries[ref].flags & (GTF_reading | GTF_writing)) != 0; }

int gnttab_end_access(grant_ref_t ref)
{
    /* flags and domid share a word that Xen updates with compare-and-swap: so do we. */
    volatile uint32_t *combo = (volatile uint32_t *)&entries[ref];
    uint32_t seen = __atomic_load_n(combo, __ATOMIC_ACQUIRE);
    do {
        if (seen & (GTF_reading | GTF_writing)) return 0;
    } while (!__atomic_compare_exchange_n(combo, &seen, seen & 0xffff0000u, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE));
    return 1;
}

int gnttab_map(uint16_t dom, grant_ref_t ref, void *at, int readonly, grant_handle_t *handle)
{
    struct gnttab_map_grant_ref op = {
        .host_addr = (uintptr_t)at,
        .flags = GNTMAP_host_map | (readonly ? GNTMAP_readonly : 0),
        .ref = ref,
        .dom = dom,
    };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &op, 1);
    if (rc != 0) return (int)rc;
    if (op.status == GNTST_okay) *handle = op.handle;
    return op.status;
}

int gnttab_unmap(void *at, grant_handle_t handle)
{
    struct gnttab_unmap_grant_ref op = { .host_addr = (uintptr_t)at, .handle = handle };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &op, 1);
    return rc != 0 ? (int)rc : op.status;
}

int gnttab_copy_one(const gnttab_copy_ptr_t *source, const gnttab_copy_ptr_t *dest, uint16_t len, uint16_t flags)
{
    struct gnttab_copy op = { .source = *source, .dest = *dest, .len = len, .flags = flags };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_copy, &op, 1);
    return rc != 0 ? (int)rc : op.status;
}
