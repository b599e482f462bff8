/* Sleeping and waiting on one vCPU (sleep.c): until a time, on Xen's timer or SBI's, or
   until anything wakes the vCPU. */
#ifndef RUNTIME_SLEEP_H
#define RUNTIME_SLEEP_H

#include <stdint.h>

/* What ends a sleep: Xen's one-shot timer (VCPUOP_set_singleshot_timer) with the vCPU
   blocked in SCHEDOP_block, or the SBI TIME timer with the vCPU waiting in wfi. */
enum wake_timer { WAKE_XEN_TIMER, WAKE_SBI_TIMER };

/* `timer=xen` or `timer=sbi` of the boot arguments (default: xen). */
enum wake_timer wake_timer_param(void);
/* Sleeps until Xen's system time reaches `deadline_ns`; returns the time it ran again. */
uint64_t sleep_until(uint64_t deadline_ns, enum wake_timer timer);
uint64_t sleep_for(uint64_t ns, enum wake_timer timer);
/* Gives up the CPU until something wakes this vCPU: an event, an interrupt, a timer. */
void vcpu_idle(void);

#endif
