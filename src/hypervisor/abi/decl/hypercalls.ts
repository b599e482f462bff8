// Hypercall numbers (public xen.h, unchanged from 4.17 to master), how many arguments each
// takes, and the RISC-V entry: ecall from VS with a7 = XEN_HYPERCALL_EID, a6 = number,
// a1..a5 = arguments, result in a0.
import { constants } from '../constants.js';
import { struct } from '../aggregate.js';

export const HYPERCALL = constants('__HYPERVISOR_', 'Hypercall numbers (a6 at the ecall).', {
  set_trap_table: 0, mmu_update: 1, set_gdt: 2, stack_switch: 3, set_callbacks: 4, fpu_taskswitch: 5,
  sched_op_compat: 6, platform_op: 7, set_debugreg: 8, get_debugreg: 9, update_descriptor: 10,
  memory_op: 12, multicall: 13, update_va_mapping: 14, set_timer_op: 15, event_channel_op_compat: 16,
  xen_version: 17, console_io: 18, physdev_op_compat: 19, grant_table_op: 20, vm_assist: 21,
  update_va_mapping_otherdomain: 22, iret: 23, vcpu_op: 24, set_segment_base: 25, mmuext_op: 26,
  xsm_op: 27, nmi_op: 28, sched_op: 29, callback_op: 30, xenoprof_op: 31, event_channel_op: 32,
  physdev_op: 33, hvm_op: 34, sysctl: 35, domctl: 36, kexec_op: 37, tmem_op: 38, argo_op: 39,
  xenpmu_op: 40, dm_op: 41, hypfs_op: 42,
  arch_0: 48, arch_1: 49, arch_2: 50, arch_3: 51, arch_4: 52, arch_5: 53, arch_6: 54, arch_7: 55,
});

export type HypercallNumber = (typeof HYPERCALL)[keyof typeof HYPERCALL];

export const XEN_HYPERCALL = constants('XEN_HYPERCALL_', 'The RISC-V hypercall entry.', {
  /** SBI firmware-specific EID range 0x0A000000 plus Xen's SBI implementation id 7. */
  EID: 0x0a000007,
}, { hex: true });

/** Arguments each hypercall takes, from Xen's prototypes (hypercall-defs.c). */
export const HYPERCALL_ARG_COUNT: Readonly<Partial<Record<keyof typeof HYPERCALL, number>>> = {
  set_trap_table: 1, mmu_update: 4, platform_op: 1, memory_op: 2, multicall: 2, xen_version: 2,
  console_io: 3, grant_table_op: 3, vm_assist: 2, vcpu_op: 3, xsm_op: 1, sched_op: 2,
  event_channel_op: 2, physdev_op: 2, hvm_op: 2, sysctl: 1, domctl: 1, argo_op: 5, dm_op: 3,
  hypfs_op: 5,
};

export const multicallEntry = struct('multicall_entry', [
  ['op', 'u64'],
  ['result', 'u64'],
  ['args', 'u64', 6],
], { size: 64, doc: 'One call of a multicall batch; Xen passes args[0..4] and stores the return value in result.' });
