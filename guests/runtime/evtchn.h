/* Event channels from the guest side (evtchn.c): the EVTCHNOP wrappers, the upcall that
   scans the 2-level bitmaps and runs the handler registered for each pending port, and
   waiting for events. Ports notify a vCPU; a port's handler runs on the vCPU the runtime
   knows the port to be bound to (vCPU 0 unless bound otherwise through these wrappers). */
#ifndef RUNTIME_EVTCHN_H
#define RUNTIME_EVTCHN_H

#include <stdint.h>
#include <xen-abi.h>

typedef uint32_t evtchn_port_t;

/* Ports below this can have a handler; events on others are counted and dropped. */
#define EVTCHN_RUNTIME_PORTS 1024

/* Runs in the upcall (interrupts masked) once per event taken on `port`. */
typedef void (*evtchn_handler_t)(evtchn_port_t port, void *arg);

/* Maps shared_info and registers vCPU 0's vcpu_info if needed (smp_init), installs the
   upcall handler and enables interrupts on this vCPU. 0 or -XEN_Exxx. */
long evtchn_init(void);
/* Other vCPUs take upcalls once they call this (after evtchn_init on vCPU 0). */
void evtchn_init_vcpu(void);

/* ---- EVTCHNOP wrappers: 0 or -XEN_Exxx; OUT ports through the pointer. */
/* A port of `dom` (DOMID_SELF for the caller) that `remote_dom` may bind to. */
long evtchn_alloc_unbound(uint16_t dom, uint16_t remote_dom, evtchn_port_t *port);
long evtchn_bind_interdomain(uint16_t remote_dom, evtchn_port_t remote_port, evtchn_port_t *local_port);
long evtchn_bind_virq(uint32_t virq, unsigned int vcpu, evtchn_port_t *port);
long evtchn_bind_ipi(unsigned int vcpu, evtchn_port_t *port);
long evtchn_send(evtchn_port_t port);
/* Closes the port and forgets its handler. */
long evtchn_close(evtchn_port_t port);
long evtchn_unmask(evtchn_port_t port);
/* Moves delivery to `vcpu`; the handler runs there from then on. */
long evtchn_bind_vcpu(evtchn_port_t port, unsigned int vcpu);
/* Fills status->status, vcpu, u for (status->dom, status->port). */
long evtchn_status(evtchn_status_t *status);
long evtchn_reset(uint16_t dom);

/* ---- the bitmaps in shared_info (no hypercall; shared_info mapped: after evtchn_init) */
void evtchn_mask(evtchn_port_t port);
int evtchn_is_pending(evtchn_port_t port);
int evtchn_is_masked(evtchn_port_t port);
void evtchn_clear_pending(evtchn_port_t port);

/* ---- handlers and the upcall */
/* Registers `fn(port, arg)` for events on `port` (NULL: none); -XEN_EINVAL past
   EVTCHN_RUNTIME_PORTS. */
long evtchn_set_handler(evtchn_port_t port, evtchn_handler_t fn, void *arg);
/* The 2-level scan of this vCPU's pending ports (spec: clear evtchn_upcall_pending, take
   evtchn_pending_sel, then for each word pending & ~mask: clear pending, dispatch), until
   no more upcall is pending. The upcall handler; callable with interrupts masked. */
void evtchn_do_upcall(void);
/* Events taken whose port had no handler on this vCPU (cleared and dropped). */
uint64_t evtchn_unhandled(void);

/* ---- waiting */
/* Blocks (SCHEDOP_block) until done(arg) is true. done is checked with interrupts
   masked, then the vCPU blocks; an event arriving in between keeps SCHEDOP_block from
   blocking, and its handler runs before done is checked again. */
void evtchn_wait(int (*done)(void *arg), void *arg);
/* Before blocking, evtchn_wait watches evtchn_upcall_pending for up to `ns` of virtual
   time (0, the default: it blocks at once). Worth it when the event comes from a vCPU
   running on another CPU: the vCPU keeps its CPU and sees the event without a wake-up. */
void evtchn_set_spin(uint64_t ns);
/* SCHEDOP_poll: waits until one of `ports` is pending or Xen's system time reaches
   `timeout_abs_ns` (0: no timeout). 0 or -XEN_Exxx; the caller looks at which. */
long evtchn_poll(const evtchn_port_t *ports, unsigned int count, uint64_t timeout_abs_ns);

#endif
