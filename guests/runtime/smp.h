/* Secondary vCPUs (smp.c): each comes up on its own stack, with its vcpu_info registered,
   and runs an entry function; vCPU 0 can wait for all of them to finish. */
#ifndef RUNTIME_SMP_H
#define RUNTIME_SMP_H

/* What a started vCPU runs; when it returns the vCPU counts as finished and goes down. */
typedef void (*vcpu_entry_t)(unsigned int vcpu, void *arg);

/* How a secondary vCPU is brought up: as Xen's PV guests do (VCPUOP_initialise with a
   vcpu_guest_context, then VCPUOP_up), or as a RISC-V OS does (SBI HSM hart_start). */
enum vcpu_start { VCPU_START_VCPUOP, VCPU_START_HSM };

/* The vCPU running this code (the start code keeps its id in tp). */
static inline unsigned int this_vcpu(void)
{
    unsigned long id;
    __asm__("mv %0, tp" : "=r"(id));
    return (unsigned int)id;
}

/* On vCPU 0 before others start: maps shared_info and registers vCPU 0's vcpu_info. */
long smp_init(void);
/* `start=vcpuop` or `start=hsm` of the boot arguments (default: vcpuop). */
enum vcpu_start vcpu_start_param(void);
/* Registers `vcpu`'s vcpu_info, then starts it running entry(vcpu, arg); 0 or -XEN_Exxx
   (an SBI error is reported as -XEN_EINVAL, -XEN_EBUSY for an already started hart). */
long vcpu_start(unsigned int vcpu, enum vcpu_start how, vcpu_entry_t entry, void *arg);
/* Starts vCPUs 1..count-1 with the same entry; 0, or the first error. */
long vcpus_start(unsigned int count, enum vcpu_start how, vcpu_entry_t entry, void *arg);
/* Waits, sleeping, until every vCPU started with vcpu_start has returned from its entry. */
void vcpus_join(void);

#endif
