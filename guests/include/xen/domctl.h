/* domctl. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_DOMCTL_H
#define XENRV_XEN_DOMCTL_H

#include <stddef.h>
#include <stdint.h>
#include "arch-riscv.h"
#include "xen.h"
#include "scheduler.h"

/* domctl interface version (Xen 4.18). */
#define XEN_DOMCTL_INTERFACE_VERSION 0x16

/* domctl commands (xen_domctl.cmd). */
#define XEN_DOMCTL_createdomain 1
#define XEN_DOMCTL_destroydomain 2
#define XEN_DOMCTL_pausedomain 3
#define XEN_DOMCTL_unpausedomain 4
#define XEN_DOMCTL_getdomaininfo 5
#define XEN_DOMCTL_setvcpuaffinity 9
#define XEN_DOMCTL_max_mem 11
#define XEN_DOMCTL_setvcpucontext 12
#define XEN_DOMCTL_getvcpucontext 13
#define XEN_DOMCTL_getvcpuinfo 14
#define XEN_DOMCTL_max_vcpus 15
#define XEN_DOMCTL_scheduler_op 16
#define XEN_DOMCTL_setdomainhandle 17
#define XEN_DOMCTL_settimeoffset 24
#define XEN_DOMCTL_getvcpuaffinity 25
#define XEN_DOMCTL_set_virq_handler 66
#define XEN_DOMCTL_cacheflush 71

/* xen_domctl_createdomain.flags. */
#define XEN_DOMCTL_CDF_hvm 0x1
#define XEN_DOMCTL_CDF_hap 0x2
#define XEN_DOMCTL_CDF_s3_integrity 0x4
#define XEN_DOMCTL_CDF_oos_off 0x8
#define XEN_DOMCTL_CDF_xs_domain 0x10
#define XEN_DOMCTL_CDF_iommu 0x20
#define XEN_DOMCTL_CDF_nested_virt 0x40
#define XEN_DOMCTL_CDF_vpmu 0x80

/* xen_domctl_createdomain.grant_opts. */
#define XEN_DOMCTL_GRANT_version_mask 0xf

/* xen_domctl_getdomaininfo.flags; the shutdown code sits in bits 16..23. */
#define XEN_DOMINF_dying 0x1
#define XEN_DOMINF_hvm_guest 0x2
#define XEN_DOMINF_shutdown 0x4
#define XEN_DOMINF_paused 0x8
#define XEN_DOMINF_blocked 0x10
#define XEN_DOMINF_running 0x20
#define XEN_DOMINF_debugged 0x40
#define XEN_DOMINF_xs_domain 0x80
#define XEN_DOMINF_hap 0x100
#define XEN_DOMINF_shutdownmask 0xff
#define XEN_DOMINF_shutdownshift 0x10

/* xen_domctl_vcpuaffinity.flags. */
#define XEN_VCPUAFFINITY_HARD 0x1
#define XEN_VCPUAFFINITY_SOFT 0x2
#define XEN_VCPUAFFINITY_FORCE 0x4

/* IN; xen_domctl.domain is IN/OUT (0 or >= DOMID_FIRST_RESERVED allocates one). */
struct xen_domctl_createdomain {
    uint32_t ssidref;
    uint8_t handle[16];
    uint32_t flags;
    uint32_t iommu_opts;
    uint32_t max_vcpus;
    uint32_t max_evtchn_port;
    int32_t max_grant_frames;
    int32_t max_maptrack_frames;
    uint32_t grant_opts;
    uint32_t vmtrace_size;
    uint32_t cpupool_id;
    struct xen_arch_domainconfig arch;
};
typedef struct xen_domctl_createdomain xen_domctl_createdomain_t;
_Static_assert(sizeof(struct xen_domctl_createdomain) == 56, "xen_domctl_createdomain size");
_Static_assert(_Alignof(struct xen_domctl_createdomain) == 4, "xen_domctl_createdomain alignment");
_Static_assert(offsetof(struct xen_domctl_createdomain, ssidref) == 0, "xen_domctl_createdomain.ssidref offset");
_Static_assert(offsetof(struct xen_domctl_createdomain, handle) == 4, "xen_domctl_createdomain.handle offset");
_Static_assert(offsetof(struct xen_domctl_createdomain, flags) == 20, "xen_domctl_createdomain.flags offset");
_Static_assert(offsetof(struct xen_domctl_createdomain, iommu_opts) == 24, "xen_domctl_createdomain.iommu_opts offset");
_Static_assert(offsetof(struct xen_domctl_createdomain, max_vcpus) == 28, "xen_domctl_createdomain.max_vcpus offset");
_Static_assert(offsetof(struct xen_domctl_createdomain, max_evtchn_port) == 32, "xen_domctl_createdomain.max_evtchn_port offset");
_Static_assert(offsetof(struct xen_domctl_createdomain, max_grant_frames) == 36, "xen_domctl_createdomain.max_grant_frames offset");
_Static_assert(offsetof(struct xen_domctl_createdomain, max_maptrack_frames) == 40, "xen_domctl_createdomain.max_maptrack_frames offset");
_Static_assert(offsetof(struct xen_domctl_createdomain, grant_opts) == 44, "xen_domctl_createdomain.grant_opts offset");
_Static_assert(offsetof(struct xen_domctl_createdomain, vmtrace_size) == 48, "xen_domctl_createdomain.vmtrace_size offset");
_Static_assert(offsetof(struct xen_domctl_createdomain, cpupool_id) == 52, "xen_domctl_createdomain.cpupool_id offset");
_Static_assert(offsetof(struct xen_domctl_createdomain, arch) == 56, "xen_domctl_createdomain.arch offset");

/* OUT: one domain's state; also the element of sysctl getdomaininfolist. */
struct xen_domctl_getdomaininfo {
    uint16_t domain;
    uint16_t pad1;
    uint32_t flags;
    uint64_t tot_pages;
    uint64_t max_pages;
    uint64_t outstanding_pages;
    uint64_t shr_pages;
    uint64_t paged_pages;
    uint64_t shared_info_frame;
    uint64_t cpu_time;
    uint32_t nr_online_vcpus;
    uint32_t max_vcpu_id;
    uint32_t ssidref;
    uint8_t handle[16];
    uint32_t cpupool;
    uint8_t gpaddr_bits;
    uint8_t pad2[7];
    struct xen_arch_domainconfig arch_config;
};
typedef struct xen_domctl_getdomaininfo xen_domctl_getdomaininfo_t;
_Static_assert(sizeof(struct xen_domctl_getdomaininfo) == 104, "xen_domctl_getdomaininfo size");
_Static_assert(_Alignof(struct xen_domctl_getdomaininfo) == 8, "xen_domctl_getdomaininfo alignment");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, domain) == 0, "xen_domctl_getdomaininfo.domain offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, pad1) == 2, "xen_domctl_getdomaininfo.pad1 offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, flags) == 4, "xen_domctl_getdomaininfo.flags offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, tot_pages) == 8, "xen_domctl_getdomaininfo.tot_pages offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, max_pages) == 16, "xen_domctl_getdomaininfo.max_pages offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, outstanding_pages) == 24, "xen_domctl_getdomaininfo.outstanding_pages offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, shr_pages) == 32, "xen_domctl_getdomaininfo.shr_pages offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, paged_pages) == 40, "xen_domctl_getdomaininfo.paged_pages offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, shared_info_frame) == 48, "xen_domctl_getdomaininfo.shared_info_frame offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, cpu_time) == 56, "xen_domctl_getdomaininfo.cpu_time offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, nr_online_vcpus) == 64, "xen_domctl_getdomaininfo.nr_online_vcpus offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, max_vcpu_id) == 68, "xen_domctl_getdomaininfo.max_vcpu_id offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, ssidref) == 72, "xen_domctl_getdomaininfo.ssidref offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, handle) == 76, "xen_domctl_getdomaininfo.handle offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, cpupool) == 92, "xen_domctl_getdomaininfo.cpupool offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, gpaddr_bits) == 96, "xen_domctl_getdomaininfo.gpaddr_bits offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, pad2) == 97, "xen_domctl_getdomaininfo.pad2 offset");
_Static_assert(offsetof(struct xen_domctl_getdomaininfo, arch_config) == 104, "xen_domctl_getdomaininfo.arch_config offset");

struct xen_domctl_max_vcpus {
    uint32_t max;
};
typedef struct xen_domctl_max_vcpus xen_domctl_max_vcpus_t;
_Static_assert(sizeof(struct xen_domctl_max_vcpus) == 4, "xen_domctl_max_vcpus size");
_Static_assert(_Alignof(struct xen_domctl_max_vcpus) == 4, "xen_domctl_max_vcpus alignment");
_Static_assert(offsetof(struct xen_domctl_max_vcpus, max) == 0, "xen_domctl_max_vcpus.max offset");

struct xen_domctl_max_mem {
    uint64_t max_memkb;
};
typedef struct xen_domctl_max_mem xen_domctl_max_mem_t;
_Static_assert(sizeof(struct xen_domctl_max_mem) == 8, "xen_domctl_max_mem size");
_Static_assert(_Alignof(struct xen_domctl_max_mem) == 8, "xen_domctl_max_mem alignment");
_Static_assert(offsetof(struct xen_domctl_max_mem, max_memkb) == 0, "xen_domctl_max_mem.max_memkb offset");

/* set/getvcpuaffinity; flags XEN_VCPUAFFINITY_* say which maps apply. */
struct xen_domctl_vcpuaffinity {
    uint32_t vcpu;
    uint32_t flags;
    struct xenctl_bitmap cpumap_hard;
    struct xenctl_bitmap cpumap_soft;
};
typedef struct xen_domctl_vcpuaffinity xen_domctl_vcpuaffinity_t;
_Static_assert(sizeof(struct xen_domctl_vcpuaffinity) == 40, "xen_domctl_vcpuaffinity size");
_Static_assert(_Alignof(struct xen_domctl_vcpuaffinity) == 8, "xen_domctl_vcpuaffinity alignment");
_Static_assert(offsetof(struct xen_domctl_vcpuaffinity, vcpu) == 0, "xen_domctl_vcpuaffinity.vcpu offset");
_Static_assert(offsetof(struct xen_domctl_vcpuaffinity, flags) == 4, "xen_domctl_vcpuaffinity.flags offset");
_Static_assert(offsetof(struct xen_domctl_vcpuaffinity, cpumap_hard) == 8, "xen_domctl_vcpuaffinity.cpumap_hard offset");
_Static_assert(offsetof(struct xen_domctl_vcpuaffinity, cpumap_soft) == 24, "xen_domctl_vcpuaffinity.cpumap_soft offset");

/* IN vcpu; OUT state, cpu_time (ns), current pCPU. */
struct xen_domctl_getvcpuinfo {
    uint32_t vcpu;
    uint8_t online;
    uint8_t blocked;
    uint8_t running;
    uint64_t cpu_time;
    uint32_t cpu;
};
typedef struct xen_domctl_getvcpuinfo xen_domctl_getvcpuinfo_t;
_Static_assert(sizeof(struct xen_domctl_getvcpuinfo) == 24, "xen_domctl_getvcpuinfo size");
_Static_assert(_Alignof(struct xen_domctl_getvcpuinfo) == 8, "xen_domctl_getvcpuinfo alignment");
_Static_assert(offsetof(struct xen_domctl_getvcpuinfo, vcpu) == 0, "xen_domctl_getvcpuinfo.vcpu offset");
_Static_assert(offsetof(struct xen_domctl_getvcpuinfo, online) == 4, "xen_domctl_getvcpuinfo.online offset");
_Static_assert(offsetof(struct xen_domctl_getvcpuinfo, blocked) == 5, "xen_domctl_getvcpuinfo.blocked offset");
_Static_assert(offsetof(struct xen_domctl_getvcpuinfo, running) == 6, "xen_domctl_getvcpuinfo.running offset");
_Static_assert(offsetof(struct xen_domctl_getvcpuinfo, cpu_time) == 8, "xen_domctl_getvcpuinfo.cpu_time offset");
_Static_assert(offsetof(struct xen_domctl_getvcpuinfo, cpu) == 16, "xen_domctl_getvcpuinfo.cpu offset");

/* set/getvcpucontext: the context is a vcpu_guest_context in the caller's memory. */
struct xen_domctl_vcpucontext {
    uint32_t vcpu;
    uint64_t ctxt; /* guest handle: struct vcpu_guest_context * */
};
typedef struct xen_domctl_vcpucontext xen_domctl_vcpucontext_t;
_Static_assert(sizeof(struct xen_domctl_vcpucontext) == 16, "xen_domctl_vcpucontext size");
_Static_assert(_Alignof(struct xen_domctl_vcpucontext) == 8, "xen_domctl_vcpucontext alignment");
_Static_assert(offsetof(struct xen_domctl_vcpucontext, vcpu) == 0, "xen_domctl_vcpucontext.vcpu offset");
_Static_assert(offsetof(struct xen_domctl_vcpucontext, ctxt) == 8, "xen_domctl_vcpucontext.ctxt offset");

struct xen_domctl_setdomainhandle {
    uint8_t handle[16];
};
typedef struct xen_domctl_setdomainhandle xen_domctl_setdomainhandle_t;
_Static_assert(sizeof(struct xen_domctl_setdomainhandle) == 16, "xen_domctl_setdomainhandle size");
_Static_assert(_Alignof(struct xen_domctl_setdomainhandle) == 1, "xen_domctl_setdomainhandle alignment");
_Static_assert(offsetof(struct xen_domctl_setdomainhandle, handle) == 0, "xen_domctl_setdomainhandle.handle offset");

struct xen_domctl_settimeoffset {
    int64_t time_offset_seconds;
};
typedef struct xen_domctl_settimeoffset xen_domctl_settimeoffset_t;
_Static_assert(sizeof(struct xen_domctl_settimeoffset) == 8, "xen_domctl_settimeoffset size");
_Static_assert(_Alignof(struct xen_domctl_settimeoffset) == 8, "xen_domctl_settimeoffset alignment");
_Static_assert(offsetof(struct xen_domctl_settimeoffset, time_offset_seconds) == 0, "xen_domctl_settimeoffset.time_offset_seconds offset");

struct xen_domctl_set_virq_handler {
    uint32_t virq;
};
typedef struct xen_domctl_set_virq_handler xen_domctl_set_virq_handler_t;
_Static_assert(sizeof(struct xen_domctl_set_virq_handler) == 4, "xen_domctl_set_virq_handler size");
_Static_assert(_Alignof(struct xen_domctl_set_virq_handler) == 4, "xen_domctl_set_virq_handler alignment");
_Static_assert(offsetof(struct xen_domctl_set_virq_handler, virq) == 0, "xen_domctl_set_virq_handler.virq offset");

struct xen_domctl_cacheflush {
    uint64_t start_pfn;
    uint64_t nr_pfns;
};
typedef struct xen_domctl_cacheflush xen_domctl_cacheflush_t;
_Static_assert(sizeof(struct xen_domctl_cacheflush) == 16, "xen_domctl_cacheflush size");
_Static_assert(_Alignof(struct xen_domctl_cacheflush) == 8, "xen_domctl_cacheflush alignment");
_Static_assert(offsetof(struct xen_domctl_cacheflush, start_pfn) == 0, "xen_domctl_cacheflush.start_pfn offset");
_Static_assert(offsetof(struct xen_domctl_cacheflush, nr_pfns) == 8, "xen_domctl_cacheflush.nr_pfns offset");

union xen_domctl_u {
    struct xen_domctl_createdomain createdomain;
    struct xen_domctl_getdomaininfo getdomaininfo;
    struct xen_domctl_vcpuaffinity vcpuaffinity;
    struct xen_domctl_max_mem max_mem;
    struct xen_domctl_vcpucontext vcpucontext;
    struct xen_domctl_getvcpuinfo getvcpuinfo;
    struct xen_domctl_max_vcpus max_vcpus;
    struct xen_domctl_scheduler_op scheduler_op;
    struct xen_domctl_setdomainhandle setdomainhandle;
    struct xen_domctl_settimeoffset settimeoffset;
    struct xen_domctl_set_virq_handler set_virq_handler;
    struct xen_domctl_cacheflush cacheflush;
    uint8_t pad[128];
};
typedef union xen_domctl_u xen_domctl_u_t;
_Static_assert(sizeof(union xen_domctl_u) == 128, "xen_domctl_u size");
_Static_assert(_Alignof(union xen_domctl_u) == 8, "xen_domctl_u alignment");
_Static_assert(offsetof(union xen_domctl_u, createdomain) == 0, "xen_domctl_u.createdomain offset");
_Static_assert(offsetof(union xen_domctl_u, getdomaininfo) == 0, "xen_domctl_u.getdomaininfo offset");
_Static_assert(offsetof(union xen_domctl_u, vcpuaffinity) == 0, "xen_domctl_u.vcpuaffinity offset");
_Static_assert(offsetof(union xen_domctl_u, max_mem) == 0, "xen_domctl_u.max_mem offset");
_Static_assert(offsetof(union xen_domctl_u, vcpucontext) == 0, "xen_domctl_u.vcpucontext offset");
_Static_assert(offsetof(union xen_domctl_u, getvcpuinfo) == 0, "xen_domctl_u.getvcpuinfo offset");
_Static_assert(offsetof(union xen_domctl_u, max_vcpus) == 0, "xen_domctl_u.max_vcpus offset");
_Static_assert(offsetof(union xen_domctl_u, scheduler_op) == 0, "xen_domctl_u.scheduler_op offset");
_Static_assert(offsetof(union xen_domctl_u, setdomainhandle) == 0, "xen_domctl_u.setdomainhandle offset");
_Static_assert(offsetof(union xen_domctl_u, settimeoffset) == 0, "xen_domctl_u.settimeoffset offset");
_Static_assert(offsetof(union xen_domctl_u, set_virq_handler) == 0, "xen_domctl_u.set_virq_handler offset");
_Static_assert(offsetof(union xen_domctl_u, cacheflush) == 0, "xen_domctl_u.cacheflush offset");
_Static_assert(offsetof(union xen_domctl_u, pad) == 0, "xen_domctl_u.pad offset");

/* The domctl argument; u holds the payload of cmd (none for destroy/pause/unpause). */
struct xen_domctl {
    uint32_t cmd;
    uint32_t interface_version;
    uint16_t domain;
    uint16_t _pad[3];
    union xen_domctl_u u;
};
typedef struct xen_domctl xen_domctl_t;
_Static_assert(sizeof(struct xen_domctl) == 144, "xen_domctl size");
_Static_assert(_Alignof(struct xen_domctl) == 8, "xen_domctl alignment");
_Static_assert(offsetof(struct xen_domctl, cmd) == 0, "xen_domctl.cmd offset");
_Static_assert(offsetof(struct xen_domctl, interface_version) == 4, "xen_domctl.interface_version offset");
_Static_assert(offsetof(struct xen_domctl, domain) == 8, "xen_domctl.domain offset");
_Static_assert(offsetof(struct xen_domctl, _pad) == 10, "xen_domctl._pad offset");
_Static_assert(offsetof(struct xen_domctl, u) == 16, "xen_domctl.u offset");

#endif /* XENRV_XEN_DOMCTL_H */
