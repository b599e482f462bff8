/* sleeper: wakes up periodically on a timer and measures how late it runs again: for
   each wakeup, the virtual time between the deadline and the moment the vCPU runs past
   its sleep. Prints the percentiles of those latencies in ns.
   Boot arguments: period_us=N (default 1000), count=N (default 200, at most 4096),
   timer=xen|virq|sbi (Xen's one-shot timer with SCHEDOP_block, the same timer as events
   on VIRQ_TIMER with the event upcall installed, or SBI TIME with wfi),
   jitter_us=N and seed=N (each period varies by up to jitter_us either way, drawn from a
   PRNG seeded with seed; default 0: strictly periodic). */
#include "runtime.h"

#define DEFAULT_PERIOD_US 1000
#define DEFAULT_COUNT 200
#define MAX_COUNT 4096
#define NS_PER_US 1000ULL

static uint64_t latency[MAX_COUNT];

/* xorshift64: a small PRNG whose sequence depends only on the seed. */
static uint64_t prng_state;

static uint64_t prng_next(void)
{
    prng_state ^= prng_state << 13;
    prng_state ^= prng_state >> 7;
    prng_state ^= prng_state << 17;
    return prng_state;
}

/* The next period: `period` moved by a draw from [-jitter, +jitter]. */
static uint64_t next_period(uint64_t period, uint64_t jitter)
{
    if (jitter == 0) return period;
    uint64_t offset = prng_next() % (2 * jitter + 1);
    return period + offset - jitter;
}

static void sort(uint64_t *values, unsigned int n)
{
    for (unsigned int i = 1; i < n; i++) {
        uint64_t v = values[i];
        unsigned int j = i;
        for (; j > 0 && values[j - 1] > v; j--) values[j] = values[j - 1];
        values[j] = v;
    }
}

/* The nearest-rank percentile of sorted values. */
static uint64_t percentile(const uint64_t *sorted, unsigned int n, unsigned int p)
{
    unsigned int rank = (p * n + 99) / 100;
    return sorted[rank == 0 ? 0 : rank - 1];
}

int main(void)
{
    uint64_t period_ns = param_u64("period_us", DEFAULT_PERIOD_US) * NS_PER_US;
    uint64_t n = param_u64("count", DEFAULT_COUNT);
    unsigned int count = n == 0 ? 1 : n > MAX_COUNT ? MAX_COUNT : (unsigned int)n;
    enum wake_timer timer = wake_timer_param();
    uint64_t jitter_ns = param_u64("jitter_us", 0) * NS_PER_US;
    if (jitter_ns > period_ns) jitter_ns = period_ns;
    prng_state = param_u64("seed", 0) | 1; /* xorshift never leaves 0 */
    long rc = timer == WAKE_VIRQ_TIMER ? evtchn_init() : smp_init();
    if (rc != 0) {
        printf("sleeper: shared_info or vcpu_info setup failed: %ld\n", rc);
        return 1;
    }
    static const char *const timer_names[] = { [WAKE_XEN_TIMER] = "Xen", [WAKE_VIRQ_TIMER] = "VIRQ", [WAKE_SBI_TIMER] = "SBI" };
    printf("sleeper: %u wakeups every %lu us on the %s timer\n", count, (unsigned long)(period_ns / NS_PER_US),
           timer_names[timer]);
    uint64_t deadline = time_ns();
    for (unsigned int i = 0; i < count; i++) {
        deadline += next_period(period_ns, jitter_ns);
        latency[i] = sleep_until(deadline, timer) - deadline;
    }
    sort(latency, count);
    printf("sleeper: wakeup latency ns: min %lu p50 %lu p90 %lu p99 %lu max %lu\n", (unsigned long)latency[0],
           (unsigned long)percentile(latency, count, 50), (unsigned long)percentile(latency, count, 90),
           (unsigned long)percentile(latency, count, 99), (unsigned long)latency[count - 1]);
    if (timer == WAKE_VIRQ_TIMER) printf("sleeper: %lu VIRQ_TIMER events\n", (unsigned long)virq_timer_events());
    return 0;
}
