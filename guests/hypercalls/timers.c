/* Timers: Xen's single-shot and periodic vCPU timers, and the SBI TIME timer whose
   interrupt the runtime's trap handler delivers. */
#include "checks.h"

#define MILLISECOND 1000000ULL

static volatile int timer_fired;
static volatile uint64_t fired_at;

static void on_timer(struct trap_frame *frame)
{
    (void)frame;
    fired_at = time_ticks();
    timer_fired++;
    timer_disarm();
}

void check_timers(void)
{
    uint64_t now = time_ns();
    check_eq("vcpu_op set_singleshot_timer", xen_set_singleshot_timer(0, now + MILLISECOND, 0), 0);
    check_eq("vcpu_op stop_singleshot_timer", xen_stop_singleshot_timer(0), 0);
    check_eq("vcpu_op set_singleshot_timer in the past with VCPU_SSHOTTMR_future", xen_set_singleshot_timer(0, 1, VCPU_SSHOTTMR_future), -XEN_ETIME);
    check_eq("vcpu_op set_singleshot_timer in the past without the flag", xen_set_singleshot_timer(0, 1, 0), 0);
    xen_stop_singleshot_timer(0);
    check_eq("vcpu_op set_singleshot_timer for another vCPU", xen_set_singleshot_timer(1, now + MILLISECOND, 0), -XEN_EINVAL);
    check_eq("vcpu_op stop_singleshot_timer for another vCPU", xen_stop_singleshot_timer(1), -XEN_EINVAL);
    check_eq("vcpu_op set_periodic_timer 10 ms", xen_set_periodic_timer(0, 10 * MILLISECOND), 0);
    check_eq("vcpu_op stop_periodic_timer", xen_stop_periodic_timer(0), 0);
    check_eq("vcpu_op set_periodic_timer below 1 ms", xen_set_periodic_timer(0, 1000), -XEN_EINVAL);

    trap_set_irq_handler(IRQ_TIMER, on_timer);
    uint64_t deadline = time_ticks() + 1000;
    timer_arm(deadline);
    irq_enable();
    while (!timer_fired) wait_for_interrupt();
    irq_disable();
    check_eq("sbi set_timer: the timer interrupt reaches the guest once", timer_fired, 1);
    check_true("sbi set_timer: not before its deadline", fired_at >= deadline);
}
