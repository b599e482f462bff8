/* Hypercalls and core definitions. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_XEN_H
#define XENRV_XEN_XEN_H

#include <stddef.h>
#include <stdint.h>

/* Reserved domain ids. */
#define DOMID_FIRST_RESERVED 0x7ff0
#define DOMID_SELF 0x7ff0
#define DOMID_IO 0x7ff1
#define DOMID_XEN 0x7ff2
#define DOMID_COW 0x7ff3
#define DOMID_INVALID 0x7ff4
#define DOMID_ANY 0x7ff5
#define DOMID_IDLE 0x7fff

/* Virtual IRQs, bound with EVTCHNOP_bind_virq. */
#define VIRQ_TIMER 0
#define VIRQ_DEBUG 1
#define VIRQ_CONSOLE 2
#define VIRQ_DOM_EXC 3
#define VIRQ_TBUF 4
#define VIRQ_DEBUGGER 6
#define VIRQ_XENOPROF 7
#define VIRQ_CON_RING 8
#define VIRQ_PCPU_STATE 9
#define VIRQ_MEM_EVENT 10
#define VIRQ_ARGO 11
#define VIRQ_ENOMEM 12
#define VIRQ_XENPMU 13
#define VIRQ_ARCH_0 16
#define VIRQ_ARCH_1 17
#define VIRQ_ARCH_2 18
#define VIRQ_ARCH_3 19
#define VIRQ_ARCH_4 20
#define VIRQ_ARCH_5 21
#define VIRQ_ARCH_6 22
#define VIRQ_ARCH_7 23

/* Number of virtual IRQs. */
#define NR_VIRQS 24

/* Basic sizes on RISC-V (arch-riscv.h). */
#define XEN_PAGE_SHIFT 12
#define XEN_PAGE_SIZE 4096
#define XEN_LEGACY_MAX_VCPUS 1
#define XEN_DOMAIN_HANDLE_SIZE 16

/* Interface version a guest built against these headers speaks (Xen 4.18; without it, compat hypercall numbers apply). */
#define __XEN_LATEST_INTERFACE_VERSION__ 0x40e00

/* Hypercall numbers (a6 at the ecall). */
#define __HYPERVISOR_set_trap_table 0
#define __HYPERVISOR_mmu_update 1
#define __HYPERVISOR_set_gdt 2
#define __HYPERVISOR_stack_switch 3
#define __HYPERVISOR_set_callbacks 4
#define __HYPERVISOR_fpu_taskswitch 5
#define __HYPERVISOR_sched_op_compat 6
#define __HYPERVISOR_platform_op 7
#define __HYPERVISOR_set_debugreg 8
#define __HYPERVISOR_get_debugreg 9
#define __HYPERVISOR_update_descriptor 10
#define __HYPERVISOR_memory_op 12
#define __HYPERVISOR_multicall 13
#define __HYPERVISOR_update_va_mapping 14
#define __HYPERVISOR_set_timer_op 15
#define __HYPERVISOR_event_channel_op_compat 16
#define __HYPERVISOR_xen_version 17
#define __HYPERVISOR_console_io 18
#define __HYPERVISOR_physdev_op_compat 19
#define __HYPERVISOR_grant_table_op 20
#define __HYPERVISOR_vm_assist 21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret 23
#define __HYPERVISOR_vcpu_op 24
#define __HYPERVISOR_set_segment_base 25
#define __HYPERVISOR_mmuext_op 26
#define __HYPERVISOR_xsm_op 27
#define __HYPERVISOR_nmi_op 28
#define __HYPERVISOR_sched_op 29
#define __HYPERVISOR_callback_op 30
#define __HYPERVISOR_xenoprof_op 31
#define __HYPERVISOR_event_channel_op 32
#define __HYPERVISOR_physdev_op 33
#define __HYPERVISOR_hvm_op 34
#define __HYPERVISOR_sysctl 35
#define __HYPERVISOR_domctl 36
#define __HYPERVISOR_kexec_op 37
#define __HYPERVISOR_tmem_op 38
#define __HYPERVISOR_argo_op 39
#define __HYPERVISOR_xenpmu_op 40
#define __HYPERVISOR_dm_op 41
#define __HYPERVISOR_hypfs_op 42
#define __HYPERVISOR_arch_0 48
#define __HYPERVISOR_arch_1 49
#define __HYPERVISOR_arch_2 50
#define __HYPERVISOR_arch_3 51
#define __HYPERVISOR_arch_4 52
#define __HYPERVISOR_arch_5 53
#define __HYPERVISOR_arch_6 54
#define __HYPERVISOR_arch_7 55

/* The RISC-V hypercall entry. */
#define XEN_HYPERCALL_EID 0xa000007

/* A CPU or node bitmap in guest memory: nr_bits bits at bitmap. */
struct xenctl_bitmap {
    uint64_t bitmap; /* guest handle: uint8_t * */
    uint32_t nr_bits;
};
typedef struct xenctl_bitmap xenctl_bitmap_t;
_Static_assert(sizeof(struct xenctl_bitmap) == 16, "xenctl_bitmap size");
_Static_assert(_Alignof(struct xenctl_bitmap) == 8, "xenctl_bitmap alignment");
_Static_assert(offsetof(struct xenctl_bitmap, bitmap) == 0, "xenctl_bitmap.bitmap offset");
_Static_assert(offsetof(struct xenctl_bitmap, nr_bits) == 8, "xenctl_bitmap.nr_bits offset");

/* One call of a multicall batch; Xen passes args[0..4] and stores the return value in result. */
struct multicall_entry {
    uint64_t op;
    uint64_t result;
    uint64_t args[6];
};
typedef struct multicall_entry multicall_entry_t;
_Static_assert(sizeof(struct multicall_entry) == 64, "multicall_entry size");
_Static_assert(_Alignof(struct multicall_entry) == 8, "multicall_entry alignment");
_Static_assert(offsetof(struct multicall_entry, op) == 0, "multicall_entry.op offset");
_Static_assert(offsetof(struct multicall_entry, result) == 8, "multicall_entry.result offset");
_Static_assert(offsetof(struct multicall_entry, args) == 16, "multicall_entry.args offset");

#endif /* XENRV_XEN_XEN_H */
