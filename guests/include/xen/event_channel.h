/* event_channel_op. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_EVENT_CHANNEL_H
#define XENRV_XEN_EVENT_CHANNEL_H

#include <stddef.h>
#include <stdint.h>

/* event_channel_op sub-ops. */
#define EVTCHNOP_bind_interdomain 0
#define EVTCHNOP_bind_virq 1
#define EVTCHNOP_bind_pirq 2
#define EVTCHNOP_close 3
#define EVTCHNOP_send 4
#define EVTCHNOP_status 5
#define EVTCHNOP_alloc_unbound 6
#define EVTCHNOP_bind_ipi 7
#define EVTCHNOP_bind_vcpu 8
#define EVTCHNOP_unmask 9
#define EVTCHNOP_reset 10
#define EVTCHNOP_init_control 11
#define EVTCHNOP_expand_array 12
#define EVTCHNOP_set_priority 13

/* Port states reported by EVTCHNOP_status. */
#define EVTCHNSTAT_closed 0
#define EVTCHNSTAT_unbound 1
#define EVTCHNSTAT_interdomain 2
#define EVTCHNSTAT_pirq 3
#define EVTCHNSTAT_virq 4
#define EVTCHNSTAT_ipi 5

/* FIFO event channel ABI: priorities, event word bits, sizes. */
#define EVTCHN_FIFO_PRIORITY_MAX 0
#define EVTCHN_FIFO_PRIORITY_DEFAULT 7
#define EVTCHN_FIFO_PRIORITY_MIN 15
#define EVTCHN_FIFO_MAX_QUEUES 16
#define EVTCHN_FIFO_PENDING 31
#define EVTCHN_FIFO_MASKED 30
#define EVTCHN_FIFO_LINKED 29
#define EVTCHN_FIFO_BUSY 28
#define EVTCHN_FIFO_LINK_BITS 17
#define EVTCHN_FIFO_NR_CHANNELS 131072

/* IN dom, remote_dom; OUT port. */
struct evtchn_alloc_unbound {
    uint16_t dom;
    uint16_t remote_dom;
    uint32_t port;
};
typedef struct evtchn_alloc_unbound evtchn_alloc_unbound_t;
_Static_assert(sizeof(struct evtchn_alloc_unbound) == 8, "evtchn_alloc_unbound size");
_Static_assert(_Alignof(struct evtchn_alloc_unbound) == 4, "evtchn_alloc_unbound alignment");
_Static_assert(offsetof(struct evtchn_alloc_unbound, dom) == 0, "evtchn_alloc_unbound.dom offset");
_Static_assert(offsetof(struct evtchn_alloc_unbound, remote_dom) == 2, "evtchn_alloc_unbound.remote_dom offset");
_Static_assert(offsetof(struct evtchn_alloc_unbound, port) == 4, "evtchn_alloc_unbound.port offset");

/* IN remote_dom, remote_port; OUT local_port. */
struct evtchn_bind_interdomain {
    uint16_t remote_dom;
    uint32_t remote_port;
    uint32_t local_port;
};
typedef struct evtchn_bind_interdomain evtchn_bind_interdomain_t;
_Static_assert(sizeof(struct evtchn_bind_interdomain) == 12, "evtchn_bind_interdomain size");
_Static_assert(_Alignof(struct evtchn_bind_interdomain) == 4, "evtchn_bind_interdomain alignment");
_Static_assert(offsetof(struct evtchn_bind_interdomain, remote_dom) == 0, "evtchn_bind_interdomain.remote_dom offset");
_Static_assert(offsetof(struct evtchn_bind_interdomain, remote_port) == 4, "evtchn_bind_interdomain.remote_port offset");
_Static_assert(offsetof(struct evtchn_bind_interdomain, local_port) == 8, "evtchn_bind_interdomain.local_port offset");

/* IN virq, vcpu; OUT port. */
struct evtchn_bind_virq {
    uint32_t virq;
    uint32_t vcpu;
    uint32_t port;
};
typedef struct evtchn_bind_virq evtchn_bind_virq_t;
_Static_assert(sizeof(struct evtchn_bind_virq) == 12, "evtchn_bind_virq size");
_Static_assert(_Alignof(struct evtchn_bind_virq) == 4, "evtchn_bind_virq alignment");
_Static_assert(offsetof(struct evtchn_bind_virq, virq) == 0, "evtchn_bind_virq.virq offset");
_Static_assert(offsetof(struct evtchn_bind_virq, vcpu) == 4, "evtchn_bind_virq.vcpu offset");
_Static_assert(offsetof(struct evtchn_bind_virq, port) == 8, "evtchn_bind_virq.port offset");

/* IN pirq, flags; OUT port. */
struct evtchn_bind_pirq {
    uint32_t pirq;
    uint32_t flags;
    uint32_t port;
};
typedef struct evtchn_bind_pirq evtchn_bind_pirq_t;
_Static_assert(sizeof(struct evtchn_bind_pirq) == 12, "evtchn_bind_pirq size");
_Static_assert(_Alignof(struct evtchn_bind_pirq) == 4, "evtchn_bind_pirq alignment");
_Static_assert(offsetof(struct evtchn_bind_pirq, pirq) == 0, "evtchn_bind_pirq.pirq offset");
_Static_assert(offsetof(struct evtchn_bind_pirq, flags) == 4, "evtchn_bind_pirq.flags offset");
_Static_assert(offsetof(struct evtchn_bind_pirq, port) == 8, "evtchn_bind_pirq.port offset");

/* IN vcpu; OUT port. */
struct evtchn_bind_ipi {
    uint32_t vcpu;
    uint32_t port;
};
typedef struct evtchn_bind_ipi evtchn_bind_ipi_t;
_Static_assert(sizeof(struct evtchn_bind_ipi) == 8, "evtchn_bind_ipi size");
_Static_assert(_Alignof(struct evtchn_bind_ipi) == 4, "evtchn_bind_ipi alignment");
_Static_assert(offsetof(struct evtchn_bind_ipi, vcpu) == 0, "evtchn_bind_ipi.vcpu offset");
_Static_assert(offsetof(struct evtchn_bind_ipi, port) == 4, "evtchn_bind_ipi.port offset");

struct evtchn_close {
    uint32_t port;
};
typedef struct evtchn_close evtchn_close_t;
_Static_assert(sizeof(struct evtchn_close) == 4, "evtchn_close size");
_Static_assert(_Alignof(struct evtchn_close) == 4, "evtchn_close alignment");
_Static_assert(offsetof(struct evtchn_close, port) == 0, "evtchn_close.port offset");

struct evtchn_send {
    uint32_t port;
};
typedef struct evtchn_send evtchn_send_t;
_Static_assert(sizeof(struct evtchn_send) == 4, "evtchn_send size");
_Static_assert(_Alignof(struct evtchn_send) == 4, "evtchn_send alignment");
_Static_assert(offsetof(struct evtchn_send, port) == 0, "evtchn_send.port offset");

struct evtchn_unmask {
    uint32_t port;
};
typedef struct evtchn_unmask evtchn_unmask_t;
_Static_assert(sizeof(struct evtchn_unmask) == 4, "evtchn_unmask size");
_Static_assert(_Alignof(struct evtchn_unmask) == 4, "evtchn_unmask alignment");
_Static_assert(offsetof(struct evtchn_unmask, port) == 0, "evtchn_unmask.port offset");

struct evtchn_reset {
    uint16_t dom;
};
typedef struct evtchn_reset evtchn_reset_t;
_Static_assert(sizeof(struct evtchn_reset) == 2, "evtchn_reset size");
_Static_assert(_Alignof(struct evtchn_reset) == 2, "evtchn_reset alignment");
_Static_assert(offsetof(struct evtchn_reset, dom) == 0, "evtchn_reset.dom offset");

struct evtchn_status_unbound {
    uint16_t dom;
};
typedef struct evtchn_status_unbound evtchn_status_unbound_t;
_Static_assert(sizeof(struct evtchn_status_unbound) == 2, "evtchn_status_unbound size");
_Static_assert(_Alignof(struct evtchn_status_unbound) == 2, "evtchn_status_unbound alignment");
_Static_assert(offsetof(struct evtchn_status_unbound, dom) == 0, "evtchn_status_unbound.dom offset");

struct evtchn_status_interdomain {
    uint16_t dom;
    uint32_t port;
};
typedef struct evtchn_status_interdomain evtchn_status_interdomain_t;
_Static_assert(sizeof(struct evtchn_status_interdomain) == 8, "evtchn_status_interdomain size");
_Static_assert(_Alignof(struct evtchn_status_interdomain) == 4, "evtchn_status_interdomain alignment");
_Static_assert(offsetof(struct evtchn_status_interdomain, dom) == 0, "evtchn_status_interdomain.dom offset");
_Static_assert(offsetof(struct evtchn_status_interdomain, port) == 4, "evtchn_status_interdomain.port offset");

union evtchn_status_u {
    struct evtchn_status_unbound unbound;
    struct evtchn_status_interdomain interdomain;
    uint32_t pirq;
    uint32_t virq;
};
typedef union evtchn_status_u evtchn_status_u_t;
_Static_assert(sizeof(union evtchn_status_u) == 8, "evtchn_status_u size");
_Static_assert(_Alignof(union evtchn_status_u) == 4, "evtchn_status_u alignment");
_Static_assert(offsetof(union evtchn_status_u, unbound) == 0, "evtchn_status_u.unbound offset");
_Static_assert(offsetof(union evtchn_status_u, interdomain) == 0, "evtchn_status_u.interdomain offset");
_Static_assert(offsetof(union evtchn_status_u, pirq) == 0, "evtchn_status_u.pirq offset");
_Static_assert(offsetof(union evtchn_status_u, virq) == 0, "evtchn_status_u.virq offset");

/* IN dom, port; OUT status (EVTCHNSTAT_*), vcpu and the status-specific u. */
struct evtchn_status {
    uint16_t dom;
    uint32_t port;
    uint32_t status;
    uint32_t vcpu;
    union evtchn_status_u u;
};
typedef struct evtchn_status evtchn_status_t;
_Static_assert(sizeof(struct evtchn_status) == 24, "evtchn_status size");
_Static_assert(_Alignof(struct evtchn_status) == 4, "evtchn_status alignment");
_Static_assert(offsetof(struct evtchn_status, dom) == 0, "evtchn_status.dom offset");
_Static_assert(offsetof(struct evtchn_status, port) == 4, "evtchn_status.port offset");
_Static_assert(offsetof(struct evtchn_status, status) == 8, "evtchn_status.status offset");
_Static_assert(offsetof(struct evtchn_status, vcpu) == 12, "evtchn_status.vcpu offset");
_Static_assert(offsetof(struct evtchn_status, u) == 16, "evtchn_status.u offset");

struct evtchn_bind_vcpu {
    uint32_t port;
    uint32_t vcpu;
};
typedef struct evtchn_bind_vcpu evtchn_bind_vcpu_t;
_Static_assert(sizeof(struct evtchn_bind_vcpu) == 8, "evtchn_bind_vcpu size");
_Static_assert(_Alignof(struct evtchn_bind_vcpu) == 4, "evtchn_bind_vcpu alignment");
_Static_assert(offsetof(struct evtchn_bind_vcpu, port) == 0, "evtchn_bind_vcpu.port offset");
_Static_assert(offsetof(struct evtchn_bind_vcpu, vcpu) == 4, "evtchn_bind_vcpu.vcpu offset");

/* FIFO ABI: register a vCPU control block; OUT link_bits. */
struct evtchn_init_control {
    uint64_t control_gfn;
    uint32_t offset;
    uint32_t vcpu;
    uint8_t link_bits;
    uint8_t _pad[7];
};
typedef struct evtchn_init_control evtchn_init_control_t;
_Static_assert(sizeof(struct evtchn_init_control) == 24, "evtchn_init_control size");
_Static_assert(_Alignof(struct evtchn_init_control) == 8, "evtchn_init_control alignment");
_Static_assert(offsetof(struct evtchn_init_control, control_gfn) == 0, "evtchn_init_control.control_gfn offset");
_Static_assert(offsetof(struct evtchn_init_control, offset) == 8, "evtchn_init_control.offset offset");
_Static_assert(offsetof(struct evtchn_init_control, vcpu) == 12, "evtchn_init_control.vcpu offset");
_Static_assert(offsetof(struct evtchn_init_control, link_bits) == 16, "evtchn_init_control.link_bits offset");
_Static_assert(offsetof(struct evtchn_init_control, _pad) == 17, "evtchn_init_control._pad offset");

struct evtchn_expand_array {
    uint64_t array_gfn;
};
typedef struct evtchn_expand_array evtchn_expand_array_t;
_Static_assert(sizeof(struct evtchn_expand_array) == 8, "evtchn_expand_array size");
_Static_assert(_Alignof(struct evtchn_expand_array) == 8, "evtchn_expand_array alignment");
_Static_assert(offsetof(struct evtchn_expand_array, array_gfn) == 0, "evtchn_expand_array.array_gfn offset");

struct evtchn_set_priority {
    uint32_t port;
    uint32_t priority;
};
typedef struct evtchn_set_priority evtchn_set_priority_t;
_Static_assert(sizeof(struct evtchn_set_priority) == 8, "evtchn_set_priority size");
_Static_assert(_Alignof(struct evtchn_set_priority) == 4, "evtchn_set_priority alignment");
_Static_assert(offsetof(struct evtchn_set_priority, port) == 0, "evtchn_set_priority.port offset");
_Static_assert(offsetof(struct evtchn_set_priority, priority) == 4, "evtchn_set_priority.priority offset");

/* FIFO ABI per-vCPU control block. */
struct evtchn_fifo_control_block {
    uint32_t ready;
    uint32_t _rsvd;
    uint32_t head[16];
};
typedef struct evtchn_fifo_control_block evtchn_fifo_control_block_t;
_Static_assert(sizeof(struct evtchn_fifo_control_block) == 72, "evtchn_fifo_control_block size");
_Static_assert(_Alignof(struct evtchn_fifo_control_block) == 4, "evtchn_fifo_control_block alignment");
_Static_assert(offsetof(struct evtchn_fifo_control_block, ready) == 0, "evtchn_fifo_control_block.ready offset");
_Static_assert(offsetof(struct evtchn_fifo_control_block, _rsvd) == 4, "evtchn_fifo_control_block._rsvd offset");
_Static_assert(offsetof(struct evtchn_fifo_control_block, head) == 8, "evtchn_fifo_control_block.head offset");

#endif /* XENRV_XEN_EVENT_CHANNEL_H */
