// The 2-level event channel ABI as bit operations on machine memory: the pending and mask
// bitmaps of a shared_info page and evtchn_pending_sel / evtchn_upcall_pending of a
// vcpu_info, both named by their byte offsets in the buffer. Every bit is flipped with an
// atomic read-modify-write, since the guest updates the same words from its harts (the
// buffer is a SharedArrayBuffer when harts run). A u64 bitmap word is two little-endian
// 32-bit halves, so bit b of word w is bit b & 31 of Int32 (2w + (b >> 5)): an Int32 RMW
// on that half is atomic for the bit. Used by the control plane and by hart threads.
import { EVTCHN_2L, sharedInfo, vcpuInfo } from '../hypervisor/abi/decl/shared-info.js';

const PENDING = sharedInfo.offsetOf('evtchn_pending');
const MASK = sharedInfo.offsetOf('evtchn_mask');
const UPCALL_PENDING = vcpuInfo.offsetOf('evtchn_upcall_pending');
const PENDING_SEL = vcpuInfo.offsetOf('evtchn_pending_sel');
const WORD_BITS = EVTCHN_2L.BITS_PER_WORD;

/** What set_pending changed. */
export const SetPending = {
  /** The port was pending already: nothing changed. */
  already: 0,
  /** Newly pending; masked, or the vCPU had been told already. */
  pending: 1,
  /** Newly pending and evtchn_upcall_pending went 0 → 1: the caller injects the upcall. */
  upcall: 2,
} as const;
export type SetPending = (typeof SetPending)[keyof typeof SetPending];

/** No vcpu_info: Xen's events for such a vCPU go to a dummy and are lost. */
export const NO_VCPU_INFO = -1;

export class TwoLevelBits {
  private readonly i32: Int32Array;
  private readonly u8: Uint8Array;

  constructor(buffer: ArrayBufferLike) {
    // Machine memory may pass 2 GiB: lengths and indices are unsigned.
    this.i32 = new Int32Array(buffer, 0, Math.floor(buffer.byteLength / 4));
    this.u8 = new Uint8Array(buffer);
  }

  /**
   * set_pending: a newly pending, unmasked port sets its word's selector bit in the
   * vcpu_info and, if that bit was clear, marks events pending there.
   */
  setPending(sharedInfoAt: number, vcpuInfoAt: number, port: number): SetPending {
    if (this.testAndSet(sharedInfoAt + PENDING, port)) return SetPending.already;
    if (this.test(sharedInfoAt + MASK, port)) return SetPending.pending;
    return this.selectWord(vcpuInfoAt, port) ? SetPending.upcall : SetPending.pending;
  }

  /** unmask: clears the mask bit; a port pending underneath is delivered. True: inject the upcall. */
  unmask(sharedInfoAt: number, vcpuInfoAt: number, port: number): boolean {
    this.testAndClear(sharedInfoAt + MASK, port);
    return this.test(sharedInfoAt + PENDING, port) && this.selectWord(vcpuInfoAt, port);
  }

  clearPending(sharedInfoAt: number, port: number): void {
    this.testAndClear(sharedInfoAt + PENDING, port);
  }

  isPending(sharedInfoAt: number, port: number): boolean {
    return this.test(sharedInfoAt + PENDING, port);
  }

  isMasked(sharedInfoAt: number, port: number): boolean {
    return this.test(sharedInfoAt + MASK, port);
  }

  upcallPending(vcpuInfoAt: number): boolean {
    return vcpuInfoAt !== NO_VCPU_INFO && (Atomics.load(this.u8, vcpuInfoAt + UPCALL_PENDING) & 1) !== 0;
  }

  /** vcpu_mark_events_pending: true for the first to set evtchn_upcall_pending (it injects the upcall). */
  markEventsPending(vcpuInfoAt: number): boolean {
    if (vcpuInfoAt === NO_VCPU_INFO) return false;
    return (Atomics.or(this.u8, vcpuInfoAt + UPCALL_PENDING, 1) & 1) === 0;
  }

  private selectWord(vcpuInfoAt: number, port: number): boolean {
    if (vcpuInfoAt === NO_VCPU_INFO) return false;
    if (this.testAndSet(vcpuInfoAt + PENDING_SEL, Math.floor(port / WORD_BITS))) return false;
    return this.markEventsPending(vcpuInfoAt);
  }

  private index(at: number, bit: number): number {
    return (at >>> 2) + (bit >>> 5);
  }

  private test(at: number, bit: number): boolean {
    return (Atomics.load(this.i32, this.index(at, bit)) & (1 << (bit & 31))) !== 0;
  }

  private testAndSet(at: number, bit: number): boolean {
    const mask = 1 << (bit & 31);
    return (Atomics.or(this.i32, this.index(at, bit), mask) & mask) !== 0;
  }

  private testAndClear(at: number, bit: number): boolean {
    const mask = 1 << (bit & 31);
    return (Atomics.and(this.i32, this.index(at, bit), ~mask) & mask) !== 0;
  }
}
