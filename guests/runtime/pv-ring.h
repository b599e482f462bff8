/* What the PV console and xenbus frontends share: the HVM parameters where the toolstack
   left their page and event channel, and waiting for the backend on that channel. The
   port stays masked (no upcall): a waiting vCPU polls it with SCHEDOP_poll, which ends
   when the port becomes pending, masked or not. */
#ifndef RUNTIME_PV_RING_H
#define RUNTIME_PV_RING_H

#include "runtime.h"

/* With several vCPUs waiting on one port, each looks at the ring again after this much
   virtual time at the latest. */
#define PV_RING_WAIT_SLICE_NS 1000000ULL

/* HVMOP_get_param for this domain: 0 or -XEN_Exxx. */
static inline long pv_hvm_param(uint32_t index, uint64_t *value)
{
    struct xen_hvm_param param = { .domid = DOMID_SELF, .index = index };
    long rc = HYPERVISOR_hvm_op(HVMOP_get_param, &param);
    if (rc == 0) *value = param.value;
    return rc;
}

/* The page at `pfn` and the port in `evtchn_param`, with the port masked for polling. */
static inline long pv_ring_connect(uint32_t pfn_param, uint32_t evtchn_param, void **page, evtchn_port_t *port)
{
    uint64_t pfn = 0, evtchn = 0;
    long rc = pv_hvm_param(pfn_param, &pfn);
    if (rc == 0) rc = pv_hvm_param(evtchn_param, &evtchn);
    if (rc != 0) return rc;
    if (pfn == 0 || evtchn == 0) return -XEN_ENOENT;
    if (xen_shared_info == NULL && (rc = smp_init()) != 0) return rc;
    *page = (void *)(uintptr_t)(pfn * PAGE_SIZE);
    *port = (evtchn_port_t)evtchn;
    evtchn_mask(*port);
    return 0;
}

/* Returns once ready(arg) holds; the backend signals `port` whenever it moved an index.
   `waiters` counts the vCPUs waiting on the port. One alone clears the port before it
   looks (a signal after the look leaves the port pending, and the poll returns at once)
   and polls without a timeout, so an idle guest really blocks. With company, clearing
   could take another waiter's wake-up: it polls with a timeout instead. */
static inline void pv_ring_wait(evtchn_port_t port, uint32_t *waiters, int (*ready)(void *arg), void *arg)
{
    __atomic_fetch_add(waiters, 1, __ATOMIC_ACQ_REL);
    for (;;) {
        int alone = __atomic_load_n(waiters, __ATOMIC_ACQUIRE) == 1;
        if (alone) evtchn_clear_pending(port);
        if (ready(arg)) break;
        evtchn_poll(&port, 1, alone ? 0 : time_ns() + PV_RING_WAIT_SLICE_NS);
    }
    __atomic_fetch_sub(waiters, 1, __ATOMIC_RELEASE);
}

#endif
