/* Event channels from the guest side: EVTCHNOP wrappers, the 2-level upcall scan and
   per-port handlers. Xen sets a port's bit in shared_info's evtchn_pending, its word's
   bit in the notified vCPU's evtchn_pending_sel and then evtchn_upcall_pending, and
   raises the upcall (the supervisor software interrupt) when that flag goes 0 -> 1. The
   scan undoes those steps in the opposite order, so an event arriving at any point of
   it is either seen by this scan or raises a new upcall. */
#include "runtime.h"

#define SIE_SSIE (1UL << IRQ_SOFTWARE)
#define WORD_BITS EVTCHN_2L_BITS_PER_WORD
#define RUNTIME_WORDS (EVTCHN_RUNTIME_PORTS / WORD_BITS)

struct port_handler {
    evtchn_handler_t fn;
    void *arg;
};

static struct port_handler handlers[EVTCHN_RUNTIME_PORTS];
/* The vCPU each port notifies, as far as the runtime knows (0 unless bound otherwise). */
static uint8_t port_vcpu[EVTCHN_RUNTIME_PORTS];
static uint64_t unhandled;

/* ---- EVTCHNOP wrappers */

static long evtchn_op(int cmd, void *arg)
{
    return xen_hypercall(__HYPERVISOR_event_channel_op, (unsigned)cmd, XEN_ARG(arg), 0, 0, 0);
}

static void note_vcpu(evtchn_port_t port, unsigned int vcpu)
{
    if (port < EVTCHN_RUNTIME_PORTS) __atomic_store_n(&port_vcpu[port], (uint8_t)vcpu, __ATOMIC_RELEASE);
}

long evtchn_alloc_unbound(uint16_t dom, uint16_t remote_dom, evtchn_port_t *port)
{
    struct evtchn_alloc_unbound op = { .dom = dom, .remote_dom = remote_dom };
    long rc = evtchn_op(EVTCHNOP_alloc_unbound, &op);
    if (rc == 0) {
        if (dom == DOMID_SELF) note_vcpu(op.port, 0);
        *port = op.port;
    }
    return rc;
}

long evtchn_bind_interdomain(uint16_t remote_dom, evtchn_port_t remote_port, evtchn_port_t *local_port)
{
    struct evtchn_bind_interdomain op = { .remote_dom = remote_dom, .remote_port = remote_port };
    long rc = evtchn_op(EVTCHNOP_bind_interdomain, &op);
    if (rc == 0) {
        note_vcpu(op.local_port, 0);
        *local_port = op.local_port;
    }
    return rc;
}

long evtchn_bind_virq(uint32_t virq, unsigned int vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_virq op = { .virq = virq, .vcpu = vcpu };
    long rc = evtchn_op(EVTCHNOP_bind_virq, &op);
    if (rc == 0) {
        note_vcpu(op.port, vcpu);
        *port = op.port;
    }
    return rc;
}

long evtchn_bind_ipi(unsigned int vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_ipi op = { .vcpu = vcpu };
    long rc = evtchn_op(EVTCHNOP_bind_ipi, &op);
    if (rc == 0) {
        note_vcpu(op.port, vcpu);
        *port = op.port;
    }
    return rc;
}

long evtchn_send(evtchn_port_t port)
{
    struct evtchn_send op = { .port = port };
    return evtchn_op(EVTCHNOP_send, &op);
}

long evtchn_close(evtchn_port_t port)
{
    struct evtchn_close op = { .port = port };
    long rc = evtchn_op(EVTCHNOP_close, &op);
    if (rc == 0) evtchn_set_handler(port, NULL, NULL);
    return rc;
}

long evtchn_unmask(evtchn_port_t port)
{
    struct evtchn_unmask op = { .port = port };
    return evtchn_op(EVTCHNOP_unmask, &op);
}

long evtchn_bind_vcpu(evtchn_port_t port, unsigned int vcpu)
{
    struct evtchn_bind_vcpu op = { .port = port, .vcpu = vcpu };
    long rc = evtchn_op(EVTCHNOP_bind_vcpu, &op);
    if (rc == 0) note_vcpu(port, vcpu);
    return rc;
}

long evtchn_status(evtchn_status_t *status) { return evtchn_op(EVTCHNOP_status, status); }

long evtchn_reset(uint16_t dom)
{
    struct evtchn_reset op = { .dom = dom };
    return evtchn_op(EVTCHNOP_reset, &op);
}

/* ---- the bitmaps */

/* Index of the lowest set bit of a non-zero word (no Zbb, and libgcc's is built for another ABI). */
static unsigned int lowest_bit(uint64_t word)
{
    unsigned int bit = 0;
    for (unsigned int step = 32; step; step >>= 1) {
        if ((word & ((1ULL << step) - 1)) == 0) {
            word >>= step;
            bit += step;
        }
    }
    return bit;
}

static uint64_t port_bit(evtchn_port_t port) { return 1ULL << (port % WORD_BITS); }

void evtchn_mask(evtchn_port_t port)
{
    __atomic_fetch_or(&xen_shared_info->evtchn_mask[port / WORD_BITS], port_bit(port), __ATOMIC_SEQ_CST);
}

int evtchn_is_pending(evtchn_port_t port)
{
    return (__atomic_load_n(&xen_shared_info->evtchn_pending[port / WORD_BITS], __ATOMIC_ACQUIRE) & port_bit(port)) != 0;
}

int evtchn_is_masked(evtchn_port_t port)
{
    return (__atomic_load_n(&xen_shared_info->evtchn_mask[port / WORD_BITS], __ATOMIC_ACQUIRE) & port_bit(port)) != 0;
}

void evtchn_clear_pending(evtchn_port_t port)
{
    __atomic_fetch_and(&xen_shared_info->evtchn_pending[port / WORD_BITS], ~port_bit(port), __ATOMIC_SEQ_CST);
}

/* ---- handlers and the upcall */

long evtchn_set_handler(evtchn_port_t port, evtchn_handler_t fn, void *arg)
{
    if (port == 0 || port >= EVTCHN_RUNTIME_PORTS) return -XEN_EINVAL;
    /* The upcall may run on another vCPU: it must never see the new fn with the old arg. */
    __atomic_store_n(&handlers[port].fn, NULL, __ATOMIC_RELEASE);
    handlers[port].arg = arg;
    __atomic_store_n(&handlers[port].fn, fn, __ATOMIC_RELEASE);
    return 0;
}

uint64_t evtchn_unhandled(void) { return __atomic_load_n(&unhandled, __ATOMIC_RELAXED); }

/* Ports past the runtime's table have no handler; they are taken by vCPU 0. */
static unsigned int owner(evtchn_port_t port)
{
    return port < EVTCHN_RUNTIME_PORTS ? __atomic_load_n(&port_vcpu[port], __ATOMIC_ACQUIRE) : 0;
}

static void dispatch(evtchn_port_t port)
{
    evtchn_handler_t fn = port < EVTCHN_RUNTIME_PORTS ? __atomic_load_n(&handlers[port].fn, __ATOMIC_ACQUIRE) : NULL;
    if (fn) fn(port, handlers[port].arg);
    else __atomic_fetch_add(&unhandled, 1, __ATOMIC_RELAXED);
}

/* Takes the word's pending, unmasked ports that notify `vcpu`, lowest first. */
static void scan_word(unsigned int word, unsigned int vcpu)
{
    uint64_t ready = __atomic_load_n(&xen_shared_info->evtchn_pending[word], __ATOMIC_ACQUIRE) &
                     ~__atomic_load_n(&xen_shared_info->evtchn_mask[word], __ATOMIC_ACQUIRE);
    while (ready) {
        unsigned int bit = lowest_bit(ready);
        ready &= ready - 1;
        evtchn_port_t port = word * WORD_BITS + bit;
        if (owner(port) != vcpu) continue;
        /* Cleared before the handler runs: an event sent meanwhile sets it again and is seen. */
        uint64_t was = __atomic_fetch_and(&xen_shared_info->evtchn_pending[word], ~(1ULL << bit), __ATOMIC_ACQ_REL);
        if (was & (1ULL << bit)) dispatch(port);
    }
}

void evtchn_do_upcall(void)
{
    unsigned int vcpu = this_vcpu();
    vcpu_info_t *info = xen_vcpu_info(vcpu);
    if (info == NULL || xen_shared_info == NULL) return;
    do {
        __atomic_store_n(&info->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST);
        uint64_t words = __atomic_exchange_n(&info->evtchn_pending_sel, 0, __ATOMIC_ACQ_REL);
        while (words) {
            unsigned int word = lowest_bit(words);
            words &= words - 1;
            scan_word(word, vcpu);
        }
    } while (__atomic_load_n(&info->evtchn_upcall_pending, __ATOMIC_ACQUIRE));
}

static void upcall_irq(struct trap_frame *frame)
{
    (void)frame;
    evtchn_do_upcall();
}

void evtchn_init_vcpu(void)
{
    __asm__ volatile("csrs sie, %0" ::"r"(SIE_SSIE) : "memory");
    irq_enable();
}

long evtchn_init(void)
{
    long rc = smp_init();
    if (rc != 0) return rc;
    trap_set_irq_handler(XEN_UPCALL_IRQ, upcall_irq);
    evtchn_init_vcpu();
    return 0;
}

/* ---- waiting */

static uint64_t spin_ticks;

void evtchn_set_spin(uint64_t ns) { spin_ticks = ns_to_ticks(ns); }

/* Spins until the upcall is pending or done(arg), for spin_ticks at most; whether either happened. */
static int spin_for(const vcpu_info_t *info, int (*done)(void *arg), void *arg)
{
    uint64_t until = time_ticks() + spin_ticks;
    do {
        if (__atomic_load_n(&info->evtchn_upcall_pending, __ATOMIC_ACQUIRE) || done(arg)) return 1;
    } while (time_ticks() < until);
    return 0;
}

void evtchn_wait(int (*done)(void *arg), void *arg)
{
    unsigned long sstatus;
    __asm__ volatile("csrrc %0, sstatus, %1" : "=r"(sstatus) : "r"(2UL) : "memory");
    const vcpu_info_t *info = xen_vcpu_info(this_vcpu());
    while (!done(arg)) {
        if (spin_ticks == 0 || info == NULL || !spin_for(info, done, arg)) xen_block();
        /* Take the upcall here, masked, instead of through a trap once interrupts are on. */
        __asm__ volatile("csrc sip, %0" ::"r"(SIE_SSIE) : "memory");
        evtchn_do_upcall();
    }
    if (sstatus & 2UL) irq_enable();
}

long evtchn_poll(const evtchn_port_t *ports, unsigned int count, uint64_t timeout_abs_ns)
{
    struct sched_poll poll = { .ports = (uintptr_t)ports, .nr_ports = count, .timeout = timeout_abs_ns };
    return HYPERVISOR_sched_op(SCHEDOP_poll, &poll);
}
