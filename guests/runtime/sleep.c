/* Sleeping on one vCPU. Interrupts stay masked (sstatus.SIE clear) while it sleeps, so a
   timer that fires stays pending instead of running a handler: wfi then returns at once,
   and an event upcall (VIRQ_TIMER's, say) keeps SCHEDOP_block from blocking, which closes
   the window between checking the time and giving up the CPU. Xen's timer without
   VIRQ_TIMER bound wakes the blocked vCPU but leaves nothing pending, so that window stays
   open there: a vCPU preempted inside it would sleep until something else wakes it. */
#include "runtime.h"

#define SSTATUS_SIE (1UL << 1)
#define SIE_STIE (1UL << IRQ_TIMER)

static unsigned long irq_save(void)
{
    unsigned long sstatus;
    __asm__ volatile("csrrc %0, sstatus, %1" : "=r"(sstatus) : "r"(SSTATUS_SIE) : "memory");
    return sstatus & SSTATUS_SIE;
}

static void irq_restore(unsigned long sie)
{
    if (sie) irq_enable();
}

enum wake_timer wake_timer_param(void)
{
    char name[8];
    if (!param_str("timer", name, sizeof name)) return WAKE_XEN_TIMER;
    if (strcmp(name, "sbi") == 0) return WAKE_SBI_TIMER;
    return strcmp(name, "virq") == 0 ? WAKE_VIRQ_TIMER : WAKE_XEN_TIMER;
}

/* Per vCPU: its VIRQ_TIMER port (0: not bound) and the events taken on it. */
static evtchn_port_t virq_timer_port[RUNTIME_MAX_VCPUS];
static uint64_t virq_timer_count[RUNTIME_MAX_VCPUS];

static void count_virq_timer(evtchn_port_t port, void *arg)
{
    (void)port;
    virq_timer_count[(uintptr_t)arg]++;
}

uint64_t virq_timer_events(void) { return virq_timer_count[this_vcpu()]; }

/* Binds VIRQ_TIMER on this vCPU once; Xen's timer then fires as an event on that port. */
static void bind_virq_timer(unsigned int vcpu)
{
    evtchn_port_t port;
    if (vcpu >= RUNTIME_MAX_VCPUS || virq_timer_port[vcpu] != 0) return;
    if (evtchn_bind_virq(VIRQ_TIMER, vcpu, &port) != 0) return;
    evtchn_set_handler(port, count_virq_timer, (void *)(uintptr_t)vcpu);
    virq_timer_port[vcpu] = port;
}

/* With no handler for the event upcall nobody takes a pending one (Xen raises one when a
   vcpu_info is registered), and SCHEDOP_block returns at once while it is pending. */
static void drop_unhandled_upcall(unsigned int vcpu)
{
    if (trap_irq_handler(IRQ_SOFTWARE) != NULL) return;
    vcpu_info_t *info = xen_vcpu_info(vcpu);
    if (info) info->evtchn_upcall_pending = 0;
    if (vcpu == 0 && xen_shared_info) xen_shared_info->vcpu_info[0].evtchn_upcall_pending = 0;
}

static int reached(void *deadline_ns) { return time_ns() >= *(uint64_t *)deadline_ns; }

static uint64_t sleep_on_xen_timer(uint64_t deadline_ns)
{
    unsigned int vcpu = this_vcpu();
    xen_set_singleshot_timer(vcpu, deadline_ns, 0);
    if (trap_irq_handler(IRQ_SOFTWARE) != NULL) {
        evtchn_wait(reached, &deadline_ns);
        return time_ns();
    }
    uint64_t now;
    while ((now = time_ns()) < deadline_ns) {
        drop_unhandled_upcall(vcpu);
        xen_block();
    }
    return now;
}

/* The first timebase tick at or after `ns`. */
static uint64_t ticks_at_or_after(uint64_t ns)
{
    uint64_t ticks = ns_to_ticks(ns);
    return ticks_to_ns(ticks) < ns ? ticks + 1 : ticks;
}

static uint64_t sleep_on_sbi_timer(uint64_t deadline_ns)
{
    unsigned long enabled;
    __asm__ volatile("csrrs %0, sie, %1" : "=r"(enabled) : "r"(SIE_STIE) : "memory");
    timer_arm(ticks_at_or_after(deadline_ns));
    uint64_t now;
    while ((now = time_ns()) < deadline_ns) wait_for_interrupt();
    timer_disarm();
    if (!(enabled & SIE_STIE)) __asm__ volatile("csrc sie, %0" ::"r"(SIE_STIE) : "memory");
    return now;
}

uint64_t sleep_until(uint64_t deadline_ns, enum wake_timer timer)
{
    unsigned long sie = irq_save();
    if (timer == WAKE_VIRQ_TIMER) bind_virq_timer(this_vcpu());
    uint64_t now = timer == WAKE_SBI_TIMER ? sleep_on_sbi_timer(deadline_ns) : sleep_on_xen_timer(deadline_ns);
    irq_restore(sie);
    return now;
}

uint64_t sleep_for(uint64_t ns, enum wake_timer timer) { return sleep_until(time_ns() + ns, timer); }

void vcpu_idle(void)
{
    unsigned long sie = irq_save();
    drop_unhandled_upcall(this_vcpu());
    xen_block();
    irq_restore(sie);
}
