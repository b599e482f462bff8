/* crash: says so, then executes an illegal instruction. The runtime's trap handler reports
   the trap and shuts the domain down with reason crash, so the toolstack applies the
   config's on_crash action (destroy, restart with a new domid, preserve).
   Boot argument: after_ms=N (default 0), the virtual time to live before crashing. */
#include "runtime.h"

#define NS_PER_MS 1000000ULL

int main(void)
{
    uint64_t after_ms = param_u64("after_ms", 0);
    if (after_ms) sleep_for(after_ms * NS_PER_MS, WAKE_SBI_TIMER);
    printf("crash: executing an illegal instruction\n");
    __asm__ volatile(".word 0"); /* all zeros: defined to be illegal */
    printf("crash: still alive after an illegal instruction\n");
    return 0;
}
