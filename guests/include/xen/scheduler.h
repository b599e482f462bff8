/* Schedulers. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_SCHEDULER_H
#define XENRV_XEN_SCHEDULER_H

#include <stddef.h>
#include <stdint.h>

/* Scheduler ids (sysctl sched_id, cpupool and scheduler_op). */
#define XEN_SCHEDULER_CREDIT 5
#define XEN_SCHEDULER_CREDIT2 6
#define XEN_SCHEDULER_ARINC653 7
#define XEN_SCHEDULER_RTDS 8
#define XEN_SCHEDULER_NULL 9

/* domctl scheduler_op commands. */
#define XEN_DOMCTL_SCHEDOP_putinfo 0
#define XEN_DOMCTL_SCHEDOP_getinfo 1
#define XEN_DOMCTL_SCHEDOP_putvcpuinfo 2
#define XEN_DOMCTL_SCHEDOP_getvcpuinfo 3

/* sysctl scheduler_op commands. */
#define XEN_SYSCTL_SCHEDOP_putinfo 0
#define XEN_SYSCTL_SCHEDOP_getinfo 1

/* Scheduler parameter limits. */
#define XEN_SYSCTL_SCHED_RATELIMIT_MAX 500000
#define XEN_SYSCTL_SCHED_RATELIMIT_MIN 100
#define XEN_SYSCTL_CSCHED_TSLICE_MAX 1000
#define XEN_SYSCTL_CSCHED_TSLICE_MIN 1
#define XEN_SYSCTL_CSCHED_MGR_DLY_MAX_US 100000
#define XEN_DOMCTL_SCHEDRT_extra 1

struct xen_domctl_sched_credit {
    uint16_t weight;
    uint16_t cap;
};
typedef struct xen_domctl_sched_credit xen_domctl_sched_credit_t;
_Static_assert(sizeof(struct xen_domctl_sched_credit) == 4, "xen_domctl_sched_credit size");
_Static_assert(_Alignof(struct xen_domctl_sched_credit) == 2, "xen_domctl_sched_credit alignment");
_Static_assert(offsetof(struct xen_domctl_sched_credit, weight) == 0, "xen_domctl_sched_credit.weight offset");
_Static_assert(offsetof(struct xen_domctl_sched_credit, cap) == 2, "xen_domctl_sched_credit.cap offset");

struct xen_domctl_sched_credit2 {
    uint16_t weight;
    uint16_t cap;
};
typedef struct xen_domctl_sched_credit2 xen_domctl_sched_credit2_t;
_Static_assert(sizeof(struct xen_domctl_sched_credit2) == 4, "xen_domctl_sched_credit2 size");
_Static_assert(_Alignof(struct xen_domctl_sched_credit2) == 2, "xen_domctl_sched_credit2 alignment");
_Static_assert(offsetof(struct xen_domctl_sched_credit2, weight) == 0, "xen_domctl_sched_credit2.weight offset");
_Static_assert(offsetof(struct xen_domctl_sched_credit2, cap) == 2, "xen_domctl_sched_credit2.cap offset");

/* period and budget in µs; flags XEN_DOMCTL_SCHEDRT_extra. */
struct xen_domctl_sched_rtds {
    uint32_t period;
    uint32_t budget;
    uint32_t flags;
};
typedef struct xen_domctl_sched_rtds xen_domctl_sched_rtds_t;
_Static_assert(sizeof(struct xen_domctl_sched_rtds) == 12, "xen_domctl_sched_rtds size");
_Static_assert(_Alignof(struct xen_domctl_sched_rtds) == 4, "xen_domctl_sched_rtds alignment");
_Static_assert(offsetof(struct xen_domctl_sched_rtds, period) == 0, "xen_domctl_sched_rtds.period offset");
_Static_assert(offsetof(struct xen_domctl_sched_rtds, budget) == 4, "xen_domctl_sched_rtds.budget offset");
_Static_assert(offsetof(struct xen_domctl_sched_rtds, flags) == 8, "xen_domctl_sched_rtds.flags offset");

union xen_domctl_schedparam_u {
    struct xen_domctl_sched_credit credit;
    struct xen_domctl_sched_credit2 credit2;
    struct xen_domctl_sched_rtds rtds;
};
typedef union xen_domctl_schedparam_u xen_domctl_schedparam_u_t;
_Static_assert(sizeof(union xen_domctl_schedparam_u) == 12, "xen_domctl_schedparam_u size");
_Static_assert(_Alignof(union xen_domctl_schedparam_u) == 4, "xen_domctl_schedparam_u alignment");
_Static_assert(offsetof(union xen_domctl_schedparam_u, credit) == 0, "xen_domctl_schedparam_u.credit offset");
_Static_assert(offsetof(union xen_domctl_schedparam_u, credit2) == 0, "xen_domctl_schedparam_u.credit2 offset");
_Static_assert(offsetof(union xen_domctl_schedparam_u, rtds) == 0, "xen_domctl_schedparam_u.rtds offset");

/* One vCPU's parameters for put/getvcpuinfo. */
struct xen_domctl_schedparam_vcpu {
    union xen_domctl_schedparam_u u;
    uint32_t vcpuid;
};
typedef struct xen_domctl_schedparam_vcpu xen_domctl_schedparam_vcpu_t;
_Static_assert(sizeof(struct xen_domctl_schedparam_vcpu) == 16, "xen_domctl_schedparam_vcpu size");
_Static_assert(_Alignof(struct xen_domctl_schedparam_vcpu) == 4, "xen_domctl_schedparam_vcpu alignment");
_Static_assert(offsetof(struct xen_domctl_schedparam_vcpu, u) == 0, "xen_domctl_schedparam_vcpu.u offset");
_Static_assert(offsetof(struct xen_domctl_schedparam_vcpu, vcpuid) == 12, "xen_domctl_schedparam_vcpu.vcpuid offset");

struct xen_domctl_scheduler_op_vcpus {
    uint64_t vcpus; /* guest handle: struct xen_domctl_schedparam_vcpu * */
    uint32_t nr_vcpus;
    uint32_t padding;
};
typedef struct xen_domctl_scheduler_op_vcpus xen_domctl_scheduler_op_vcpus_t;
_Static_assert(sizeof(struct xen_domctl_scheduler_op_vcpus) == 16, "xen_domctl_scheduler_op_vcpus size");
_Static_assert(_Alignof(struct xen_domctl_scheduler_op_vcpus) == 8, "xen_domctl_scheduler_op_vcpus alignment");
_Static_assert(offsetof(struct xen_domctl_scheduler_op_vcpus, vcpus) == 0, "xen_domctl_scheduler_op_vcpus.vcpus offset");
_Static_assert(offsetof(struct xen_domctl_scheduler_op_vcpus, nr_vcpus) == 8, "xen_domctl_scheduler_op_vcpus.nr_vcpus offset");
_Static_assert(offsetof(struct xen_domctl_scheduler_op_vcpus, padding) == 12, "xen_domctl_scheduler_op_vcpus.padding offset");

union xen_domctl_scheduler_op_u {
    struct xen_domctl_sched_credit credit;
    struct xen_domctl_sched_credit2 credit2;
    struct xen_domctl_sched_rtds rtds;
    struct xen_domctl_scheduler_op_vcpus v;
};
typedef union xen_domctl_scheduler_op_u xen_domctl_scheduler_op_u_t;
_Static_assert(sizeof(union xen_domctl_scheduler_op_u) == 16, "xen_domctl_scheduler_op_u size");
_Static_assert(_Alignof(union xen_domctl_scheduler_op_u) == 8, "xen_domctl_scheduler_op_u alignment");
_Static_assert(offsetof(union xen_domctl_scheduler_op_u, credit) == 0, "xen_domctl_scheduler_op_u.credit offset");
_Static_assert(offsetof(union xen_domctl_scheduler_op_u, credit2) == 0, "xen_domctl_scheduler_op_u.credit2 offset");
_Static_assert(offsetof(union xen_domctl_scheduler_op_u, rtds) == 0, "xen_domctl_scheduler_op_u.rtds offset");
_Static_assert(offsetof(union xen_domctl_scheduler_op_u, v) == 0, "xen_domctl_scheduler_op_u.v offset");

/* Per-domain scheduler parameters; u is chosen by sched_id (v for the per-vCPU commands). The null scheduler has none. */
struct xen_domctl_scheduler_op {
    uint32_t sched_id;
    uint32_t cmd;
    union xen_domctl_scheduler_op_u u;
};
typedef struct xen_domctl_scheduler_op xen_domctl_scheduler_op_t;
_Static_assert(sizeof(struct xen_domctl_scheduler_op) == 24, "xen_domctl_scheduler_op size");
_Static_assert(_Alignof(struct xen_domctl_scheduler_op) == 8, "xen_domctl_scheduler_op alignment");
_Static_assert(offsetof(struct xen_domctl_scheduler_op, sched_id) == 0, "xen_domctl_scheduler_op.sched_id offset");
_Static_assert(offsetof(struct xen_domctl_scheduler_op, cmd) == 4, "xen_domctl_scheduler_op.cmd offset");
_Static_assert(offsetof(struct xen_domctl_scheduler_op, u) == 8, "xen_domctl_scheduler_op.u offset");

struct xen_sysctl_credit_schedule {
    uint32_t tslice_ms;
    uint32_t ratelimit_us;
    uint32_t vcpu_migr_delay_us;
};
typedef struct xen_sysctl_credit_schedule xen_sysctl_credit_schedule_t;
_Static_assert(sizeof(struct xen_sysctl_credit_schedule) == 12, "xen_sysctl_credit_schedule size");
_Static_assert(_Alignof(struct xen_sysctl_credit_schedule) == 4, "xen_sysctl_credit_schedule alignment");
_Static_assert(offsetof(struct xen_sysctl_credit_schedule, tslice_ms) == 0, "xen_sysctl_credit_schedule.tslice_ms offset");
_Static_assert(offsetof(struct xen_sysctl_credit_schedule, ratelimit_us) == 4, "xen_sysctl_credit_schedule.ratelimit_us offset");
_Static_assert(offsetof(struct xen_sysctl_credit_schedule, vcpu_migr_delay_us) == 8, "xen_sysctl_credit_schedule.vcpu_migr_delay_us offset");

struct xen_sysctl_credit2_schedule {
    uint32_t ratelimit_us;
};
typedef struct xen_sysctl_credit2_schedule xen_sysctl_credit2_schedule_t;
_Static_assert(sizeof(struct xen_sysctl_credit2_schedule) == 4, "xen_sysctl_credit2_schedule size");
_Static_assert(_Alignof(struct xen_sysctl_credit2_schedule) == 4, "xen_sysctl_credit2_schedule alignment");
_Static_assert(offsetof(struct xen_sysctl_credit2_schedule, ratelimit_us) == 0, "xen_sysctl_credit2_schedule.ratelimit_us offset");

struct xen_sysctl_sched_arinc653 {
    uint64_t schedule; /* guest handle: struct xen_sysctl_arinc653_schedule * */
};
typedef struct xen_sysctl_sched_arinc653 xen_sysctl_sched_arinc653_t;
_Static_assert(sizeof(struct xen_sysctl_sched_arinc653) == 8, "xen_sysctl_sched_arinc653 size");
_Static_assert(_Alignof(struct xen_sysctl_sched_arinc653) == 8, "xen_sysctl_sched_arinc653 alignment");
_Static_assert(offsetof(struct xen_sysctl_sched_arinc653, schedule) == 0, "xen_sysctl_sched_arinc653.schedule offset");

union xen_sysctl_scheduler_op_u {
    struct xen_sysctl_sched_arinc653 sched_arinc653;
    struct xen_sysctl_credit_schedule sched_credit;
    struct xen_sysctl_credit2_schedule sched_credit2;
};
typedef union xen_sysctl_scheduler_op_u xen_sysctl_scheduler_op_u_t;
_Static_assert(sizeof(union xen_sysctl_scheduler_op_u) == 16, "xen_sysctl_scheduler_op_u size");
_Static_assert(_Alignof(union xen_sysctl_scheduler_op_u) == 8, "xen_sysctl_scheduler_op_u alignment");
_Static_assert(offsetof(union xen_sysctl_scheduler_op_u, sched_arinc653) == 0, "xen_sysctl_scheduler_op_u.sched_arinc653 offset");
_Static_assert(offsetof(union xen_sysctl_scheduler_op_u, sched_credit) == 0, "xen_sysctl_scheduler_op_u.sched_credit offset");
_Static_assert(offsetof(union xen_sysctl_scheduler_op_u, sched_credit2) == 0, "xen_sysctl_scheduler_op_u.sched_credit2 offset");

/* Per-cpupool scheduler parameters, chosen by sched_id. */
struct xen_sysctl_scheduler_op {
    uint32_t cpupool_id;
    uint32_t sched_id;
    uint32_t cmd;
    union xen_sysctl_scheduler_op_u u;
};
typedef struct xen_sysctl_scheduler_op xen_sysctl_scheduler_op_t;
_Static_assert(sizeof(struct xen_sysctl_scheduler_op) == 32, "xen_sysctl_scheduler_op size");
_Static_assert(_Alignof(struct xen_sysctl_scheduler_op) == 8, "xen_sysctl_scheduler_op alignment");
_Static_assert(offsetof(struct xen_sysctl_scheduler_op, cpupool_id) == 0, "xen_sysctl_scheduler_op.cpupool_id offset");
_Static_assert(offsetof(struct xen_sysctl_scheduler_op, sched_id) == 4, "xen_sysctl_scheduler_op.sched_id offset");
_Static_assert(offsetof(struct xen_sysctl_scheduler_op, cmd) == 8, "xen_sysctl_scheduler_op.cmd offset");
_Static_assert(offsetof(struct xen_sysctl_scheduler_op, u) == 16, "xen_sysctl_scheduler_op.u offset");

#endif /* XENRV_XEN_SCHEDULER_H */
