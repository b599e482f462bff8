/* The spinlocks of locks.h. */
#include "runtime.h"
#include "locks.h"

/* Spins on a held lock before yielding the CPU to whoever may hold it. */
#define SPINS_BEFORE_YIELD 2000

static void wait_until_free(uint32_t *lock)
{
    for (unsigned int spins = 0; __atomic_load_n(lock, __ATOMIC_RELAXED) != 0; spins++) {
        if (spins == SPINS_BEFORE_YIELD) {
            xen_yield();
            spins = 0;
        }
    }
}

void amo_spin_lock(uint32_t *lock)
{
    for (;;) {
        uint32_t was;
        __asm__ volatile("amoswap.w.aq %0, %1, (%2)" : "=r"(was) : "r"(1), "r"(lock) : "memory");
        if (was == 0) return;
        wait_until_free(lock);
    }
}

void amo_spin_unlock(uint32_t *lock) { __asm__ volatile("amoswap.w.rl zero, zero, (%0)" ::"r"(lock) : "memory"); }

void lrsc_spin_lock(uint32_t *lock)
{
    for (;;) {
        uint32_t was, failed = 1;
        __asm__ volatile("lr.w.aq %0, (%2)\n"
                         "bnez %0, 1f\n"
                         "sc.w %1, %3, (%2)\n"
                         "1:"
                         : "=&r"(was), "+&r"(failed)
                         : "r"(lock), "r"(1)
                         : "memory");
        if (was == 0 && failed == 0) return;
        wait_until_free(lock);
    }
}

void lrsc_spin_unlock(uint32_t *lock)
{
    __asm__ volatile("fence rw, w\n"
                     "sw zero, (%0)" ::"r"(lock)
                     : "memory");
}
