/* Xen hypercalls from VS-mode: ecall with a7 = XEN_HYPERCALL_EID, a6 = the hypercall
   number, a1..a5 = arguments; the result (negative: -XEN_Exxx) comes back in a0. Guest
   handles are guest-physical addresses, which are the runtime's virtual addresses. */
#ifndef RUNTIME_HYPERCALL_H
#define RUNTIME_HYPERCALL_H

#include <xen-abi.h>

static inline long xen_hypercall(unsigned long nr, unsigned long arg1, unsigned long arg2, unsigned long arg3,
                                 unsigned long arg4, unsigned long arg5)
{
    register unsigned long a0 __asm__("a0") = 0;
    register unsigned long a1 __asm__("a1") = arg1;
    register unsigned long a2 __asm__("a2") = arg2;
    register unsigned long a3 __asm__("a3") = arg3;
    register unsigned long a4 __asm__("a4") = arg4;
    register unsigned long a5 __asm__("a5") = arg5;
    register unsigned long a6 __asm__("a6") = nr;
    register unsigned long a7 __asm__("a7") = XEN_HYPERCALL_EID;
    /* Xen may clobber the argument registers (as Arm's debug builds do). */
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5)
                     : "r"(a6), "r"(a7)
                     : "memory");
    return (long)a0;
}

#define XEN_ARG(p) ((unsigned long)(p))

static inline long HYPERVISOR_xen_version(int cmd, void *arg)
{
    return xen_hypercall(__HYPERVISOR_xen_version, (unsigned)cmd, XEN_ARG(arg), 0, 0, 0);
}

static inline long HYPERVISOR_console_io(int cmd, unsigned int count, const void *buffer)
{
    return xen_hypercall(__HYPERVISOR_console_io, (unsigned)cmd, count, XEN_ARG(buffer), 0, 0);
}

static inline long HYPERVISOR_vcpu_op(int cmd, unsigned int vcpuid, void *arg)
{
    return xen_hypercall(__HYPERVISOR_vcpu_op, (unsigned)cmd, vcpuid, XEN_ARG(arg), 0, 0);
}

static inline long HYPERVISOR_sched_op(int cmd, void *arg)
{
    return xen_hypercall(__HYPERVISOR_sched_op, (unsigned)cmd, XEN_ARG(arg), 0, 0, 0);
}

static inline long HYPERVISOR_memory_op(unsigned int cmd, void *arg)
{
    return xen_hypercall(__HYPERVISOR_memory_op, cmd, XEN_ARG(arg), 0, 0, 0);
}

static inline long HYPERVISOR_multicall(multicall_entry_t *calls, unsigned int nr_calls)
{
    return xen_hypercall(__HYPERVISOR_multicall, XEN_ARG(calls), nr_calls, 0, 0, 0);
}

static inline long HYPERVISOR_hvm_op(int op, void *arg)
{
    return xen_hypercall(__HYPERVISOR_hvm_op, (unsigned)op, XEN_ARG(arg), 0, 0, 0);
}

static inline long HYPERVISOR_xsm_op(void *op)
{
    return xen_hypercall(__HYPERVISOR_xsm_op, XEN_ARG(op), 0, 0, 0, 0);
}

static inline long HYPERVISOR_sysctl(void *op)
{
    return xen_hypercall(__HYPERVISOR_sysctl, XEN_ARG(op), 0, 0, 0, 0);
}

static inline long HYPERVISOR_domctl(void *op)
{
    return xen_hypercall(__HYPERVISOR_domctl, XEN_ARG(op), 0, 0, 0, 0);
}

#endif
