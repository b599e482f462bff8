/* shared_info and vcpu_info. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_SHARED_INFO_H
#define XENRV_XEN_SHARED_INFO_H

#include <stddef.h>
#include <stdint.h>

/* The 2-level event channel ABI on a 64-bit build. */
#define EVTCHN_2L_BITS_PER_WORD 64
#define EVTCHN_2L_NR_CHANNELS 4096

/* Empty on RISC-V. */
struct arch_vcpu_info {
};
typedef struct arch_vcpu_info arch_vcpu_info_t;
_Static_assert(sizeof(struct arch_vcpu_info) == 0, "arch_vcpu_info size");
_Static_assert(_Alignof(struct arch_vcpu_info) == 1, "arch_vcpu_info alignment");

/* Empty on RISC-V. */
struct arch_shared_info {
};
typedef struct arch_shared_info arch_shared_info_t;
_Static_assert(sizeof(struct arch_shared_info) == 0, "arch_shared_info size");
_Static_assert(_Alignof(struct arch_shared_info) == 1, "arch_shared_info alignment");

/* system_time (ns) at tsc_timestamp; version is odd while Xen updates the record. */
struct vcpu_time_info {
    uint32_t version;
    uint32_t pad0;
    uint64_t tsc_timestamp;
    uint64_t system_time;
    uint32_t tsc_to_system_mul;
    int8_t tsc_shift;
    uint8_t flags;
    uint8_t pad1[2];
};
typedef struct vcpu_time_info vcpu_time_info_t;
_Static_assert(sizeof(struct vcpu_time_info) == 32, "vcpu_time_info size");
_Static_assert(_Alignof(struct vcpu_time_info) == 8, "vcpu_time_info alignment");
_Static_assert(offsetof(struct vcpu_time_info, version) == 0, "vcpu_time_info.version offset");
_Static_assert(offsetof(struct vcpu_time_info, pad0) == 4, "vcpu_time_info.pad0 offset");
_Static_assert(offsetof(struct vcpu_time_info, tsc_timestamp) == 8, "vcpu_time_info.tsc_timestamp offset");
_Static_assert(offsetof(struct vcpu_time_info, system_time) == 16, "vcpu_time_info.system_time offset");
_Static_assert(offsetof(struct vcpu_time_info, tsc_to_system_mul) == 24, "vcpu_time_info.tsc_to_system_mul offset");
_Static_assert(offsetof(struct vcpu_time_info, tsc_shift) == 28, "vcpu_time_info.tsc_shift offset");
_Static_assert(offsetof(struct vcpu_time_info, flags) == 29, "vcpu_time_info.flags offset");
_Static_assert(offsetof(struct vcpu_time_info, pad1) == 30, "vcpu_time_info.pad1 offset");

/* Per-vCPU event state: upcall pending flag and the selector of pending words. */
struct vcpu_info {
    uint8_t evtchn_upcall_pending;
    uint8_t pad0;
    uint64_t evtchn_pending_sel;
    struct arch_vcpu_info arch;
    struct vcpu_time_info time;
};
typedef struct vcpu_info vcpu_info_t;
_Static_assert(sizeof(struct vcpu_info) == 48, "vcpu_info size");
_Static_assert(_Alignof(struct vcpu_info) == 8, "vcpu_info alignment");
_Static_assert(offsetof(struct vcpu_info, evtchn_upcall_pending) == 0, "vcpu_info.evtchn_upcall_pending offset");
_Static_assert(offsetof(struct vcpu_info, pad0) == 1, "vcpu_info.pad0 offset");
_Static_assert(offsetof(struct vcpu_info, evtchn_pending_sel) == 8, "vcpu_info.evtchn_pending_sel offset");
_Static_assert(offsetof(struct vcpu_info, arch) == 16, "vcpu_info.arch offset");
_Static_assert(offsetof(struct vcpu_info, time) == 16, "vcpu_info.time offset");

/* The shared_info page: 2-level pending/mask bitmaps and the wall clock. */
struct shared_info {
    struct vcpu_info vcpu_info[1];
    uint64_t evtchn_pending[64];
    uint64_t evtchn_mask[64];
    uint32_t wc_version;
    uint32_t wc_sec;
    uint32_t wc_nsec;
    uint32_t wc_sec_hi;
    struct arch_shared_info arch;
};
typedef struct shared_info shared_info_t;
_Static_assert(sizeof(struct shared_info) == 1088, "shared_info size");
_Static_assert(_Alignof(struct shared_info) == 8, "shared_info alignment");
_Static_assert(offsetof(struct shared_info, vcpu_info) == 0, "shared_info.vcpu_info offset");
_Static_assert(offsetof(struct shared_info, evtchn_pending) == 48, "shared_info.evtchn_pending offset");
_Static_assert(offsetof(struct shared_info, evtchn_mask) == 560, "shared_info.evtchn_mask offset");
_Static_assert(offsetof(struct shared_info, wc_version) == 1072, "shared_info.wc_version offset");
_Static_assert(offsetof(struct shared_info, wc_sec) == 1076, "shared_info.wc_sec offset");
_Static_assert(offsetof(struct shared_info, wc_nsec) == 1080, "shared_info.wc_nsec offset");
_Static_assert(offsetof(struct shared_info, wc_sec_hi) == 1084, "shared_info.wc_sec_hi offset");
_Static_assert(offsetof(struct shared_info, arch) == 1088, "shared_info.arch offset");

#endif /* XENRV_XEN_SHARED_INFO_H */
