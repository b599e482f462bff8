// A vCPU's starting state from the toolstack's setvcpucontext or an SBI HART_START,
// written into wherever the vCPU's registers live (a hart, or a save area).
import { vcpuGuestContext } from '../abi/decl/arch-riscv.js';
import { GUEST_CSR } from '../guest-cpu.js';
import type { Vcpu } from '../vcpu.js';

const USER_REGS = ['ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7',
  's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'] as const;
const VMID_MASK = 0x3fff;

export interface ContextTarget {
  setX(i: number, v: bigint): void;
  pc: bigint;
  writeCsr(n: number, v: bigint): void;
}

/** The context a vCPU starts from now: an HSM start wins over the toolstack's context. */
export function contextSource(vcpu: Vcpu): object | undefined {
  return vcpu.startAt ?? vcpu.guestContext;
}

/** Stage-2 root (VMID = domid), then pc, registers and vsatp from the vCPU's context. */
export function applyVcpuContext(vcpu: Vcpu, target: ContextTarget): void {
  target.writeCsr(GUEST_CSR.hgatp, vcpu.domain.p2m.hgatp(vcpu.domain.domid & VMID_MASK));
  if (vcpu.startAt !== undefined) {
    target.pc = vcpu.startAt.pc;
    target.setX(10, BigInt(vcpu.id));
    target.setX(11, vcpu.startAt.a1);
  } else if (vcpu.guestContext !== undefined) {
    const context = vcpuGuestContext.decode(vcpu.guestContext);
    USER_REGS.forEach((name, i) => target.setX(i + 1, context.user_regs[name]));
    target.pc = context.user_regs.pc;
    target.writeCsr(GUEST_CSR.vsatp, context.satp);
  }
}
