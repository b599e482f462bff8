/* xen_version. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_VERSION_H
#define XENRV_XEN_VERSION_H

#include <stddef.h>
#include <stdint.h>

/* xen_version sub-ops. 0, 7 and 10-14 return a value; the *2 forms (11-14) are 4.20+. */
#define XENVER_version 0
#define XENVER_extraversion 1
#define XENVER_compile_info 2
#define XENVER_capabilities 3
#define XENVER_changeset 4
#define XENVER_platform_parameters 5
#define XENVER_get_features 6
#define XENVER_pagesize 7
#define XENVER_guest_handle 8
#define XENVER_commandline 9
#define XENVER_build_id 10
#define XENVER_extraversion2 11
#define XENVER_capabilities2 12
#define XENVER_changeset2 13
#define XENVER_commandline2 14

/* Sizes of the fixed xen_version buffers. */
#define XEN_EXTRAVERSION_LEN 16
#define XEN_CAPABILITIES_INFO_LEN 1024
#define XEN_CHANGESET_INFO_LEN 64
#define XEN_COMMANDLINE_LEN 1024

/* Feature bits of XENVER_get_features submap 0. */
#define XENFEAT_writable_page_tables 0
#define XENFEAT_auto_translated_physmap 2
#define XENFEAT_hvm_callback_vector 8
#define XENFEAT_hvm_safe_pvclock 9
#define XENFEAT_dom0 11
#define XENFEAT_memory_op_vnode_supported 13
#define XENFEAT_ARM_SMCCC_supported 14
#define XENFEAT_not_direct_mapped 16
#define XENFEAT_direct_mapped 17
#define XENFEAT_runstate_phys_area 18
#define XENFEAT_vcpu_time_phys_area 19
#define XENFEAT_NR_SUBMAPS 1

/* XENVER_extraversion: NUL-padded string (xen_extraversion_t). */
struct xen_extraversion {
    char extraversion[16];
};
typedef struct xen_extraversion xen_extraversion_t;
_Static_assert(sizeof(struct xen_extraversion) == 16, "xen_extraversion size");
_Static_assert(_Alignof(struct xen_extraversion) == 1, "xen_extraversion alignment");
_Static_assert(offsetof(struct xen_extraversion, extraversion) == 0, "xen_extraversion.extraversion offset");

/* XENVER_compile_info. */
struct xen_compile_info {
    char compiler[64];
    char compile_by[16];
    char compile_domain[32];
    char compile_date[32];
};
typedef struct xen_compile_info xen_compile_info_t;
_Static_assert(sizeof(struct xen_compile_info) == 144, "xen_compile_info size");
_Static_assert(_Alignof(struct xen_compile_info) == 1, "xen_compile_info alignment");
_Static_assert(offsetof(struct xen_compile_info, compiler) == 0, "xen_compile_info.compiler offset");
_Static_assert(offsetof(struct xen_compile_info, compile_by) == 64, "xen_compile_info.compile_by offset");
_Static_assert(offsetof(struct xen_compile_info, compile_domain) == 80, "xen_compile_info.compile_domain offset");
_Static_assert(offsetof(struct xen_compile_info, compile_date) == 112, "xen_compile_info.compile_date offset");

/* XENVER_capabilities: space-separated list, "xen-3.0-riscv64" on RISC-V. */
struct xen_capabilities_info {
    char info[1024];
};
typedef struct xen_capabilities_info xen_capabilities_info_t;
_Static_assert(sizeof(struct xen_capabilities_info) == 1024, "xen_capabilities_info size");
_Static_assert(_Alignof(struct xen_capabilities_info) == 1, "xen_capabilities_info alignment");
_Static_assert(offsetof(struct xen_capabilities_info, info) == 0, "xen_capabilities_info.info offset");

/* XENVER_changeset. */
struct xen_changeset_info {
    char info[64];
};
typedef struct xen_changeset_info xen_changeset_info_t;
_Static_assert(sizeof(struct xen_changeset_info) == 64, "xen_changeset_info size");
_Static_assert(_Alignof(struct xen_changeset_info) == 1, "xen_changeset_info alignment");
_Static_assert(offsetof(struct xen_changeset_info, info) == 0, "xen_changeset_info.info offset");

/* XENVER_commandline. */
struct xen_commandline {
    char line[1024];
};
typedef struct xen_commandline xen_commandline_t;
_Static_assert(sizeof(struct xen_commandline) == 1024, "xen_commandline size");
_Static_assert(_Alignof(struct xen_commandline) == 1, "xen_commandline alignment");
_Static_assert(offsetof(struct xen_commandline, line) == 0, "xen_commandline.line offset");

/* XENVER_platform_parameters: 0 for a translated guest. */
struct xen_platform_parameters {
    uint64_t virt_start;
};
typedef struct xen_platform_parameters xen_platform_parameters_t;
_Static_assert(sizeof(struct xen_platform_parameters) == 8, "xen_platform_parameters size");
_Static_assert(_Alignof(struct xen_platform_parameters) == 8, "xen_platform_parameters alignment");
_Static_assert(offsetof(struct xen_platform_parameters, virt_start) == 0, "xen_platform_parameters.virt_start offset");

/* XENVER_get_features: submap_idx IN (only 0 is valid), submap OUT. */
struct xen_feature_info {
    uint32_t submap_idx;
    uint32_t submap;
};
typedef struct xen_feature_info xen_feature_info_t;
_Static_assert(sizeof(struct xen_feature_info) == 8, "xen_feature_info size");
_Static_assert(_Alignof(struct xen_feature_info) == 4, "xen_feature_info alignment");
_Static_assert(offsetof(struct xen_feature_info, submap_idx) == 0, "xen_feature_info.submap_idx offset");
_Static_assert(offsetof(struct xen_feature_info, submap) == 4, "xen_feature_info.submap offset");

/* XENVER_guest_handle: the domain UUID (xen_domain_handle_t). */
struct xen_guest_handle_info {
    uint8_t handle[16];
};
typedef struct xen_guest_handle_info xen_guest_handle_info_t;
_Static_assert(sizeof(struct xen_guest_handle_info) == 16, "xen_guest_handle_info size");
_Static_assert(_Alignof(struct xen_guest_handle_info) == 1, "xen_guest_handle_info alignment");
_Static_assert(offsetof(struct xen_guest_handle_info, handle) == 0, "xen_guest_handle_info.handle offset");

/* XENVER_build_id and the *2 sub-ops: len IN = room in buf; the string has no NUL. Call with a NULL arg to learn the size. */
struct xen_varbuf {
    uint32_t len;
    uint8_t buf[];
};
typedef struct xen_varbuf xen_varbuf_t;
_Static_assert(sizeof(struct xen_varbuf) == 4, "xen_varbuf size");
_Static_assert(_Alignof(struct xen_varbuf) == 4, "xen_varbuf alignment");
_Static_assert(offsetof(struct xen_varbuf, len) == 0, "xen_varbuf.len offset");
_Static_assert(offsetof(struct xen_varbuf, buf) == 4, "xen_varbuf.buf offset");

#endif /* XENRV_XEN_VERSION_H */
