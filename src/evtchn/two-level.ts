// The 2-level event ABI for the control plane's domains and vCPUs: where each domain's
// shared_info and each vCPU's vcpu_info are in machine memory, and the upcall raised
// when set_pending, unmask or vcpu_mark_events_pending call for it.
import { vcpuInfo } from '../hypervisor/abi/decl/shared-info.js';
import type { Domain } from '../hypervisor/domain.js';
import { type MachineRam, mfnOffset } from '../hypervisor/memory/machine-ram.js';
import type { Vcpu } from '../hypervisor/vcpu.js';
import { NO_VCPU_INFO, SetPending, TwoLevelBits } from './two-level-bits.js';

export class TwoLevelEvents {
  private readonly bits: TwoLevelBits;
  /** Byte offset of machine RAM in its buffer. */
  private readonly base: number;

  constructor(
    private readonly ram: MachineRam,
    /** vcpu_mark_events_pending's last step: inject the upcall interrupt. */
    private readonly raiseUpcall: (vcpu: Vcpu) => void,
  ) {
    this.base = ram.bytes.byteOffset;
    if (this.base % 8 !== 0) throw new RangeError('machine RAM must be 8-byte aligned for the event bitmaps');
    this.bits = new TwoLevelBits(ram.bytes.buffer);
  }

  /** set_pending for `port` of `vcpu`'s domain, notifying `vcpu`. False if it was pending already. */
  setPending(vcpu: Vcpu, port: number): boolean {
    const result = this.bits.setPending(this.sharedInfoAt(vcpu.domain), this.vcpuInfoAt(vcpu), port);
    if (result === SetPending.upcall) this.raiseUpcall(vcpu);
    return result !== SetPending.already;
  }

  unmask(vcpu: Vcpu, port: number): void {
    if (this.bits.unmask(this.sharedInfoAt(vcpu.domain), this.vcpuInfoAt(vcpu), port)) this.raiseUpcall(vcpu);
  }

  clearPending(domain: Domain, port: number): void {
    this.bits.clearPending(this.sharedInfoAt(domain), port);
  }

  isPending(domain: Domain, port: number): boolean {
    return this.bits.isPending(this.sharedInfoAt(domain), port);
  }

  isMasked(domain: Domain, port: number): boolean {
    return this.bits.isMasked(this.sharedInfoAt(domain), port);
  }

  /** evtchn_upcall_pending of the vCPU's vcpu_info (false without one). */
  upcallPending(vcpu: Vcpu): boolean {
    return this.bits.upcallPending(this.vcpuInfoAt(vcpu));
  }

  markEventsPending(vcpu: Vcpu): void {
    if (this.bits.markEventsPending(this.vcpuInfoAt(vcpu))) this.raiseUpcall(vcpu);
  }

  /** Buffer offset of the domain's shared_info page. */
  sharedInfoAt(domain: Domain): number {
    return this.base + mfnOffset(this.ram, domain.sharedInfoMfn);
  }

  /**
   * Buffer offset of the vCPU's vcpu_info: the area it registered, or vCPU 0's slot in
   * shared_info; NO_VCPU_INFO for a later vCPU that never registered one (or an area the
   * guest has since unmapped).
   */
  vcpuInfoAt(vcpu: Vcpu): number {
    if (vcpu.vcpuInfoGpa !== undefined) {
      const at = vcpu.domain.memory.offsetInPage(vcpu.vcpuInfoGpa, vcpuInfo.size);
      return at < 0 ? NO_VCPU_INFO : this.base + at;
    }
    return vcpu.id === 0 ? this.sharedInfoAt(vcpu.domain) : NO_VCPU_INFO;
  }
}
