/* Two test-and-set spinlocks on a 32-bit word, one per RISC-V way of taking it atomically.
   Both spin on plain loads while the lock is held, and give up the CPU now and then so a
   preempted holder gets to run when there are more vCPUs than harts. */
#ifndef SMP_COUNTER_LOCKS_H
#define SMP_COUNTER_LOCKS_H

#include <stdint.h>

/* amoswap.w.aq takes it, amoswap.w.rl releases it. */
void amo_spin_lock(uint32_t *lock);
void amo_spin_unlock(uint32_t *lock);
/* lr.w.aq / sc.w takes it, fence + store releases it. */
void lrsc_spin_lock(uint32_t *lock);
void lrsc_spin_unlock(uint32_t *lock);

#endif
