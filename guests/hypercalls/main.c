/* Calls every hypercall and sub-op xenrv offers a domU from VS-mode and checks results
   and errors, one line per check. Boot argument: none needed; the device tree gives the
   memory size the reservation checks expect. */
#include "checks.h"

int main(void)
{
    printf("# xenrv hypercall checks\n");
    check_sbi();
    check_xen_version();
    check_console_io();
    check_privileged_and_unknown();
    check_hvm_op();
    check_memory_op();
    check_vcpu_op();
    check_timers();
    check_sched_op();
    check_multicall();
    return checks_done();
}
