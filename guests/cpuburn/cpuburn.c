/* cpuburn: every vCPU of the domain burns the CPU until `burn_ms` of virtual time have
   passed since the domain was created, then vCPU 0 prints each vCPU's runstate times as
   Xen reports them (VCPUOP_get_runstate_info) and the loops it got through. Domains
   created together burn over the same window, so their running times compare directly.
   Boot arguments: burn_ms=N (default 100), start=vcpuop|hsm (how vCPUs 1.. come up). */
#include "runtime.h"

#define DEFAULT_BURN_MS 100
#define NS_PER_MS 1000000ULL
/* Loops between looks at the clock. */
#define LOOPS_PER_CHECK 1024

static uint64_t end_ns;
static uint64_t loops[RUNTIME_MAX_VCPUS];

static uint64_t runstate_total(const vcpu_runstate_info_t *rs)
{
    return rs->time[RUNSTATE_running] + rs->time[RUNSTATE_runnable] + rs->time[RUNSTATE_blocked] + rs->time[RUNSTATE_offline];
}

/* The times of a vCPU's runstates (the current one up to now) add up to the system time
   since the vCPU, and so the domain, was created. */
static uint64_t creation_time_ns(void)
{
    vcpu_runstate_info_t rs;
    HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, &rs);
    uint64_t now = time_ns(), lived = runstate_total(&rs);
    return lived < now ? now - lived : 0;
}

static void burn(unsigned int vcpu, void *arg)
{
    (void)arg;
    uint64_t n = 0;
    volatile uint64_t sink = vcpu;
    do {
        for (int i = 0; i < LOOPS_PER_CHECK; i++) sink = sink * 6364136223846793005ULL + 1442695040888963407ULL;
        n += LOOPS_PER_CHECK;
    } while (time_ns() < end_ns);
    loops[vcpu] = n;
}

int main(void)
{
    unsigned int vcpus = boot.cpus < RUNTIME_MAX_VCPUS ? boot.cpus : RUNTIME_MAX_VCPUS;
    uint64_t burn_ms = param_u64("burn_ms", DEFAULT_BURN_MS);
    long rc = smp_init();
    if (rc != 0) {
        printf("cpuburn: shared_info or vcpu_info setup failed: %ld\n", rc);
        return 1;
    }
    end_ns = creation_time_ns() + burn_ms * NS_PER_MS;
    printf("cpuburn: %u vCPU(s) burn until %lu ms after creation\n", vcpus, (unsigned long)burn_ms);
    rc = vcpus_start(vcpus, vcpu_start_param(), burn, NULL);
    if (rc != 0) {
        printf("cpuburn: starting the vCPUs failed: %ld\n", rc);
        return 1;
    }
    burn(0, NULL);
    vcpus_join();
    for (unsigned int vcpu = 0; vcpu < vcpus; vcpu++) {
        vcpu_runstate_info_t rs;
        HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, vcpu, &rs);
        printf("cpuburn: vcpu %u running %lu runnable %lu blocked %lu offline %lu ns, %lu loops\n", vcpu,
               (unsigned long)rs.time[RUNSTATE_running], (unsigned long)rs.time[RUNSTATE_runnable],
               (unsigned long)rs.time[RUNSTATE_blocked], (unsigned long)rs.time[RUNSTATE_offline],
               (unsigned long)loops[vcpu]);
    }
    return 0;
}
