/* Sleeping and waiting on one vCPU (sleep.c): until a time, on Xen's timer or SBI's, or
   until anything wakes the vCPU. */
#ifndef RUNTIME_SLEEP_H
#define RUNTIME_SLEEP_H

#include <stdint.h>

/* What ends a sleep: Xen's one-shot timer (VCPUOP_set_singleshot_timer) with the vCPU
   blocked in SCHEDOP_block; the same timer delivered as an event on the vCPU's
   VIRQ_TIMER port (bound on first use); or the SBI TIME timer with the vCPU waiting in
   wfi. Once evtchn_init (evtchn_init_vcpu on other vCPUs) has installed the upcall,
   blocked sleeps take events as evtchn_wait does, so their handlers run meanwhile. */
enum wake_timer { WAKE_XEN_TIMER, WAKE_VIRQ_TIMER, WAKE_SBI_TIMER };

/* `timer=xen`, `timer=virq` or `timer=sbi` of the boot arguments (default: xen). */
enum wake_timer wake_timer_param(void);
/* VIRQ_TIMER events this vCPU has taken since its port was bound. */
uint64_t virq_timer_events(void);
/* Sleeps until Xen's system time reaches `deadline_ns`; returns the time it ran again. */
uint64_t sleep_until(uint64_t deadline_ns, enum wake_timer timer);
uint64_t sleep_for(uint64_t ns, enum wake_timer timer);
/* Gives up the CPU until something wakes this vCPU: an event, an interrupt, a timer. */
void vcpu_idle(void);

#endif
