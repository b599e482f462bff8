/* memory_op. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_MEMORY_H
#define XENRV_XEN_MEMORY_H

#include <stddef.h>
#include <stdint.h>

/* memory_op sub-ops. */
#define XENMEM_increase_reservation 0
#define XENMEM_decrease_reservation 1
#define XENMEM_maximum_ram_page 2
#define XENMEM_current_reservation 3
#define XENMEM_maximum_reservation 4
#define XENMEM_populate_physmap 6
#define XENMEM_add_to_physmap 7
#define XENMEM_exchange 11
#define XENMEM_maximum_gpfn 14
#define XENMEM_remove_from_physmap 15
#define XENMEM_get_sharing_freed_pages 18
#define XENMEM_get_sharing_shared_pages 19
#define XENMEM_add_to_physmap_batch 23

/* xen_add_to_physmap.space. */
#define XENMAPSPACE_shared_info 0
#define XENMAPSPACE_grant_table 1
#define XENMAPSPACE_gmfn 2
#define XENMAPSPACE_gmfn_range 3
#define XENMAPSPACE_gmfn_foreign 4
#define XENMAPSPACE_dev_mmio 5

/* Special idx values of XENMAPSPACE_grant_table. */
#define XENMAPIDX_grant_table_status 0x80000000U

/* xen_memory_reservation.mem_flags bits. */
#define XENMEMF_populate_on_demand 0x10000
#define XENMEMF_exact_node_request 0x20000
#define XENMEMF_vnode 0x40000

/* increase/decrease_reservation and populate_physmap: nr_extents extents of 2^extent_order pages. */
struct xen_memory_reservation {
    uint64_t extent_start; /* guest handle: xen_pfn_t * */
    uint64_t nr_extents;
    uint32_t extent_order;
    uint32_t mem_flags;
    uint16_t domid;
};
typedef struct xen_memory_reservation xen_memory_reservation_t;
_Static_assert(sizeof(struct xen_memory_reservation) == 32, "xen_memory_reservation size");
_Static_assert(_Alignof(struct xen_memory_reservation) == 8, "xen_memory_reservation alignment");
_Static_assert(offsetof(struct xen_memory_reservation, extent_start) == 0, "xen_memory_reservation.extent_start offset");
_Static_assert(offsetof(struct xen_memory_reservation, nr_extents) == 8, "xen_memory_reservation.nr_extents offset");
_Static_assert(offsetof(struct xen_memory_reservation, extent_order) == 16, "xen_memory_reservation.extent_order offset");
_Static_assert(offsetof(struct xen_memory_reservation, mem_flags) == 20, "xen_memory_reservation.mem_flags offset");
_Static_assert(offsetof(struct xen_memory_reservation, domid) == 24, "xen_memory_reservation.domid offset");

/* Map frame idx of space at gpfn (size is for XENMAPSPACE_gmfn_range). */
struct xen_add_to_physmap {
    uint16_t domid;
    uint16_t size;
    uint32_t space;
    uint64_t idx;
    uint64_t gpfn;
};
typedef struct xen_add_to_physmap xen_add_to_physmap_t;
_Static_assert(sizeof(struct xen_add_to_physmap) == 24, "xen_add_to_physmap size");
_Static_assert(_Alignof(struct xen_add_to_physmap) == 8, "xen_add_to_physmap alignment");
_Static_assert(offsetof(struct xen_add_to_physmap, domid) == 0, "xen_add_to_physmap.domid offset");
_Static_assert(offsetof(struct xen_add_to_physmap, size) == 2, "xen_add_to_physmap.size offset");
_Static_assert(offsetof(struct xen_add_to_physmap, space) == 4, "xen_add_to_physmap.space offset");
_Static_assert(offsetof(struct xen_add_to_physmap, idx) == 8, "xen_add_to_physmap.idx offset");
_Static_assert(offsetof(struct xen_add_to_physmap, gpfn) == 16, "xen_add_to_physmap.gpfn offset");

struct xen_remove_from_physmap {
    uint16_t domid;
    uint64_t gpfn;
};
typedef struct xen_remove_from_physmap xen_remove_from_physmap_t;
_Static_assert(sizeof(struct xen_remove_from_physmap) == 16, "xen_remove_from_physmap size");
_Static_assert(_Alignof(struct xen_remove_from_physmap) == 8, "xen_remove_from_physmap alignment");
_Static_assert(offsetof(struct xen_remove_from_physmap, domid) == 0, "xen_remove_from_physmap.domid offset");
_Static_assert(offsetof(struct xen_remove_from_physmap, gpfn) == 8, "xen_remove_from_physmap.gpfn offset");

union xen_add_to_physmap_batch_extra {
    uint16_t foreign_domid;
    uint16_t res0;
};
typedef union xen_add_to_physmap_batch_extra xen_add_to_physmap_batch_extra_t;
_Static_assert(sizeof(union xen_add_to_physmap_batch_extra) == 2, "xen_add_to_physmap_batch_extra size");
_Static_assert(_Alignof(union xen_add_to_physmap_batch_extra) == 2, "xen_add_to_physmap_batch_extra alignment");
_Static_assert(offsetof(union xen_add_to_physmap_batch_extra, foreign_domid) == 0, "xen_add_to_physmap_batch_extra.foreign_domid offset");
_Static_assert(offsetof(union xen_add_to_physmap_batch_extra, res0) == 0, "xen_add_to_physmap_batch_extra.res0 offset");

/* size mappings at once; per-entry errors go to errs. */
struct xen_add_to_physmap_batch {
    uint16_t domid;
    uint16_t space;
    uint16_t size;
    union xen_add_to_physmap_batch_extra u;
    uint64_t idxs; /* guest handle: xen_ulong_t * */
    uint64_t gpfns; /* guest handle: xen_pfn_t * */
    uint64_t errs; /* guest handle: int * */
};
typedef struct xen_add_to_physmap_batch xen_add_to_physmap_batch_t;
_Static_assert(sizeof(struct xen_add_to_physmap_batch) == 32, "xen_add_to_physmap_batch size");
_Static_assert(_Alignof(struct xen_add_to_physmap_batch) == 8, "xen_add_to_physmap_batch alignment");
_Static_assert(offsetof(struct xen_add_to_physmap_batch, domid) == 0, "xen_add_to_physmap_batch.domid offset");
_Static_assert(offsetof(struct xen_add_to_physmap_batch, space) == 2, "xen_add_to_physmap_batch.space offset");
_Static_assert(offsetof(struct xen_add_to_physmap_batch, size) == 4, "xen_add_to_physmap_batch.size offset");
_Static_assert(offsetof(struct xen_add_to_physmap_batch, u) == 6, "xen_add_to_physmap_batch.u offset");
_Static_assert(offsetof(struct xen_add_to_physmap_batch, idxs) == 8, "xen_add_to_physmap_batch.idxs offset");
_Static_assert(offsetof(struct xen_add_to_physmap_batch, gpfns) == 16, "xen_add_to_physmap_batch.gpfns offset");
_Static_assert(offsetof(struct xen_add_to_physmap_batch, errs) == 24, "xen_add_to_physmap_batch.errs offset");

#endif /* XENRV_XEN_MEMORY_H */
