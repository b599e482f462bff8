// What Xen keeps up to date in a vCPU's guest-visible areas: the runstate copy the guest
// registered, and where its vcpu_info lives.
import { vcpuInfo } from '../abi/decl/shared-info.js';
import { VCPU_FLAGS, vcpuRunstateInfo } from '../abi/decl/vcpu.js';
import { GuestFault } from '../memory/guest-memory.js';
import type { Vcpu } from '../vcpu.js';

/** Where the vCPU's vcpu_info lives: its registered area, or shared_info's slot for vCPU 0. */
export function vcpuInfoBytes(v: Vcpu): { read(): Uint8Array; write(bytes: Uint8Array): void } | undefined {
  if (v.vcpuInfoGpa !== undefined) {
    const gpa = v.vcpuInfoGpa;
    return { read: () => v.domain.memory.read(gpa, vcpuInfo.size), write: (bytes) => v.domain.memory.write(gpa, bytes) };
  }
  if (v.id !== 0) return undefined;
  const page = v.domain.sharedInfoBytes();
  return { read: () => page.slice(0, vcpuInfo.size), write: (bytes) => page.set(bytes, 0) };
}

/** Copies the runstate to the guest's registered area (bit 63 of state_entry_time clear). */
export function publishRunstate(v: Vcpu): void {
  if (v.runstateAreaGpa === undefined) return;
  const rs = v.runstateNow();
  const entry = BigInt(rs.entryTime) & ~VCPU_FLAGS.XEN_RUNSTATE_UPDATE;
  try {
    v.domain.memory.write(v.runstateAreaGpa, vcpuRunstateInfo.encode({ state: rs.state, state_entry_time: entry, time: rs.time.map((t) => BigInt(t)) }));
  } catch (error) {
    // The guest unmapped its area: Xen stops updating it silently.
    if (!(error instanceof GuestFault)) throw error;
  }
}
