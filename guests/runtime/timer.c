/* Time and timers: the time CSR in timebase ticks, Xen's system time in ns, Xen's vCPU
   timers (vcpu_op) and the SBI TIME timer behind the VS timer interrupt. */
#include "runtime.h"

#define NS_PER_SECOND 1000000000ULL

uint64_t ticks_to_ns(uint64_t ticks)
{
    return ticks / boot.timebase_hz * NS_PER_SECOND + ticks % boot.timebase_hz * NS_PER_SECOND / boot.timebase_hz;
}

uint64_t ns_to_ticks(uint64_t ns)
{
    return ns / NS_PER_SECOND * boot.timebase_hz + ns % NS_PER_SECOND * boot.timebase_hz / NS_PER_SECOND;
}

uint64_t time_ns(void) { return ticks_to_ns(time_ticks()); }

long xen_set_singleshot_timer(unsigned int vcpu, uint64_t timeout_abs_ns, uint32_t flags)
{
    struct vcpu_set_singleshot_timer timer = { .timeout_abs_ns = timeout_abs_ns, .flags = flags };
    return HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, vcpu, &timer);
}

long xen_stop_singleshot_timer(unsigned int vcpu) { return HYPERVISOR_vcpu_op(VCPUOP_stop_singleshot_timer, vcpu, NULL); }

long xen_set_periodic_timer(unsigned int vcpu, uint64_t period_ns)
{
    struct vcpu_set_periodic_timer timer = { .period_ns = period_ns };
    return HYPERVISOR_vcpu_op(VCPUOP_set_periodic_timer, vcpu, &timer);
}

long xen_stop_periodic_timer(unsigned int vcpu) { return HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, vcpu, NULL); }

void timer_arm(uint64_t ticks) { sbi_set_timer(ticks); }

void timer_disarm(void) { sbi_set_timer(~0ULL); }
