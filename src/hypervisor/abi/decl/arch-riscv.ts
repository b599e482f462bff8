// RISC-V architecture parts of the ABI. Upstream Xen's arch-riscv.h leaves the vCPU
// context undefined and the downstream branch's layout is unconfirmed, so the
// vcpu_guest_context here is xenrv's own: the 31 integer registers x1..x31 in register
// order, then pc, then the guest's supervisor CSRs (what it reads as s*, i.e. the vs* CSRs).
// The domain config is empty, as in 4.18 (master RISC-V adds a gaddr_bits byte).
import { constants } from '../constants.js';
import { struct } from '../aggregate.js';

export const VGCF = constants('VGCF_', 'vcpu_guest_context.flags.', { online: 1 << 0 }, { hex: true });

export const xenArchDomainconfig = struct('xen_arch_domainconfig', [], {
  size: 0, doc: 'Empty on RISC-V in 4.18 (sizes createdomain and getdomaininfo).',
});

export const cpuUserRegs = struct('cpu_user_regs', [
  ['ra', 'u64'], ['sp', 'u64'], ['gp', 'u64'], ['tp', 'u64'],
  ['t0', 'u64'], ['t1', 'u64'], ['t2', 'u64'], ['s0', 'u64'], ['s1', 'u64'],
  ['a0', 'u64'], ['a1', 'u64'], ['a2', 'u64'], ['a3', 'u64'], ['a4', 'u64'], ['a5', 'u64'], ['a6', 'u64'], ['a7', 'u64'],
  ['s2', 'u64'], ['s3', 'u64'], ['s4', 'u64'], ['s5', 'u64'], ['s6', 'u64'], ['s7', 'u64'], ['s8', 'u64'],
  ['s9', 'u64'], ['s10', 'u64'], ['s11', 'u64'], ['t3', 'u64'], ['t4', 'u64'], ['t5', 'u64'], ['t6', 'u64'],
  ['pc', 'u64'],
], { size: 256, doc: 'xenrv\'s choice (downstream layout unconfirmed): x1..x31 by ABI name at 8*(n-1), then pc at 248.' });

export const vcpuGuestContext = struct('vcpu_guest_context', [
  ['flags', 'u32'],
  ['pad', 'u32'],
  ['user_regs', cpuUserRegs],
  ['sstatus', 'u64'],
  ['sie', 'u64'],
  ['stvec', 'u64'],
  ['sscratch', 'u64'],
  ['sepc', 'u64'],
  ['scause', 'u64'],
  ['stval', 'u64'],
  ['sip', 'u64'],
  ['satp', 'u64'],
  ['stimecmp', 'u64'],
], { size: 344, doc: 'xenrv\'s choice (downstream layout unconfirmed): a vCPU\'s state for set/getvcpucontext and VCPUOP_initialise; the CSRs are the guest\'s view (vs* CSRs, vstimecmp).' });
