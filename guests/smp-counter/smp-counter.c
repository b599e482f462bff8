/* smp-counter: every vCPU adds 1 to a shared counter `iterations` times under a spinlock,
   once with a lock taken by an atomic swap (amoswap) and once with one taken by
   load-reserved/store-conditional (lr/sc). The increment itself is a plain load, a little
   work and a store, so only the lock keeps increments from being lost. vCPU 0 checks both totals:
   poweroff when both are exact, crash otherwise.
   Boot arguments: iterations=N (default 20000), start=vcpuop|hsm, unlocked=1 (take no
   lock: what the locks prevent, increments lost when vCPUs interleave). */
#include "runtime.h"
#include "locks.h"

#define DEFAULT_ITERATIONS 20000

static uint64_t iterations;
static int unlocked;
static unsigned int vcpus;
/* The vCPUs that reached the start line; all go at once. */
static uint32_t ready;

static uint32_t amo_lock, lrsc_lock;
static volatile uint64_t amo_counter, lrsc_counter;

/* Loop turns of work between reading the counter and writing it back. */
#define CRITICAL_WORK 8

/* The critical section: read, a little work, write back. The work's loop is also where a
   hart may stop between the read and the write (harts stop only at branches). */
static void increment(volatile uint64_t *counter)
{
    uint64_t value = *counter;
    for (volatile int i = 0; i < CRITICAL_WORK; i++) {
    }
    *counter = value + 1;
}

static void wait_for_everyone(void)
{
    __atomic_fetch_add(&ready, 1, __ATOMIC_ACQ_REL);
    while (__atomic_load_n(&ready, __ATOMIC_ACQUIRE) < vcpus) {
    }
}

static void count(unsigned int vcpu, void *arg)
{
    (void)vcpu;
    (void)arg;
    wait_for_everyone();
    for (uint64_t i = 0; i < iterations; i++) {
        if (!unlocked) amo_spin_lock(&amo_lock);
        increment(&amo_counter);
        if (!unlocked) amo_spin_unlock(&amo_lock);
    }
    for (uint64_t i = 0; i < iterations; i++) {
        if (!unlocked) lrsc_spin_lock(&lrsc_lock);
        increment(&lrsc_counter);
        if (!unlocked) lrsc_spin_unlock(&lrsc_lock);
    }
}

static int check(const char *lock, uint64_t total, uint64_t expected)
{
    printf("smp-counter: %s lock: total %lu, expected %lu: %s\n", lock, (unsigned long)total, (unsigned long)expected,
           total == expected ? "ok" : "WRONG");
    return total == expected;
}

int main(void)
{
    vcpus = boot.cpus < RUNTIME_MAX_VCPUS ? boot.cpus : RUNTIME_MAX_VCPUS;
    iterations = param_u64("iterations", DEFAULT_ITERATIONS);
    unlocked = param_u64("unlocked", 0) != 0;
    long rc = smp_init();
    if (rc == 0) rc = vcpus_start(vcpus, vcpu_start_param(), count, NULL);
    if (rc != 0) {
        printf("smp-counter: starting the vCPUs failed: %ld\n", rc);
        return 1;
    }
    printf("smp-counter: %u vCPU(s) x %lu increments%s\n", vcpus, (unsigned long)iterations, unlocked ? ", no locks" : "");
    count(0, NULL);
    vcpus_join();
    uint64_t expected = (uint64_t)vcpus * iterations;
    int amo_ok = check("amoswap", amo_counter, expected);
    int lrsc_ok = check("lr/sc", lrsc_counter, expected);
    return amo_ok && lrsc_ok ? 0 : 1;
}
