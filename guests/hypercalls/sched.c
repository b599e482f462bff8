/* sched_op: yield, block (woken by the timer, or at once with an event pending), poll,
   remote_shutdown from a domU. shutdown and shutdown_code are the shutdown guest's. */
#include "checks.h"

static long poll(uint32_t *ports, unsigned nr_ports, uint64_t timeout)
{
    static struct sched_poll p;
    p = (struct sched_poll){ .ports = (uintptr_t)ports, .nr_ports = nr_ports, .timeout = timeout };
    return HYPERVISOR_sched_op(SCHEDOP_poll, &p);
}

static long remote_shutdown(uint16_t domid, unsigned reason)
{
    static struct sched_remote_shutdown r;
    r = (struct sched_remote_shutdown){ .domain_id = domid, .reason = reason };
    return HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &r);
}

void check_sched_op(void)
{
    check_eq("sched_op yield", xen_yield(), 0);

    vcpu_info_t *info = xen_vcpu_info(0);
    info->evtchn_upcall_pending = 0;
    uint64_t deadline = time_ticks() + 5000;
    timer_arm(deadline);
    check_eq("sched_op block", xen_block(), 0);
    check_true("sched_op block: woken by the timer, not before it", time_ticks() >= deadline);
    timer_disarm();

    info->evtchn_upcall_pending = 1;
    uint64_t before = time_ticks();
    check_eq("sched_op block with an event pending", xen_block(), 0);
    check_true("sched_op block with an event pending returns at once", time_ticks() - before < 1000);

    static uint32_t ports[2] = { 1, 5000 };
    check_eq("sched_op poll with a timeout already past", poll(ports, 1, 1), 0);
    check_eq("sched_op poll too many ports", poll(ports, 129, 1), -XEN_EINVAL);
    check_eq("sched_op poll a port past the last", poll(ports + 1, 1, 1), -XEN_EINVAL);
    check_eq("sched_op poll ports in unmapped memory", poll((void *)UNMAPPED_GPA, 1, 1), -XEN_EFAULT);

    check_eq("sched_op remote_shutdown of dom0 is denied", remote_shutdown(0, SHUTDOWN_poweroff), -XEN_EPERM);
    check_eq("sched_op remote_shutdown of no domain", remote_shutdown(0x7000, SHUTDOWN_poweroff), -XEN_ESRCH);
    check_eq("sched_op unknown command", HYPERVISOR_sched_op(99, NULL), -XEN_ENOSYS);
}
