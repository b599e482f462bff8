/* Hypercall cost as the guest sees it: a loop of one call per iteration, for a fast-path
   call (xen_version version), a slow-path one (memory_op current_reservation, annotated
   slow in the hypercall table) and sched_op yield (fast path, gives up the CPU), against
   an empty loop. Prints the virtual time and the instructions per call. The lines
   "bench: <name>: start" and "bench: <name>: <n> calls, ..." bracket each loop, so a host
   can time it in wall time too. Boot argument: calls=N (default 50000). */
#include "runtime.h"

#define DEFAULT_CALLS 50000

static uint16_t self = DOMID_SELF;

#define MEASURE(name, n, call)                                                                                    \
    do {                                                                                                         \
        printf("bench: %s: start\n", name);                                                                      \
        uint64_t t0 = time_ticks(), i0 = instret();                                                              \
        for (uint64_t k = 0; k < (n); k++) call;                                                                 \
        uint64_t t1 = time_ticks(), i1 = instret();                                                              \
        uint64_t tenth_ns = ticks_to_ns(t1 - t0) * 10 / (n);                                                     \
        printf("bench: %s: %lu calls, %lu.%lu ns and %lu instructions per call\n", name, (unsigned long)(n),     \
               (unsigned long)(tenth_ns / 10), (unsigned long)(tenth_ns % 10), (unsigned long)((i1 - i0) / (n))); \
    } while (0)

int main(void)
{
    uint64_t n = param_u64("calls", DEFAULT_CALLS);
    if (n == 0) n = 1;
    MEASURE("empty loop", n, __asm__ volatile("" ::: "memory"));
    MEASURE("xen_version version", n, HYPERVISOR_xen_version(XENVER_version, NULL));
    MEASURE("memory_op current_reservation", n, HYPERVISOR_memory_op(XENMEM_current_reservation, &self));
    MEASURE("sched_op yield", n, HYPERVISOR_sched_op(SCHEDOP_yield, NULL));
    return 0;
}
