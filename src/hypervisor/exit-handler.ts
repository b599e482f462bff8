// The ecall-from-VS exit: a7 = XEN_HYPERCALL_EID is a hypercall (a6 = number, a1..a5 =
// arguments, result in a0); any other a7 is an SBI call. Either way the guest resumes
// after the ecall. It takes the hart and the hypervisor, so it runs wherever the hart runs.
import { XEN_HYPERCALL } from './abi/decl/hypercalls.js';
import type { GuestCpu } from './guest-cpu.js';
import type { Hypervisor } from './hypervisor.js';
import { handleSbi } from './sbi.js';
import type { Vcpu } from './vcpu.js';

const HYPERCALL_EID = BigInt(XEN_HYPERCALL.EID);
const A0 = 10;
const A1 = 11;
const A6 = 16;
const A7 = 17;

/** A register as the unsigned number the dispatcher takes (beyond 2^53: no valid value). */
export function argument(cpu: GuestCpu, reg: number): number {
  const value = cpu.getX(reg);
  return value <= 0x1f_ffff_ffff_ffffn ? Number(value) : Number.MAX_SAFE_INTEGER;
}

export function handleVsEcall(hv: Hypervisor, vcpu: Vcpu, cpu: GuestCpu): void {
  const eid = cpu.getX(A7);
  if (eid === HYPERCALL_EID) {
    const result = hv.dispatch(vcpu, argument(cpu, A6), argument(cpu, 11), argument(cpu, 12), argument(cpu, 13), argument(cpu, 14), argument(cpu, 15));
    cpu.setX(A0, BigInt(result));
  } else {
    const { error, value } = handleSbi(hv, vcpu, cpu, eid > 0xffffffffn ? -1 : Number(eid), Number(cpu.getX(A6) & 0xffffffffn));
    cpu.setX(A0, BigInt(error));
    if (value !== undefined) cpu.setX(A1, BigInt(value));
  }
  cpu.completeMmio();
}
