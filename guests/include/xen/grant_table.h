/* grant_table_op. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_GRANT_TABLE_H
#define XENRV_XEN_GRANT_TABLE_H

#include <stddef.h>
#include <stdint.h>

/* grant_table_op sub-ops. */
#define GNTTABOP_map_grant_ref 0
#define GNTTABOP_unmap_grant_ref 1
#define GNTTABOP_setup_table 2
#define GNTTABOP_dump_table 3
#define GNTTABOP_transfer 4
#define GNTTABOP_copy 5
#define GNTTABOP_query_size 6
#define GNTTABOP_unmap_and_replace 7
#define GNTTABOP_set_version 8
#define GNTTABOP_get_status_frames 9
#define GNTTABOP_get_version 10
#define GNTTABOP_swap_grant_ref 11
#define GNTTABOP_cache_flush 12

/* grant_entry_v1.flags. */
#define GTF_type_mask 0x3
#define GTF_invalid 0x0
#define GTF_permit_access 0x1
#define GTF_accept_transfer 0x2
#define GTF_transitive 0x3
#define GTF_readonly 0x4
#define GTF_reading 0x8
#define GTF_writing 0x10
#define GTF_PWT 0x20
#define GTF_PCD 0x40
#define GTF_PAT 0x80
#define GTF_sub_page 0x100
#define GTF_transfer_committed 0x4
#define GTF_transfer_completed 0x8

/* gnttab_map_grant_ref.flags. */
#define GNTMAP_device_map 0x1
#define GNTMAP_host_map 0x2
#define GNTMAP_readonly 0x4
#define GNTMAP_application_map 0x8
#define GNTMAP_contains_pte 0x10

/* gnttab_copy.flags: which side is a grant reference. */
#define GNTCOPY_source_gref 0x1
#define GNTCOPY_dest_gref 0x2

/* Per-operation grant status codes (the status fields). */
#define GNTST_okay 0
#define GNTST_general_error (-1)
#define GNTST_bad_domain (-2)
#define GNTST_bad_gntref (-3)
#define GNTST_bad_handle (-4)
#define GNTST_bad_virt_addr (-5)
#define GNTST_bad_dev_addr (-6)
#define GNTST_no_device_space (-7)
#define GNTST_permission_denied (-8)
#define GNTST_bad_page (-9)
#define GNTST_bad_copy_arg (-10)
#define GNTST_address_too_big (-11)
#define GNTST_eagain (-12)
#define GNTST_no_space (-13)

/* Grant table sizes and reserved references. */
#define GNTTAB_NR_RESERVED_ENTRIES 8
#define GNTTAB_RESERVED_CONSOLE 0
#define GNTTAB_RESERVED_XENSTORE 1
#define GNTTAB_MAX_VERSION 1
#define GNTTAB_ENTRIES_PER_FRAME 512
#define GNTTAB_DEFAULT_MAX_FRAMES 64
#define GNTTAB_DEFAULT_MAX_MAPTRACK_FRAMES 1024

/* gnttab_cache_flush.op bits. */
#define GNTTAB_CACHE_CLEAN 0x1
#define GNTTAB_CACHE_INVAL 0x2
#define GNTTAB_CACHE_SOURCE_GREF 0x80000000U

/* A v1 grant entry: GTF_* flags, the domain granted, the granted gfn. */
struct grant_entry_v1 {
    uint16_t flags;
    uint16_t domid;
    uint32_t frame;
};
typedef struct grant_entry_v1 grant_entry_v1_t;
_Static_assert(sizeof(struct grant_entry_v1) == 8, "grant_entry_v1 size");
_Static_assert(_Alignof(struct grant_entry_v1) == 4, "grant_entry_v1 alignment");
_Static_assert(offsetof(struct grant_entry_v1, flags) == 0, "grant_entry_v1.flags offset");
_Static_assert(offsetof(struct grant_entry_v1, domid) == 2, "grant_entry_v1.domid offset");
_Static_assert(offsetof(struct grant_entry_v1, frame) == 4, "grant_entry_v1.frame offset");

/* IN host_addr, flags, ref, dom; OUT status, handle, dev_bus_addr. */
struct gnttab_map_grant_ref {
    uint64_t host_addr;
    uint32_t flags;
    uint32_t ref;
    uint16_t dom;
    int16_t status;
    uint32_t handle;
    uint64_t dev_bus_addr;
};
typedef struct gnttab_map_grant_ref gnttab_map_grant_ref_t;
_Static_assert(sizeof(struct gnttab_map_grant_ref) == 32, "gnttab_map_grant_ref size");
_Static_assert(_Alignof(struct gnttab_map_grant_ref) == 8, "gnttab_map_grant_ref alignment");
_Static_assert(offsetof(struct gnttab_map_grant_ref, host_addr) == 0, "gnttab_map_grant_ref.host_addr offset");
_Static_assert(offsetof(struct gnttab_map_grant_ref, flags) == 8, "gnttab_map_grant_ref.flags offset");
_Static_assert(offsetof(struct gnttab_map_grant_ref, ref) == 12, "gnttab_map_grant_ref.ref offset");
_Static_assert(offsetof(struct gnttab_map_grant_ref, dom) == 16, "gnttab_map_grant_ref.dom offset");
_Static_assert(offsetof(struct gnttab_map_grant_ref, status) == 18, "gnttab_map_grant_ref.status offset");
_Static_assert(offsetof(struct gnttab_map_grant_ref, handle) == 20, "gnttab_map_grant_ref.handle offset");
_Static_assert(offsetof(struct gnttab_map_grant_ref, dev_bus_addr) == 24, "gnttab_map_grant_ref.dev_bus_addr offset");

/* IN host_addr, dev_bus_addr, handle; OUT status. */
struct gnttab_unmap_grant_ref {
    uint64_t host_addr;
    uint64_t dev_bus_addr;
    uint32_t handle;
    int16_t status;
};
typedef struct gnttab_unmap_grant_ref gnttab_unmap_grant_ref_t;
_Static_assert(sizeof(struct gnttab_unmap_grant_ref) == 24, "gnttab_unmap_grant_ref size");
_Static_assert(_Alignof(struct gnttab_unmap_grant_ref) == 8, "gnttab_unmap_grant_ref alignment");
_Static_assert(offsetof(struct gnttab_unmap_grant_ref, host_addr) == 0, "gnttab_unmap_grant_ref.host_addr offset");
_Static_assert(offsetof(struct gnttab_unmap_grant_ref, dev_bus_addr) == 8, "gnttab_unmap_grant_ref.dev_bus_addr offset");
_Static_assert(offsetof(struct gnttab_unmap_grant_ref, handle) == 16, "gnttab_unmap_grant_ref.handle offset");
_Static_assert(offsetof(struct gnttab_unmap_grant_ref, status) == 20, "gnttab_unmap_grant_ref.status offset");

/* IN dom, nr_frames, frame_list; OUT status and the frames. */
struct gnttab_setup_table {
    uint16_t dom;
    uint32_t nr_frames;
    int16_t status;
    uint64_t frame_list; /* guest handle: xen_pfn_t * */
};
typedef struct gnttab_setup_table gnttab_setup_table_t;
_Static_assert(sizeof(struct gnttab_setup_table) == 24, "gnttab_setup_table size");
_Static_assert(_Alignof(struct gnttab_setup_table) == 8, "gnttab_setup_table alignment");
_Static_assert(offsetof(struct gnttab_setup_table, dom) == 0, "gnttab_setup_table.dom offset");
_Static_assert(offsetof(struct gnttab_setup_table, nr_frames) == 4, "gnttab_setup_table.nr_frames offset");
_Static_assert(offsetof(struct gnttab_setup_table, status) == 8, "gnttab_setup_table.status offset");
_Static_assert(offsetof(struct gnttab_setup_table, frame_list) == 16, "gnttab_setup_table.frame_list offset");

struct gnttab_dump_table {
    uint16_t dom;
    int16_t status;
};
typedef struct gnttab_dump_table gnttab_dump_table_t;
_Static_assert(sizeof(struct gnttab_dump_table) == 4, "gnttab_dump_table size");
_Static_assert(_Alignof(struct gnttab_dump_table) == 2, "gnttab_dump_table alignment");
_Static_assert(offsetof(struct gnttab_dump_table, dom) == 0, "gnttab_dump_table.dom offset");
_Static_assert(offsetof(struct gnttab_dump_table, status) == 2, "gnttab_dump_table.status offset");

struct gnttab_transfer {
    uint64_t mfn;
    uint16_t domid;
    uint32_t ref;
    int16_t status;
};
typedef struct gnttab_transfer gnttab_transfer_t;
_Static_assert(sizeof(struct gnttab_transfer) == 24, "gnttab_transfer size");
_Static_assert(_Alignof(struct gnttab_transfer) == 8, "gnttab_transfer alignment");
_Static_assert(offsetof(struct gnttab_transfer, mfn) == 0, "gnttab_transfer.mfn offset");
_Static_assert(offsetof(struct gnttab_transfer, domid) == 8, "gnttab_transfer.domid offset");
_Static_assert(offsetof(struct gnttab_transfer, ref) == 12, "gnttab_transfer.ref offset");
_Static_assert(offsetof(struct gnttab_transfer, status) == 16, "gnttab_transfer.status offset");

union gnttab_copy_ptr_u {
    uint32_t ref;
    uint64_t gmfn;
};
typedef union gnttab_copy_ptr_u gnttab_copy_ptr_u_t;
_Static_assert(sizeof(union gnttab_copy_ptr_u) == 8, "gnttab_copy_ptr_u size");
_Static_assert(_Alignof(union gnttab_copy_ptr_u) == 8, "gnttab_copy_ptr_u alignment");
_Static_assert(offsetof(union gnttab_copy_ptr_u, ref) == 0, "gnttab_copy_ptr_u.ref offset");
_Static_assert(offsetof(union gnttab_copy_ptr_u, gmfn) == 0, "gnttab_copy_ptr_u.gmfn offset");

struct gnttab_copy_ptr {
    union gnttab_copy_ptr_u u;
    uint16_t domid;
    uint16_t offset;
};
typedef struct gnttab_copy_ptr gnttab_copy_ptr_t;
_Static_assert(sizeof(struct gnttab_copy_ptr) == 16, "gnttab_copy_ptr size");
_Static_assert(_Alignof(struct gnttab_copy_ptr) == 8, "gnttab_copy_ptr alignment");
_Static_assert(offsetof(struct gnttab_copy_ptr, u) == 0, "gnttab_copy_ptr.u offset");
_Static_assert(offsetof(struct gnttab_copy_ptr, domid) == 8, "gnttab_copy_ptr.domid offset");
_Static_assert(offsetof(struct gnttab_copy_ptr, offset) == 10, "gnttab_copy_ptr.offset offset");

/* Copy len bytes between frames; OUT status. */
struct gnttab_copy {
    struct gnttab_copy_ptr source;
    struct gnttab_copy_ptr dest;
    uint16_t len;
    uint16_t flags;
    int16_t status;
};
typedef struct gnttab_copy gnttab_copy_t;
_Static_assert(sizeof(struct gnttab_copy) == 40, "gnttab_copy size");
_Static_assert(_Alignof(struct gnttab_copy) == 8, "gnttab_copy alignment");
_Static_assert(offsetof(struct gnttab_copy, source) == 0, "gnttab_copy.source offset");
_Static_assert(offsetof(struct gnttab_copy, dest) == 16, "gnttab_copy.dest offset");
_Static_assert(offsetof(struct gnttab_copy, len) == 32, "gnttab_copy.len offset");
_Static_assert(offsetof(struct gnttab_copy, flags) == 34, "gnttab_copy.flags offset");
_Static_assert(offsetof(struct gnttab_copy, status) == 36, "gnttab_copy.status offset");

/* IN dom; OUT nr_frames, max_nr_frames, status. */
struct gnttab_query_size {
    uint16_t dom;
    uint32_t nr_frames;
    uint32_t max_nr_frames;
    int16_t status;
};
typedef struct gnttab_query_size gnttab_query_size_t;
_Static_assert(sizeof(struct gnttab_query_size) == 16, "gnttab_query_size size");
_Static_assert(_Alignof(struct gnttab_query_size) == 4, "gnttab_query_size alignment");
_Static_assert(offsetof(struct gnttab_query_size, dom) == 0, "gnttab_query_size.dom offset");
_Static_assert(offsetof(struct gnttab_query_size, nr_frames) == 4, "gnttab_query_size.nr_frames offset");
_Static_assert(offsetof(struct gnttab_query_size, max_nr_frames) == 8, "gnttab_query_size.max_nr_frames offset");
_Static_assert(offsetof(struct gnttab_query_size, status) == 12, "gnttab_query_size.status offset");

struct gnttab_set_version {
    uint32_t version;
};
typedef struct gnttab_set_version gnttab_set_version_t;
_Static_assert(sizeof(struct gnttab_set_version) == 4, "gnttab_set_version size");
_Static_assert(_Alignof(struct gnttab_set_version) == 4, "gnttab_set_version alignment");
_Static_assert(offsetof(struct gnttab_set_version, version) == 0, "gnttab_set_version.version offset");

struct gnttab_get_version {
    uint16_t dom;
    uint16_t pad;
    uint32_t version;
};
typedef struct gnttab_get_version gnttab_get_version_t;
_Static_assert(sizeof(struct gnttab_get_version) == 8, "gnttab_get_version size");
_Static_assert(_Alignof(struct gnttab_get_version) == 4, "gnttab_get_version alignment");
_Static_assert(offsetof(struct gnttab_get_version, dom) == 0, "gnttab_get_version.dom offset");
_Static_assert(offsetof(struct gnttab_get_version, pad) == 2, "gnttab_get_version.pad offset");
_Static_assert(offsetof(struct gnttab_get_version, version) == 4, "gnttab_get_version.version offset");

/* IN host_addr, new_addr, handle; OUT status. Arm refuses a non-zero new_addr. */
struct gnttab_unmap_and_replace {
    uint64_t host_addr;
    uint64_t new_addr;
    uint32_t handle;
    int16_t status;
};
typedef struct gnttab_unmap_and_replace gnttab_unmap_and_replace_t;
_Static_assert(sizeof(struct gnttab_unmap_and_replace) == 24, "gnttab_unmap_and_replace size");
_Static_assert(_Alignof(struct gnttab_unmap_and_replace) == 8, "gnttab_unmap_and_replace alignment");
_Static_assert(offsetof(struct gnttab_unmap_and_replace, host_addr) == 0, "gnttab_unmap_and_replace.host_addr offset");
_Static_assert(offsetof(struct gnttab_unmap_and_replace, new_addr) == 8, "gnttab_unmap_and_replace.new_addr offset");
_Static_assert(offsetof(struct gnttab_unmap_and_replace, handle) == 16, "gnttab_unmap_and_replace.handle offset");
_Static_assert(offsetof(struct gnttab_unmap_and_replace, status) == 20, "gnttab_unmap_and_replace.status offset");

/* v2 status frames; a v1 table has none. */
struct gnttab_get_status_frames {
    uint32_t nr_frames;
    uint16_t dom;
    int16_t status;
    uint64_t frame_list; /* guest handle: uint64_t * */
};
typedef struct gnttab_get_status_frames gnttab_get_status_frames_t;
_Static_assert(sizeof(struct gnttab_get_status_frames) == 16, "gnttab_get_status_frames size");
_Static_assert(_Alignof(struct gnttab_get_status_frames) == 8, "gnttab_get_status_frames alignment");
_Static_assert(offsetof(struct gnttab_get_status_frames, nr_frames) == 0, "gnttab_get_status_frames.nr_frames offset");
_Static_assert(offsetof(struct gnttab_get_status_frames, dom) == 4, "gnttab_get_status_frames.dom offset");
_Static_assert(offsetof(struct gnttab_get_status_frames, status) == 6, "gnttab_get_status_frames.status offset");
_Static_assert(offsetof(struct gnttab_get_status_frames, frame_list) == 8, "gnttab_get_status_frames.frame_list offset");

/* Swaps two of the caller's own entries that are not in use. */
struct gnttab_swap_grant_ref {
    uint32_t ref_a;
    uint32_t ref_b;
    int16_t status;
};
typedef struct gnttab_swap_grant_ref gnttab_swap_grant_ref_t;
_Static_assert(sizeof(struct gnttab_swap_grant_ref) == 12, "gnttab_swap_grant_ref size");
_Static_assert(_Alignof(struct gnttab_swap_grant_ref) == 4, "gnttab_swap_grant_ref alignment");
_Static_assert(offsetof(struct gnttab_swap_grant_ref, ref_a) == 0, "gnttab_swap_grant_ref.ref_a offset");
_Static_assert(offsetof(struct gnttab_swap_grant_ref, ref_b) == 4, "gnttab_swap_grant_ref.ref_b offset");
_Static_assert(offsetof(struct gnttab_swap_grant_ref, status) == 8, "gnttab_swap_grant_ref.status offset");

union gnttab_cache_flush_a {
    uint64_t dev_bus_addr;
    uint32_t ref;
};
typedef union gnttab_cache_flush_a gnttab_cache_flush_a_t;
_Static_assert(sizeof(union gnttab_cache_flush_a) == 8, "gnttab_cache_flush_a size");
_Static_assert(_Alignof(union gnttab_cache_flush_a) == 8, "gnttab_cache_flush_a alignment");
_Static_assert(offsetof(union gnttab_cache_flush_a, dev_bus_addr) == 0, "gnttab_cache_flush_a.dev_bus_addr offset");
_Static_assert(offsetof(union gnttab_cache_flush_a, ref) == 0, "gnttab_cache_flush_a.ref offset");

/* Cleans and/or invalidates the data cache over part of a granted frame. */
struct gnttab_cache_flush {
    union gnttab_cache_flush_a a;
    uint16_t offset;
    uint16_t length;
    uint32_t op;
};
typedef struct gnttab_cache_flush gnttab_cache_flush_t;
_Static_assert(sizeof(struct gnttab_cache_flush) == 16, "gnttab_cache_flush size");
_Static_assert(_Alignof(struct gnttab_cache_flush) == 8, "gnttab_cache_flush alignment");
_Static_assert(offsetof(struct gnttab_cache_flush, a) == 0, "gnttab_cache_flush.a offset");
_Static_assert(offsetof(struct gnttab_cache_flush, offset) == 8, "gnttab_cache_flush.offset offset");
_Static_assert(offsetof(struct gnttab_cache_flush, length) == 10, "gnttab_cache_flush.length offset");
_Static_assert(offsetof(struct gnttab_cache_flush, op) == 12, "gnttab_cache_flush.op offset");

#endif /* XENRV_XEN_GRANT_TABLE_H */
