/* pingpong: two domains bound by an interdomain event channel bounce an event `count`
   times. The toolstack offers a port of the pong domain to the ping domain
   (EVTCHNOP_alloc_unbound from dom0); ping binds to it and sends, pong answers every
   event with one of its own. Ping measures each round trip in virtual time and prints
   the percentiles. With one event in flight at a time, each side must take exactly one
   event per send of the other: a lost event stops the exchange, and both check that
   they took exactly `count` events, also a while after the last round trip.
   Boot arguments:
     role=ping|pong
     peer=D        ping: the pong domain's id
     port=P        ping: the pong domain's port offered to it (pong finds its own: the
                   port offered to, or bound by, a domain other than dom0)
     count=N       round trips (default 1000)
     spin_us=N     how long each side spins for the next event before blocking
                   (default 0: it blocks at once; see evtchn_set_spin)
     wait=poll     each side keeps its port masked and waits in SCHEDOP_poll on it
                   instead of taking upcalls (default: wait=upcall) */
#include "runtime.h"

#define DEFAULT_COUNT 1000
/* Log-linear latency histogram: 2^SUB_BITS buckets per power of two of ns. */
#define SUB_BITS 5
#define SUB_BUCKETS (1U << SUB_BITS)
#define BUCKETS (64 * SUB_BUCKETS)
/* How long both sides keep listening after the last round trip for a late duplicate. */
#define SETTLE_NS 200000ULL

static volatile uint64_t events;
/* wait=poll: the port this side polls. */
static evtchn_port_t polled;
static uint32_t histogram[BUCKETS];

static void on_event(evtchn_port_t port, void *arg)
{
    (void)port;
    (void)arg;
    events++;
}

struct wait_for {
    uint64_t count;
};

static int reached(void *arg) { return events >= ((struct wait_for *)arg)->count; }

/* wait=poll: SCHEDOP_poll until the masked port is pending, then take it. */
static void poll_event(void)
{
    while (!evtchn_is_pending(polled)) evtchn_poll(&polled, 1, 0);
    evtchn_clear_pending(polled);
    events++;
}

static void wait_events(uint64_t count)
{
    if (polled != 0) {
        while (events < count) poll_event();
        return;
    }
    struct wait_for target = { count };
    evtchn_wait(reached, &target);
}

static unsigned int bucket_of(uint64_t ns)
{
    if (ns < SUB_BUCKETS) return (unsigned int)ns;
    unsigned int top = 63;
    while (!(ns >> top)) top--;
    unsigned int shift = top - SUB_BITS;
    return ((shift + 1) << SUB_BITS) | (unsigned int)((ns >> shift) & (SUB_BUCKETS - 1));
}

/* The smallest latency that falls in the bucket. */
static uint64_t bucket_floor(unsigned int bucket)
{
    unsigned int group = bucket >> SUB_BITS;
    uint64_t sub = bucket & (SUB_BUCKETS - 1);
    return group == 0 ? sub : (SUB_BUCKETS | sub) << (group - 1);
}

static uint64_t percentile(uint64_t total, unsigned int p)
{
    uint64_t rank = (p * total + 99) / 100, seen = 0;
    for (unsigned int b = 0; b < BUCKETS; b++) {
        seen += histogram[b];
        if (seen >= rank && seen > 0) return bucket_floor(b);
    }
    return 0;
}

/* After the exchange: no event may still arrive. */
static int settled(uint64_t expected)
{
    sleep_for(SETTLE_NS, WAKE_XEN_TIMER);
    if (polled != 0 && evtchn_is_pending(polled)) poll_event();
    if (events == expected) return 1;
    printf("pingpong: %lu events after the end, %lu expected\n", (unsigned long)events, (unsigned long)expected);
    return 0;
}

/* wait=poll: the port is masked (an event already pending stays so, and is polled for). */
static void use_poll(evtchn_port_t port)
{
    char how[8];
    if (!param_str("wait", how, sizeof how) || strcmp(how, "poll") != 0) return;
    evtchn_mask(port);
    polled = port;
}

static int ping(uint64_t count)
{
    uint64_t peer = param_u64("peer", DOMID_INVALID), remote_port = param_u64("port", 0);
    evtchn_port_t port;
    long rc = evtchn_init();
    if (rc != 0) return printf("pingpong: evtchn_init failed: %ld\n", rc), 1;
    irq_disable();
    rc = evtchn_bind_interdomain((uint16_t)peer, (evtchn_port_t)remote_port, &port);
    if (rc != 0) {
        printf("pingpong: bind_interdomain to d%lu port %lu failed: %ld\n", (unsigned long)peer, (unsigned long)remote_port, rc);
        return 1;
    }
    /* A new interdomain port starts pending (the peer may have sent before the bind): not a reply. */
    evtchn_clear_pending(port);
    evtchn_set_handler(port, on_event, NULL);
    use_poll(port);
    irq_enable();
    printf("pingpong: ping port %u bound to d%lu port %lu, %lu round trips\n", port, (unsigned long)peer,
           (unsigned long)remote_port, (unsigned long)count);
    uint64_t max = 0, start = time_ns();
    for (uint64_t i = 0; i < count; i++) {
        uint64_t sent = time_ns();
        if ((rc = evtchn_send(port)) != 0) return printf("pingpong: send %lu failed: %ld\n", (unsigned long)i, rc), 1;
        wait_events(i + 1);
        uint64_t latency = time_ns() - sent;
        histogram[bucket_of(latency)]++;
        if (latency > max) max = latency;
    }
    uint64_t total = time_ns() - start;
    printf("pingpong: round trip ns: p50 %lu p90 %lu p99 %lu max %lu\n", (unsigned long)percentile(count, 50),
           (unsigned long)percentile(count, 90), (unsigned long)percentile(count, 99), (unsigned long)max);
    printf("pingpong: %lu round trips in %lu ns, %lu per virtual second\n", (unsigned long)count, (unsigned long)total,
           (unsigned long)(total ? count * 1000000000ULL / total : 0));
    int ok = settled(count);
    printf("pingpong: ping received %lu replies, %lu unhandled\n", (unsigned long)events, (unsigned long)evtchn_unhandled());
    return ok ? 0 : 1;
}

/* The port the toolstack offered to a domU (unbound, or bound already), not one of dom0's. */
static evtchn_port_t offered_port(void)
{
    for (evtchn_port_t port = 1; port < EVTCHN_RUNTIME_PORTS; port++) {
        evtchn_status_t status = { .dom = DOMID_SELF, .port = port };
        if (evtchn_status(&status) != 0) break;
        if (status.status == EVTCHNSTAT_unbound && status.u.unbound.dom != 0) return port;
        /* Ping may have bound it already. */
        if (status.status == EVTCHNSTAT_interdomain && status.u.interdomain.dom != 0) return port;
    }
    return 0;
}

static int pong(uint64_t count)
{
    evtchn_port_t port = offered_port();
    if (port == 0) return printf("pingpong: pong found no port offered to a domU\n"), 1;
    /* The handler first: ping may have sent before this domain enabled its upcall. */
    evtchn_set_handler(port, on_event, NULL);
    long rc = evtchn_init();
    if (rc == 0) use_poll(port);
    if (rc != 0) return printf("pingpong: evtchn_init failed: %ld\n", rc), 1;
    printf("pingpong: pong port %u, %lu round trips\n", port, (unsigned long)count);
    for (uint64_t i = 0; i < count; i++) {
        wait_events(i + 1);
        if ((rc = evtchn_send(port)) != 0) return printf("pingpong: send %lu failed: %ld\n", (unsigned long)i, rc), 1;
    }
    int ok = settled(count);
    printf("pingpong: pong received %lu events, %lu unhandled\n", (unsigned long)events, (unsigned long)evtchn_unhandled());
    return ok ? 0 : 1;
}

int main(void)
{
    char role[8];
    uint64_t count = param_u64("count", DEFAULT_COUNT);
    if (count == 0) count = 1;
    evtchn_set_spin(param_u64("spin_us", 0) * 1000);
    if (param_str("role", role, sizeof role) && strcmp(role, "ping") == 0) return ping(count);
    if (param_str("role", role, sizeof role) && strcmp(role, "pong") == 0) return pong(count);
    printf("pingpong: role=ping or role=pong expected\n");
    return 1;
}
