/* sysctl. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_SYSCTL_H
#define XENRV_XEN_SYSCTL_H

#include <stddef.h>
#include <stdint.h>
#include "xen.h"
#include "scheduler.h"

/* sysctl interface version (Xen 4.18). */
#define XEN_SYSCTL_INTERFACE_VERSION 0x15

/* sysctl commands (xen_sysctl.cmd). */
#define XEN_SYSCTL_readconsole 1
#define XEN_SYSCTL_tbuf_op 2
#define XEN_SYSCTL_physinfo 3
#define XEN_SYSCTL_sched_id 4
#define XEN_SYSCTL_perfc_op 5
#define XEN_SYSCTL_getdomaininfolist 6
#define XEN_SYSCTL_debug_keys 7
#define XEN_SYSCTL_getcpuinfo 8
#define XEN_SYSCTL_availheap 9
#define XEN_SYSCTL_cputopoinfo 16
#define XEN_SYSCTL_numainfo 17
#define XEN_SYSCTL_cpupool_op 18
#define XEN_SYSCTL_scheduler_op 19
#define XEN_SYSCTL_get_cpu_featureset 26
#define XEN_SYSCTL_get_cpu_policy 29
#define XEN_SYSCTL_dt_overlay 30

/* xen_sysctl_physinfo.capabilities bits. */
#define XEN_SYSCTL_PHYSCAP_hvm 0x1
#define XEN_SYSCTL_PHYSCAP_pv 0x2
#define XEN_SYSCTL_PHYSCAP_directio 0x4
#define XEN_SYSCTL_PHYSCAP_hap 0x8
#define XEN_SYSCTL_PHYSCAP_shadow 0x10
#define XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share 0x20
#define XEN_SYSCTL_PHYSCAP_vmtrace 0x40
#define XEN_SYSCTL_PHYSCAP_vpmu 0x80
#define XEN_SYSCTL_PHYSCAP_gnttab_v1 0x100
#define XEN_SYSCTL_PHYSCAP_gnttab_v2 0x200

/* cpupool_op operations. */
#define XEN_SYSCTL_CPUPOOL_OP_CREATE 1
#define XEN_SYSCTL_CPUPOOL_OP_DESTROY 2
#define XEN_SYSCTL_CPUPOOL_OP_INFO 3
#define XEN_SYSCTL_CPUPOOL_OP_ADDCPU 4
#define XEN_SYSCTL_CPUPOOL_OP_RMCPU 5
#define XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN 6
#define XEN_SYSCTL_CPUPOOL_OP_FREEINFO 7

/* cpupool_op wildcard. */
#define XEN_SYSCTL_CPUPOOL_PAR_ANY 0xffffffffU

/* Read the hypervisor console ring; count IN = room, OUT = bytes. */
struct xen_sysctl_readconsole {
    uint8_t clear;
    uint8_t incremental;
    uint8_t pad0;
    uint8_t pad1;
    uint32_t index;
    uint64_t buffer; /* guest handle: char * */
    uint32_t count;
};
typedef struct xen_sysctl_readconsole xen_sysctl_readconsole_t;
_Static_assert(sizeof(struct xen_sysctl_readconsole) == 24, "xen_sysctl_readconsole size");
_Static_assert(_Alignof(struct xen_sysctl_readconsole) == 8, "xen_sysctl_readconsole alignment");
_Static_assert(offsetof(struct xen_sysctl_readconsole, clear) == 0, "xen_sysctl_readconsole.clear offset");
_Static_assert(offsetof(struct xen_sysctl_readconsole, incremental) == 1, "xen_sysctl_readconsole.incremental offset");
_Static_assert(offsetof(struct xen_sysctl_readconsole, pad0) == 2, "xen_sysctl_readconsole.pad0 offset");
_Static_assert(offsetof(struct xen_sysctl_readconsole, pad1) == 3, "xen_sysctl_readconsole.pad1 offset");
_Static_assert(offsetof(struct xen_sysctl_readconsole, index) == 4, "xen_sysctl_readconsole.index offset");
_Static_assert(offsetof(struct xen_sysctl_readconsole, buffer) == 8, "xen_sysctl_readconsole.buffer offset");
_Static_assert(offsetof(struct xen_sysctl_readconsole, count) == 16, "xen_sysctl_readconsole.count offset");

/* Host facts for xl info; capabilities are XEN_SYSCTL_PHYSCAP_*. */
struct xen_sysctl_physinfo {
    uint32_t threads_per_core;
    uint32_t cores_per_socket;
    uint32_t nr_cpus;
    uint32_t max_cpu_id;
    uint32_t nr_nodes;
    uint32_t max_node_id;
    uint32_t cpu_khz;
    uint32_t capabilities;
    uint32_t arch_capabilities;
    uint32_t pad;
    uint64_t total_pages;
    uint64_t free_pages;
    uint64_t scrub_pages;
    uint64_t outstanding_pages;
    uint64_t max_mfn;
    uint32_t hw_cap[8];
};
typedef struct xen_sysctl_physinfo xen_sysctl_physinfo_t;
_Static_assert(sizeof(struct xen_sysctl_physinfo) == 112, "xen_sysctl_physinfo size");
_Static_assert(_Alignof(struct xen_sysctl_physinfo) == 8, "xen_sysctl_physinfo alignment");
_Static_assert(offsetof(struct xen_sysctl_physinfo, threads_per_core) == 0, "xen_sysctl_physinfo.threads_per_core offset");
_Static_assert(offsetof(struct xen_sysctl_physinfo, cores_per_socket) == 4, "xen_sysctl_physinfo.cores_per_socket offset");
_Static_assert(offsetof(struct xen_sysctl_physinfo, nr_cpus) == 8, "xen_sysctl_physinfo.nr_cpus offset");
_Static_assert(offsetof(struct xen_sysctl_physinfo, max_cpu_id) == 12, "xen_sysctl_physinfo.max_cpu_id offset");
_Static_assert(offsetof(struct xen_sysctl_physinfo, nr_nodes) == 16, "xen_sysctl_physinfo.nr_nodes offset");
_Static_assert(offsetof(struct xen_sysctl_physinfo, max_node_id) == 20, "xen_sysctl_physinfo.max_node_id offset");
_Static_assert(offsetof(struct xen_sysctl_physinfo, cpu_khz) == 24, "xen_sysctl_physinfo.cpu_khz offset");
_Static_assert(offsetof(struct xen_sysctl_physinfo, capabilities) == 28, "xen_sysctl_physinfo.capabilities offset");
_Static_assert(offsetof(struct xen_sysctl_physinfo, arch_capabilities) == 32, "xen_sysctl_physinfo.arch_capabilities offset");
_Static_assert(offsetof(struct xen_sysctl_physinfo, pad) == 36, "xen_sysctl_physinfo.pad offset");
_Static_assert(offsetof(struct xen_sysctl_physinfo, total_pages) == 40, "xen_sysctl_physinfo.total_pages offset");
_Static_assert(offsetof(struct xen_sysctl_physinfo, free_pages) == 48, "xen_sysctl_physinfo.free_pages offset");
_Static_assert(offsetof(struct xen_sysctl_physinfo, scrub_pages) == 56, "xen_sysctl_physinfo.scrub_pages offset");
_Static_assert(offsetof(struct xen_sysctl_physinfo, outstanding_pages) == 64, "xen_sysctl_physinfo.outstanding_pages offset");
_Static_assert(offsetof(struct xen_sysctl_physinfo, max_mfn) == 72, "xen_sysctl_physinfo.max_mfn offset");
_Static_assert(offsetof(struct xen_sysctl_physinfo, hw_cap) == 80, "xen_sysctl_physinfo.hw_cap offset");

/* OUT: the default cpupool's XEN_SCHEDULER_*. */
struct xen_sysctl_sched_id {
    uint32_t sched_id;
};
typedef struct xen_sysctl_sched_id xen_sysctl_sched_id_t;
_Static_assert(sizeof(struct xen_sysctl_sched_id) == 4, "xen_sysctl_sched_id size");
_Static_assert(_Alignof(struct xen_sysctl_sched_id) == 4, "xen_sysctl_sched_id alignment");
_Static_assert(offsetof(struct xen_sysctl_sched_id, sched_id) == 0, "xen_sysctl_sched_id.sched_id offset");

/* Domains with domid >= first_domain, in order, at most max_domains; OUT num_domains. */
struct xen_sysctl_getdomaininfolist {
    uint16_t first_domain;
    uint32_t max_domains;
    uint64_t buffer; /* guest handle: struct xen_domctl_getdomaininfo * */
    uint32_t num_domains;
};
typedef struct xen_sysctl_getdomaininfolist xen_sysctl_getdomaininfolist_t;
_Static_assert(sizeof(struct xen_sysctl_getdomaininfolist) == 24, "xen_sysctl_getdomaininfolist size");
_Static_assert(_Alignof(struct xen_sysctl_getdomaininfolist) == 8, "xen_sysctl_getdomaininfolist alignment");
_Static_assert(offsetof(struct xen_sysctl_getdomaininfolist, first_domain) == 0, "xen_sysctl_getdomaininfolist.first_domain offset");
_Static_assert(offsetof(struct xen_sysctl_getdomaininfolist, max_domains) == 4, "xen_sysctl_getdomaininfolist.max_domains offset");
_Static_assert(offsetof(struct xen_sysctl_getdomaininfolist, buffer) == 8, "xen_sysctl_getdomaininfolist.buffer offset");
_Static_assert(offsetof(struct xen_sysctl_getdomaininfolist, num_domains) == 16, "xen_sysctl_getdomaininfolist.num_domains offset");

struct xen_sysctl_debug_keys {
    uint64_t keys; /* guest handle: char * */
    uint32_t nr_keys;
};
typedef struct xen_sysctl_debug_keys xen_sysctl_debug_keys_t;
_Static_assert(sizeof(struct xen_sysctl_debug_keys) == 16, "xen_sysctl_debug_keys size");
_Static_assert(_Alignof(struct xen_sysctl_debug_keys) == 8, "xen_sysctl_debug_keys alignment");
_Static_assert(offsetof(struct xen_sysctl_debug_keys, keys) == 0, "xen_sysctl_debug_keys.keys offset");
_Static_assert(offsetof(struct xen_sysctl_debug_keys, nr_keys) == 8, "xen_sysctl_debug_keys.nr_keys offset");

struct xen_sysctl_cpuinfo {
    uint64_t idletime;
};
typedef struct xen_sysctl_cpuinfo xen_sysctl_cpuinfo_t;
_Static_assert(sizeof(struct xen_sysctl_cpuinfo) == 8, "xen_sysctl_cpuinfo size");
_Static_assert(_Alignof(struct xen_sysctl_cpuinfo) == 8, "xen_sysctl_cpuinfo alignment");
_Static_assert(offsetof(struct xen_sysctl_cpuinfo, idletime) == 0, "xen_sysctl_cpuinfo.idletime offset");

struct xen_sysctl_getcpuinfo {
    uint32_t max_cpus;
    uint64_t info; /* guest handle: struct xen_sysctl_cpuinfo * */
    uint32_t nr_cpus;
};
typedef struct xen_sysctl_getcpuinfo xen_sysctl_getcpuinfo_t;
_Static_assert(sizeof(struct xen_sysctl_getcpuinfo) == 24, "xen_sysctl_getcpuinfo size");
_Static_assert(_Alignof(struct xen_sysctl_getcpuinfo) == 8, "xen_sysctl_getcpuinfo alignment");
_Static_assert(offsetof(struct xen_sysctl_getcpuinfo, max_cpus) == 0, "xen_sysctl_getcpuinfo.max_cpus offset");
_Static_assert(offsetof(struct xen_sysctl_getcpuinfo, info) == 8, "xen_sysctl_getcpuinfo.info offset");
_Static_assert(offsetof(struct xen_sysctl_getcpuinfo, nr_cpus) == 16, "xen_sysctl_getcpuinfo.nr_cpus offset");

struct xen_sysctl_availheap {
    uint32_t min_bitwidth;
    uint32_t max_bitwidth;
    int32_t node;
    uint64_t avail_bytes;
};
typedef struct xen_sysctl_availheap xen_sysctl_availheap_t;
_Static_assert(sizeof(struct xen_sysctl_availheap) == 24, "xen_sysctl_availheap size");
_Static_assert(_Alignof(struct xen_sysctl_availheap) == 8, "xen_sysctl_availheap alignment");
_Static_assert(offsetof(struct xen_sysctl_availheap, min_bitwidth) == 0, "xen_sysctl_availheap.min_bitwidth offset");
_Static_assert(offsetof(struct xen_sysctl_availheap, max_bitwidth) == 4, "xen_sysctl_availheap.max_bitwidth offset");
_Static_assert(offsetof(struct xen_sysctl_availheap, node) == 8, "xen_sysctl_availheap.node offset");
_Static_assert(offsetof(struct xen_sysctl_availheap, avail_bytes) == 16, "xen_sysctl_availheap.avail_bytes offset");

struct xen_sysctl_cputopo {
    uint32_t core;
    uint32_t socket;
    uint32_t node;
};
typedef struct xen_sysctl_cputopo xen_sysctl_cputopo_t;
_Static_assert(sizeof(struct xen_sysctl_cputopo) == 12, "xen_sysctl_cputopo size");
_Static_assert(_Alignof(struct xen_sysctl_cputopo) == 4, "xen_sysctl_cputopo alignment");
_Static_assert(offsetof(struct xen_sysctl_cputopo, core) == 0, "xen_sysctl_cputopo.core offset");
_Static_assert(offsetof(struct xen_sysctl_cputopo, socket) == 4, "xen_sysctl_cputopo.socket offset");
_Static_assert(offsetof(struct xen_sysctl_cputopo, node) == 8, "xen_sysctl_cputopo.node offset");

struct xen_sysctl_cputopoinfo {
    uint32_t num_cpus;
    uint64_t cputopo; /* guest handle: struct xen_sysctl_cputopo * */
};
typedef struct xen_sysctl_cputopoinfo xen_sysctl_cputopoinfo_t;
_Static_assert(sizeof(struct xen_sysctl_cputopoinfo) == 16, "xen_sysctl_cputopoinfo size");
_Static_assert(_Alignof(struct xen_sysctl_cputopoinfo) == 8, "xen_sysctl_cputopoinfo alignment");
_Static_assert(offsetof(struct xen_sysctl_cputopoinfo, num_cpus) == 0, "xen_sysctl_cputopoinfo.num_cpus offset");
_Static_assert(offsetof(struct xen_sysctl_cputopoinfo, cputopo) == 8, "xen_sysctl_cputopoinfo.cputopo offset");

struct xen_sysctl_meminfo {
    uint64_t memsize;
    uint64_t memfree;
};
typedef struct xen_sysctl_meminfo xen_sysctl_meminfo_t;
_Static_assert(sizeof(struct xen_sysctl_meminfo) == 16, "xen_sysctl_meminfo size");
_Static_assert(_Alignof(struct xen_sysctl_meminfo) == 8, "xen_sysctl_meminfo alignment");
_Static_assert(offsetof(struct xen_sysctl_meminfo, memsize) == 0, "xen_sysctl_meminfo.memsize offset");
_Static_assert(offsetof(struct xen_sysctl_meminfo, memfree) == 8, "xen_sysctl_meminfo.memfree offset");

struct xen_sysctl_numainfo {
    uint32_t num_nodes;
    uint64_t meminfo; /* guest handle: struct xen_sysctl_meminfo * */
    uint64_t distance; /* guest handle: uint32_t * */
};
typedef struct xen_sysctl_numainfo xen_sysctl_numainfo_t;
_Static_assert(sizeof(struct xen_sysctl_numainfo) == 24, "xen_sysctl_numainfo size");
_Static_assert(_Alignof(struct xen_sysctl_numainfo) == 8, "xen_sysctl_numainfo alignment");
_Static_assert(offsetof(struct xen_sysctl_numainfo, num_nodes) == 0, "xen_sysctl_numainfo.num_nodes offset");
_Static_assert(offsetof(struct xen_sysctl_numainfo, meminfo) == 8, "xen_sysctl_numainfo.meminfo offset");
_Static_assert(offsetof(struct xen_sysctl_numainfo, distance) == 16, "xen_sysctl_numainfo.distance offset");

/* Create/destroy/inspect cpupools; FREEINFO returns the CPUs in no pool. */
struct xen_sysctl_cpupool_op {
    uint32_t op;
    uint32_t cpupool_id;
    uint32_t sched_id;
    uint32_t domid;
    uint32_t cpu;
    uint32_t n_dom;
    struct xenctl_bitmap cpumap;
};
typedef struct xen_sysctl_cpupool_op xen_sysctl_cpupool_op_t;
_Static_assert(sizeof(struct xen_sysctl_cpupool_op) == 40, "xen_sysctl_cpupool_op size");
_Static_assert(_Alignof(struct xen_sysctl_cpupool_op) == 8, "xen_sysctl_cpupool_op alignment");
_Static_assert(offsetof(struct xen_sysctl_cpupool_op, op) == 0, "xen_sysctl_cpupool_op.op offset");
_Static_assert(offsetof(struct xen_sysctl_cpupool_op, cpupool_id) == 4, "xen_sysctl_cpupool_op.cpupool_id offset");
_Static_assert(offsetof(struct xen_sysctl_cpupool_op, sched_id) == 8, "xen_sysctl_cpupool_op.sched_id offset");
_Static_assert(offsetof(struct xen_sysctl_cpupool_op, domid) == 12, "xen_sysctl_cpupool_op.domid offset");
_Static_assert(offsetof(struct xen_sysctl_cpupool_op, cpu) == 16, "xen_sysctl_cpupool_op.cpu offset");
_Static_assert(offsetof(struct xen_sysctl_cpupool_op, n_dom) == 20, "xen_sysctl_cpupool_op.n_dom offset");
_Static_assert(offsetof(struct xen_sysctl_cpupool_op, cpumap) == 24, "xen_sysctl_cpupool_op.cpumap offset");

union xen_sysctl_u {
    struct xen_sysctl_readconsole readconsole;
    struct xen_sysctl_physinfo physinfo;
    struct xen_sysctl_sched_id sched_id;
    struct xen_sysctl_getdomaininfolist getdomaininfolist;
    struct xen_sysctl_debug_keys debug_keys;
    struct xen_sysctl_getcpuinfo getcpuinfo;
    struct xen_sysctl_availheap availheap;
    struct xen_sysctl_cputopoinfo cputopoinfo;
    struct xen_sysctl_numainfo numainfo;
    struct xen_sysctl_cpupool_op cpupool_op;
    struct xen_sysctl_scheduler_op scheduler_op;
    uint8_t pad[128];
};
typedef union xen_sysctl_u xen_sysctl_u_t;
_Static_assert(sizeof(union xen_sysctl_u) == 128, "xen_sysctl_u size");
_Static_assert(_Alignof(union xen_sysctl_u) == 8, "xen_sysctl_u alignment");
_Static_assert(offsetof(union xen_sysctl_u, readconsole) == 0, "xen_sysctl_u.readconsole offset");
_Static_assert(offsetof(union xen_sysctl_u, physinfo) == 0, "xen_sysctl_u.physinfo offset");
_Static_assert(offsetof(union xen_sysctl_u, sched_id) == 0, "xen_sysctl_u.sched_id offset");
_Static_assert(offsetof(union xen_sysctl_u, getdomaininfolist) == 0, "xen_sysctl_u.getdomaininfolist offset");
_Static_assert(offsetof(union xen_sysctl_u, debug_keys) == 0, "xen_sysctl_u.debug_keys offset");
_Static_assert(offsetof(union xen_sysctl_u, getcpuinfo) == 0, "xen_sysctl_u.getcpuinfo offset");
_Static_assert(offsetof(union xen_sysctl_u, availheap) == 0, "xen_sysctl_u.availheap offset");
_Static_assert(offsetof(union xen_sysctl_u, cputopoinfo) == 0, "xen_sysctl_u.cputopoinfo offset");
_Static_assert(offsetof(union xen_sysctl_u, numainfo) == 0, "xen_sysctl_u.numainfo offset");
_Static_assert(offsetof(union xen_sysctl_u, cpupool_op) == 0, "xen_sysctl_u.cpupool_op offset");
_Static_assert(offsetof(union xen_sysctl_u, scheduler_op) == 0, "xen_sysctl_u.scheduler_op offset");
_Static_assert(offsetof(union xen_sysctl_u, pad) == 0, "xen_sysctl_u.pad offset");

/* The sysctl argument; u holds the payload of cmd. */
struct xen_sysctl {
    uint32_t cmd;
    uint32_t interface_version;
    union xen_sysctl_u u;
};
typedef struct xen_sysctl xen_sysctl_t;
_Static_assert(sizeof(struct xen_sysctl) == 136, "xen_sysctl size");
_Static_assert(_Alignof(struct xen_sysctl) == 8, "xen_sysctl alignment");
_Static_assert(offsetof(struct xen_sysctl, cmd) == 0, "xen_sysctl.cmd offset");
_Static_assert(offsetof(struct xen_sysctl, interface_version) == 4, "xen_sysctl.interface_version offset");
_Static_assert(offsetof(struct xen_sysctl, u) == 8, "xen_sysctl.u offset");

#endif /* XENRV_XEN_SYSCTL_H */
