// The 2-level event channel ABI on the guest's own pages: the pending and mask bitmaps
// in shared_info, evtchn_pending_sel and evtchn_upcall_pending in each vCPU's vcpu_info.
// Every bit is flipped with an atomic read-modify-write on machine RAM, which the guest
// updates concurrently from its harts (the same memory, a SharedArrayBuffer when harts
// run). A u64 bitmap word is two little-endian 32-bit halves, so bit b of word w is bit
// b & 31 of Int32 (2w + (b >> 5)): an Int32 RMW on that half is atomic for the bit.
import { EVTCHN_2L, sharedInfo, vcpuInfo } from '../hypervisor/abi/decl/shared-info.js';
import type { Domain } from '../hypervisor/domain.js';
import { type MachineRam, mfnOffset } from '../hypervisor/memory/machine-ram.js';
import type { Vcpu } from '../hypervisor/vcpu.js';

const PENDING = sharedInfo.offsetOf('evtchn_pending');
const MASK = sharedInfo.offsetOf('evtchn_mask');
const UPCALL_PENDING = vcpuInfo.offsetOf('evtchn_upcall_pending');
const PENDING_SEL = vcpuInfo.offsetOf('evtchn_pending_sel');
const WORD_BITS = EVTCHN_2L.BITS_PER_WORD;

export class TwoLevelEvents {
  private readonly i32: Int32Array;
  private readonly u8: Uint8Array;
  /** Byte offset of machine RAM in its buffer. */
  private readonly base: number;

  constructor(
    private readonly ram: MachineRam,
    /** vcpu_mark_events_pending's last step: inject the upcall interrupt. */
    private readonly raiseUpcall: (vcpu: Vcpu) => void,
  ) {
    this.base = ram.bytes.byteOffset;
    if (this.base % 8 !== 0) throw new RangeError('machine RAM must be 8-byte aligned for the event bitmaps');
    this.i32 = new Int32Array(ram.bytes.buffer, 0, ram.bytes.buffer.byteLength >> 2);
    this.u8 = new Uint8Array(ram.bytes.buffer);
  }

  /**
   * set_pending: a newly pending, unmasked port sets its word's selector bit on `vcpu`
   * and, if that bit was clear, marks events pending there. False if the port was
   * pending already (nothing changed).
   */
  setPending(vcpu: Vcpu, port: number): boolean {
    const page = this.sharedInfoOffset(vcpu.domain);
    if (this.testAndSet(page + PENDING, port)) return false;
    if (!this.test(page + MASK, port)) this.selectWord(vcpu, port);
    return true;
  }

  /** unmask: clears the mask bit; a port pending underneath is delivered to `vcpu`. */
  unmask(vcpu: Vcpu, port: number): boolean {
    const page = this.sharedInfoOffset(vcpu.domain);
    this.testAndClear(page + MASK, port);
    if (!this.test(page + PENDING, port)) return false;
    return this.selectWord(vcpu, port);
  }

  clearPending(domain: Domain, port: number): void {
    this.testAndClear(this.sharedInfoOffset(domain) + PENDING, port);
  }

  isPending(domain: Domain, port: number): boolean {
    return this.test(this.sharedInfoOffset(domain) + PENDING, port);
  }

  isMasked(domain: Domain, port: number): boolean {
    return this.test(this.sharedInfoOffset(domain) + MASK, port);
  }

  /** vcpu_mark_events_pending: the first to set evtchn_upcall_pending raises the upcall. */
  markEventsPending(vcpu: Vcpu): boolean {
    const info = this.vcpuInfoOffset(vcpu);
    if (info < 0) return false;
    if ((Atomics.or(this.u8, this.base + info + UPCALL_PENDING, 1) & 1) !== 0) return false;
    this.raiseUpcall(vcpu);
    return true;
  }

  private selectWord(vcpu: Vcpu, port: number): boolean {
    const info = this.vcpuInfoOffset(vcpu);
    if (info < 0) return false;
    if (this.testAndSet(info + PENDING_SEL, Math.floor(port / WORD_BITS))) return false;
    return this.markEventsPending(vcpu);
  }

  /** RAM offset of the domain's shared_info page. */
  private sharedInfoOffset(domain: Domain): number {
    return mfnOffset(this.ram, domain.sharedInfoMfn);
  }

  /**
   * RAM offset of the vCPU's vcpu_info: the area it registered, or vCPU 0's slot in
   * shared_info; -1 when it has none (a later vCPU that never registered, or an area the
   * guest has since unmapped), where Xen's events go to a dummy and are lost.
   */
  private vcpuInfoOffset(vcpu: Vcpu): number {
    if (vcpu.vcpuInfoGpa !== undefined) return vcpu.domain.memory.offsetInPage(vcpu.vcpuInfoGpa, vcpuInfo.size);
    return vcpu.id === 0 ? this.sharedInfoOffset(vcpu.domain) : -1;
  }

  private index(offset: number, bit: number): number {
    return ((this.base + offset) >> 2) + (bit >> 5);
  }

  private test(offset: number, bit: number): boolean {
    return (Atomics.load(this.i32, this.index(offset, bit)) & (1 << (bit & 31))) !== 0;
  }

  private testAndSet(offset: number, bit: number): boolean {
    const mask = 1 << (bit & 31);
    return (Atomics.or(this.i32, this.index(offset, bit), mask) & mask) !== 0;
  }

  private testAndClear(offset: number, bit: number): boolean {
    const mask = 1 << (bit & 31);
    return (Atomics.and(this.i32, this.index(offset, bit), ~mask) & mask) !== 0;
  }
}
