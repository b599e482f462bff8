/* evtchn-check: event channels as one domain with two vCPUs sees them, one TAP line per
   check: mask and unmask, events coalescing while pending, delivery moved to vCPU 1 by
   bind_vcpu, sends into a port whose peer closed, reset, and SCHEDOP_poll timing out.
   Sends and unmasks run on the hart's fast path where the port's entry allows. */
#include "runtime.h"

static volatile uint64_t taken[EVTCHN_RUNTIME_PORTS];
static volatile unsigned int taken_on[EVTCHN_RUNTIME_PORTS];
static volatile int stop_vcpu1;
static evtchn_port_t ipi;

static void count(evtchn_port_t port, void *arg)
{
    (void)arg;
    taken_on[port] = this_vcpu();
    taken[port]++;
}

static int stopping(void *arg)
{
    (void)arg;
    return stop_vcpu1;
}

/* vCPU 1 takes the events bound to it until told to stop. */
static void vcpu1_main(unsigned int vcpu, void *arg)
{
    (void)vcpu;
    (void)arg;
    evtchn_init_vcpu();
    evtchn_wait(stopping, NULL);
}

/* Waits (sleeping a little at a time) until `port` was taken `n` times or 10 ms pass. */
static void await_taken(evtchn_port_t port, uint64_t n)
{
    uint64_t until = time_ns() + 10000000ULL;
    while (taken[port] < n && time_ns() < until) sleep_for(20000, WAKE_XEN_TIMER);
}

static uint32_t status_of(evtchn_port_t port)
{
    evtchn_status_t status = { .dom = DOMID_SELF, .port = port };
    return evtchn_status(&status) == 0 ? status.status : 0xffffffffu;
}

static void mask_and_unmask(void)
{
    check_eq("bind_ipi on vCPU 0", evtchn_bind_ipi(0, &ipi), 0);
    evtchn_set_handler(ipi, count, NULL);
    evtchn_mask(ipi);
    check_eq("send on a masked port", evtchn_send(ipi), 0);
    check_eq("send again while it is pending", evtchn_send(ipi), 0);
    check_true("masked: pending, not taken", evtchn_is_pending(ipi) && taken[ipi] == 0);
    check_eq("unmask", evtchn_unmask(ipi), 0);
    check_eq("unmask delivers the two sends as one event", (long)taken[ipi], 1);
    check_true("taken: no longer pending", !evtchn_is_pending(ipi));
    check_eq("send on the unmasked port", evtchn_send(ipi), 0);
    check_eq("taken at once", (long)taken[ipi], 2);
}

static void bind_vcpu_moves_delivery(evtchn_port_t *a, evtchn_port_t *b)
{
    check_eq("alloc_unbound for itself", evtchn_alloc_unbound(DOMID_SELF, DOMID_SELF, a), 0);
    check_eq("bind_interdomain to itself", evtchn_bind_interdomain(DOMID_SELF, *a, b), 0);
    evtchn_clear_pending(*b); /* a new interdomain port starts pending */
    evtchn_set_handler(*a, count, NULL);
    evtchn_set_handler(*b, count, NULL);
    check_eq("send a -> b", evtchn_send(*a), 0);
    check_true("b taken on vCPU 0", taken[*b] == 1 && taken_on[*b] == 0);
    check_eq("bind_vcpu b to vCPU 1", evtchn_bind_vcpu(*b, 1), 0);
    check_eq("send a -> b again", evtchn_send(*a), 0);
    await_taken(*b, 2);
    check_true("b taken on vCPU 1", taken[*b] == 2 && taken_on[*b] == 1);
    check_eq("send b -> a", evtchn_send(*b), 0);
    check_true("a still taken on vCPU 0", taken[*a] == 1 && taken_on[*a] == 0);
    check_eq("bind_vcpu of an IPI port", evtchn_bind_vcpu(ipi, 1), -XEN_EINVAL);
    check_eq("bind_vcpu to a vCPU that does not exist", evtchn_bind_vcpu(*b, 7), -XEN_ENOENT);
}

static void close_while_sending(evtchn_port_t a, evtchn_port_t b)
{
    check_eq("close b", evtchn_close(b), 0);
    check_eq("a is unbound again", status_of(a), EVTCHNSTAT_unbound);
    check_eq("send on a: dropped, no error", evtchn_send(a), 0);
    check_true("nothing taken for b", taken[b] == 2 && !evtchn_is_pending(b));
    check_eq("send on the closed port", evtchn_send(b), -XEN_EINVAL);
    check_eq("close it again", evtchn_close(b), -XEN_EINVAL);
    check_eq("unmask of a port past the valid ones", evtchn_unmask(4000), -XEN_EINVAL);
}

static void poll_times_out(evtchn_port_t a)
{
    uint64_t deadline = time_ns() + 300000;
    check_eq("poll on a quiet port with a timeout", evtchn_poll(&a, 1, deadline), 0);
    check_true("poll returned at its timeout", time_ns() >= deadline);
    evtchn_port_t too_big = EVTCHN_2L_NR_CHANNELS;
    check_eq("poll on a port past the last", evtchn_poll(&too_big, 1, 0), -XEN_EINVAL);
}

static void reset_closes_everything(evtchn_port_t a, evtchn_port_t vcpu1_ipi)
{
    stop_vcpu1 = 1;
    evtchn_send(vcpu1_ipi);
    vcpus_join();
    check_eq("reset", evtchn_reset(DOMID_SELF), 0);
    check_eq("a closed", status_of(a), EVTCHNSTAT_closed);
    check_eq("vCPU 1's IPI port closed", status_of(vcpu1_ipi), EVTCHNSTAT_closed);
    check_eq("send after reset", evtchn_send(a), -XEN_EINVAL);
}

int main(void)
{
    long rc = evtchn_init();
    if (rc != 0) return printf("evtchn-check: evtchn_init failed: %ld\n", rc), 1;
    evtchn_port_t vcpu1_ipi, a, b;
    check_eq("bind_ipi on vCPU 1", evtchn_bind_ipi(1, &vcpu1_ipi), 0);
    evtchn_set_handler(vcpu1_ipi, count, NULL);
    check_eq("start vCPU 1", vcpu_start(1, VCPU_START_VCPUOP, vcpu1_main, NULL), 0);
    mask_and_unmask();
    bind_vcpu_moves_delivery(&a, &b);
    close_while_sending(a, b);
    poll_times_out(a);
    reset_closes_everything(a, vcpu1_ipi);
    return checks_done();
}
