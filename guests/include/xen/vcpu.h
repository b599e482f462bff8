/* vcpu_op. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_VCPU_H
#define XENRV_XEN_VCPU_H

#include <stddef.h>
#include <stdint.h>

/* vcpu_op sub-ops. */
#define VCPUOP_initialise 0
#define VCPUOP_up 1
#define VCPUOP_down 2
#define VCPUOP_is_up 3
#define VCPUOP_get_runstate_info 4
#define VCPUOP_register_runstate_memory_area 5
#define VCPUOP_set_periodic_timer 6
#define VCPUOP_stop_periodic_timer 7
#define VCPUOP_set_singleshot_timer 8
#define VCPUOP_stop_singleshot_timer 9
#define VCPUOP_register_vcpu_info 10
#define VCPUOP_send_nmi 11
#define VCPUOP_get_physid 12
#define VCPUOP_register_vcpu_time_memory_area 13
#define VCPUOP_register_runstate_phys_area 14
#define VCPUOP_register_vcpu_time_phys_area 15

/* vCPU runstates (vcpu_runstate_info.state, index of time[]). */
#define RUNSTATE_running 0
#define RUNSTATE_runnable 1
#define RUNSTATE_blocked 2
#define RUNSTATE_offline 3

/* vcpu_op flags. */
#define VCPU_SSHOTTMR_future 0x1
#define XEN_RUNSTATE_UPDATE 0x8000000000000000ULL

/* Time in ns spent in each RUNSTATE_*, and when the current state was entered. */
struct vcpu_runstate_info {
    uint32_t state;
    uint64_t state_entry_time;
    uint64_t time[4];
};
typedef struct vcpu_runstate_info vcpu_runstate_info_t;
_Static_assert(sizeof(struct vcpu_runstate_info) == 48, "vcpu_runstate_info size");
_Static_assert(_Alignof(struct vcpu_runstate_info) == 8, "vcpu_runstate_info alignment");
_Static_assert(offsetof(struct vcpu_runstate_info, state) == 0, "vcpu_runstate_info.state offset");
_Static_assert(offsetof(struct vcpu_runstate_info, state_entry_time) == 8, "vcpu_runstate_info.state_entry_time offset");
_Static_assert(offsetof(struct vcpu_runstate_info, time) == 16, "vcpu_runstate_info.time offset");

/* VCPUOP_register_runstate_memory_area (guest address) and _phys_area (guest-physical). */
struct vcpu_register_runstate_memory_area {
    uint64_t addr; /* guest handle: struct vcpu_runstate_info * */
};
typedef struct vcpu_register_runstate_memory_area vcpu_register_runstate_memory_area_t;
_Static_assert(sizeof(struct vcpu_register_runstate_memory_area) == 8, "vcpu_register_runstate_memory_area size");
_Static_assert(_Alignof(struct vcpu_register_runstate_memory_area) == 8, "vcpu_register_runstate_memory_area alignment");
_Static_assert(offsetof(struct vcpu_register_runstate_memory_area, addr) == 0, "vcpu_register_runstate_memory_area.addr offset");

/* VCPUOP_set_periodic_timer. */
struct vcpu_set_periodic_timer {
    uint64_t period_ns;
};
typedef struct vcpu_set_periodic_timer vcpu_set_periodic_timer_t;
_Static_assert(sizeof(struct vcpu_set_periodic_timer) == 8, "vcpu_set_periodic_timer size");
_Static_assert(_Alignof(struct vcpu_set_periodic_timer) == 8, "vcpu_set_periodic_timer alignment");
_Static_assert(offsetof(struct vcpu_set_periodic_timer, period_ns) == 0, "vcpu_set_periodic_timer.period_ns offset");

/* VCPUOP_set_singleshot_timer: absolute system time; VCPU_SSHOTTMR_future asks for -ETIME if past. */
struct vcpu_set_singleshot_timer {
    uint64_t timeout_abs_ns;
    uint32_t flags;
};
typedef struct vcpu_set_singleshot_timer vcpu_set_singleshot_timer_t;
_Static_assert(sizeof(struct vcpu_set_singleshot_timer) == 16, "vcpu_set_singleshot_timer size");
_Static_assert(_Alignof(struct vcpu_set_singleshot_timer) == 8, "vcpu_set_singleshot_timer alignment");
_Static_assert(offsetof(struct vcpu_set_singleshot_timer, timeout_abs_ns) == 0, "vcpu_set_singleshot_timer.timeout_abs_ns offset");
_Static_assert(offsetof(struct vcpu_set_singleshot_timer, flags) == 8, "vcpu_set_singleshot_timer.flags offset");

/* VCPUOP_register_vcpu_info: the vcpu_info goes at gfn mfn, byte offset; it must not cross a page and must be 8-aligned. */
struct vcpu_register_vcpu_info {
    uint64_t mfn;
    uint32_t offset;
    uint32_t rsvd;
};
typedef struct vcpu_register_vcpu_info vcpu_register_vcpu_info_t;
_Static_assert(sizeof(struct vcpu_register_vcpu_info) == 16, "vcpu_register_vcpu_info size");
_Static_assert(_Alignof(struct vcpu_register_vcpu_info) == 8, "vcpu_register_vcpu_info alignment");
_Static_assert(offsetof(struct vcpu_register_vcpu_info, mfn) == 0, "vcpu_register_vcpu_info.mfn offset");
_Static_assert(offsetof(struct vcpu_register_vcpu_info, offset) == 8, "vcpu_register_vcpu_info.offset offset");
_Static_assert(offsetof(struct vcpu_register_vcpu_info, rsvd) == 12, "vcpu_register_vcpu_info.rsvd offset");

/* VCPUOP_get_physid. */
struct vcpu_get_physid {
    uint64_t phys_id;
};
typedef struct vcpu_get_physid vcpu_get_physid_t;
_Static_assert(sizeof(struct vcpu_get_physid) == 8, "vcpu_get_physid size");
_Static_assert(_Alignof(struct vcpu_get_physid) == 8, "vcpu_get_physid alignment");
_Static_assert(offsetof(struct vcpu_get_physid, phys_id) == 0, "vcpu_get_physid.phys_id offset");

/* VCPUOP_register_vcpu_time_memory_area and _phys_area. */
struct vcpu_register_time_memory_area {
    uint64_t addr; /* guest handle: struct vcpu_time_info * */
};
typedef struct vcpu_register_time_memory_area vcpu_register_time_memory_area_t;
_Static_assert(sizeof(struct vcpu_register_time_memory_area) == 8, "vcpu_register_time_memory_area size");
_Static_assert(_Alignof(struct vcpu_register_time_memory_area) == 8, "vcpu_register_time_memory_area alignment");
_Static_assert(offsetof(struct vcpu_register_time_memory_area, addr) == 0, "vcpu_register_time_memory_area.addr offset");

#endif /* XENRV_XEN_VCPU_H */
