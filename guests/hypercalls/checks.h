/* The hypercall checks, one function per hypercall family, run in this order by main(). */
#ifndef HYPERCALLS_CHECKS_H
#define HYPERCALLS_CHECKS_H

#include "runtime.h"

/* A guest-physical address with nothing mapped (below RAM, outside the grant and magic regions). */
#define UNMAPPED_GPA 0x10000000UL

void check_sbi(void);
void check_xen_version(void);
void check_console_io(void);
void check_privileged_and_unknown(void);
void check_hvm_op(void);
void check_memory_op(void);
void check_vcpu_op(void);
void check_timers(void);
void check_sched_op(void);
void check_multicall(void);

#endif
