/* evtchn-hostile: a long run of random event_channel_op sub-ops with plausible structures
   on small ports (so that binds, sends, unmasks and closes succeed as often as they fail),
   aimed at this domain, another domain and dom0, with its own masking and clearing of
   pending bits in between and its upcall taking whatever events arrive. Every result
   must be a value or a Xen errno; it prints a histogram. Boot arguments:
     seed=N    PRNG seed (default 1)
     calls=N   number of calls (default 200000)
     good=D    the domid of another domain, aimed at as a peer */
#include "runtime.h"

#define PORTS 24
#define ARG_SLOTS 64

static uint64_t rng;
static uint16_t good_domid = DOMID_INVALID;
/* Where the calls' structures are built (and Xen writes its OUT fields). */
static uint8_t arena[ARG_SLOTS * 32] __attribute__((aligned(8)));
static uint64_t errors[112];

/* splitmix64 */
static uint64_t next(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t below(uint64_t n) { return next() % n; }

/* Mostly a port this domain may have bound; sometimes any number. */
static uint32_t port(void)
{
    switch (below(8)) {
    case 0: return (uint32_t)below(EVTCHN_2L_NR_CHANNELS + 8);
    case 1: return (uint32_t)next();
    default: return 1 + (uint32_t)below(PORTS);
    }
}

static uint16_t domid(void)
{
    switch (below(6)) {
    case 0:
    case 1: return DOMID_SELF;
    case 2: return good_domid;
    case 3: return 0;
    case 4: return (uint16_t)below(8);
    default: return (uint16_t)next();
    }
}

static const unsigned ops[] = {
    EVTCHNOP_alloc_unbound, EVTCHNOP_bind_interdomain, EVTCHNOP_bind_virq, EVTCHNOP_bind_ipi,
    EVTCHNOP_send,          EVTCHNOP_send,             EVTCHNOP_send,      EVTCHNOP_close,
    EVTCHNOP_unmask,        EVTCHNOP_bind_vcpu,        EVTCHNOP_status,    EVTCHNOP_reset,
    EVTCHNOP_bind_pirq,     EVTCHNOP_init_control,     EVTCHNOP_set_priority,
};

static long random_call(void)
{
    unsigned op = below(16) ? ops[below(ARRAY_SIZE(ops))] : (unsigned)below(20);
    /* Resetting itself wipes what the run built up: rarely. */
    if (op == EVTCHNOP_reset && below(50) != 0) op = EVTCHNOP_send;
    uint8_t *arg = arena + below(ARG_SLOTS) * 32;
    memset(arg, 0, 32);
    uint16_t *half = (uint16_t *)arg;
    uint32_t *word = (uint32_t *)arg;
    switch (op) {
    case EVTCHNOP_alloc_unbound: half[0] = domid(), half[1] = domid(); break;
    case EVTCHNOP_bind_interdomain: half[0] = domid(), word[1] = port(); break;
    case EVTCHNOP_bind_virq: word[0] = (uint32_t)below(26), word[1] = (uint32_t)below(3); break;
    case EVTCHNOP_bind_ipi: word[0] = (uint32_t)below(3); break;
    case EVTCHNOP_bind_vcpu: word[0] = port(), word[1] = (uint32_t)below(3); break;
    case EVTCHNOP_status: half[0] = domid(), word[1] = port(); break;
    case EVTCHNOP_reset: half[0] = domid(); break;
    default: word[0] = port(), word[1] = (uint32_t)below(16); break;
    }
    /* Now and then a pointer that is not the structure: unmapped, misaligned, huge. */
    uint64_t pointer = (uintptr_t)arg;
    if (below(64) == 0) pointer = below(2) ? 0x10000000ULL + below(4096) : next();
    return xen_hypercall(__HYPERVISOR_event_channel_op, op, pointer, next(), next(), next());
}

/* The guest's own side of its bitmaps: masking, and dropping a pending event. */
static void random_bitmap_write(void)
{
    evtchn_port_t p = 1 + (evtchn_port_t)below(PORTS);
    if (below(2)) evtchn_mask(p);
    else evtchn_clear_pending(p);
}

int main(void)
{
    rng = param_u64("seed", 1);
    uint64_t calls = param_u64("calls", 200000);
    good_domid = (uint16_t)param_u64("good", DOMID_INVALID);
    long rc = evtchn_init();
    if (rc != 0) return printf("evtchn-hostile: evtchn_init failed: %ld\n", rc), 1;
    printf("evtchn-hostile: seed %lu, %lu calls\n", (unsigned long)rng, (unsigned long)calls);
    uint64_t values = 0, anomalies = 0;
    for (uint64_t i = 0; i < calls; i++) {
        if (below(8) == 0) random_bitmap_write();
        long r = random_call();
        if (r >= 0) values++;
        else if (-r < (long)ARRAY_SIZE(errors)) errors[-r]++;
        else if (anomalies++ < 10) printf("evtchn-hostile: call %lu returned %ld, not an errno\n", (unsigned long)i, r);
    }
    printf("evtchn-hostile: %lu calls returned a value\n", (unsigned long)values);
    static const char *const names[] = {
        [XEN_EPERM] = "EPERM",   [XEN_ENOENT] = "ENOENT", [XEN_ESRCH] = "ESRCH",   [XEN_EFAULT] = "EFAULT",
        [XEN_EBUSY] = "EBUSY",   [XEN_EEXIST] = "EEXIST", [XEN_EINVAL] = "EINVAL", [XEN_ENOSPC] = "ENOSPC",
        [XEN_ENOSYS] = "ENOSYS", [XEN_EOPNOTSUPP] = "EOPNOTSUPP",
    };
    for (unsigned e = 1; e < ARRAY_SIZE(errors); e++) {
        if (!errors[e]) continue;
        if (e < ARRAY_SIZE(names) && names[e]) printf("evtchn-hostile: -%s %lu\n", names[e], (unsigned long)errors[e]);
        else printf("evtchn-hostile: -%u %lu\n", e, (unsigned long)errors[e]);
    }
    printf("evtchn-hostile: %lu results that are not an errno, %lu events taken\n", (unsigned long)anomalies,
           (unsigned long)evtchn_unhandled());
    return anomalies == 0 ? 0 : 1;
}
