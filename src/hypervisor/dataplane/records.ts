// What the control plane publishes for the data plane, in Xen-owned frames of machine RAM
// (the shared memory every hart thread maps): one frame per vCPU with its save area,
// timers, runstate and flags, and one frame per domain naming its vCPUs' frames. A hart
// reads them to serve fast-path hypercalls without asking the main thread.
//
// Ownership: the main thread writes flags and the runstate (under a sequence lock); the
// hart running the vCPU writes its timers and save area; anyone may post interrupt bits
// (an atomic OR) for the hart to fold into hvip.
import * as L from '../../harts/block-layout.js';
import { PAGE_SIZE } from '../memory/machine-ram.js';
import type { Runstate } from '../vcpu-machine.js';
import type { VcpuTimers } from '../vcpu.js';

// ---- vCPU frame ------------------------------------------------------------------------
// Int32 words (index = byte offset / 4).
const V_ID = 0; // handle of the vCPU in the data plane (never 0)
const V_FLAGS = 1;
const V_PENDING = 2; // hvip bits posted to the vCPU, folded in by its hart
const V_RS_SEQ = 3; // runstate sequence lock: odd while the main thread writes
// Float64 slots (byte offsets).
const V_TIMERS = 16; // singleshot, period, periodic next, poll: 4 × f64 (NaN = unset)
const V_RS_STATE = 48;
const V_RS_ENTRY = 56;
const V_RS_TIME = 64; // 4 × f64
const V_DOMAIN = 96; // byte offset of the domain frame
const V_VCPU_ID = 104;
const V_INSTRET = 112; // instructions the vCPU has retired, on any hart
// Event delivery, published by the main thread: f64 buffer offsets, and an Int32 port.
const V_SHARED_INFO = 120; // the domain's shared_info page
const V_VCPU_INFO = 128; // the vCPU's vcpu_info, or -1 (none)
const V_TIMER_PORT = 34; // Int32 word: port bound to VIRQ_TIMER on this vCPU, 0 if none
const V_KICK = 35; // Int32 word: 1 when a hart set events pending in this vCPU's domain that the main thread must look at
const V_KICK_AT = 144; // f64: the virtual time (ns) of the latest event a hart set for this vCPU
/** Save area: x0..x31 and pc (L.HB_X..), privilege, then SAVED_CSRS in order. */
const V_SAVE = 256;
const SAVE_REGS_BYTES = L.HB_PRIV + 8; // x0..x31, pc, priv: contiguous in a hart block
const V_SAVE_CSRS = V_SAVE + SAVE_REGS_BYTES;

export const FLAG_UP = 1;

/**
 * The CSRs that belong to a vCPU rather than to the hart: the guest's VS state, its
 * interrupt enables (vsie lives in mie) and pending bits (hvip), its stage-2 root and
 * timer controls. Hart-wide configuration (delegation, counters) stays on the hart.
 */
export const SAVED_CSRS = [
  0x200, // vsstatus
  0x304, // mie (vsie)
  0x205, // vstvec
  0x240, // vsscratch
  0x241, // vsepc
  0x242, // vscause
  0x243, // vstval
  0x280, // vsatp
  0x24d, // vstimecmp
  0x645, // hvip
  0x680, // hgatp
  0x600, // hstatus
  0x60a, // henvcfg
  0x605, // htimedelta
] as const;

const TIMER_FIELDS = ['singleshotDeadline', 'periodNs', 'periodicNext', 'pollDeadline'] as const;

// ---- domain frame ----------------------------------------------------------------------
const D_DOMID = 0;
const D_PRIVILEGED = 8;
const D_FLAGS = 16;
const D_P2M_ROOT = 24;
const D_NR_VCPUS = 32;
const D_HANDLE = 40; // 16 bytes
const D_P2M_GENERATION = 56; // bumped by the p2m on every unmap/remap: harts flush their TLBs
const D_PORTS = 64; // f64 byte offset of the published port table's frame (src/evtchn/published-ports.ts)
const D_VCPUS = 72; // f64 byte offsets of the vCPU frames
export const MAX_PUBLISHED_VCPUS = (PAGE_SIZE - D_VCPUS) / 8;

/** Views of the shared memory, made once per thread. */
export class SharedViews {
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  readonly u8: Uint8Array;
  readonly data: DataView;
  constructor(readonly buffer: ArrayBufferLike) {
    this.data = new DataView(buffer);
    this.i32 = new Int32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.u8 = new Uint8Array(buffer);
  }
}

export class VcpuRecord {
  constructor(readonly views: SharedViews, readonly offset: number) {}

  private word(index: number): number { return (this.offset >>> 2) + index; }
  private slot(byte: number): number { return (this.offset + byte) >>> 3; }

  get id(): number { return Atomics.load(this.views.i32, this.word(V_ID)); }
  get vcpuId(): number { return this.views.f64[this.slot(V_VCPU_ID)]!; }
  get domainOffset(): number { return this.views.f64[this.slot(V_DOMAIN)]!; }

  /** Main thread, once: a fresh frame becomes vCPU `vcpuId` of the domain frame at `domainOffset`. */
  init(id: number, vcpuId: number, domainOffset: number): void {
    this.views.f64[this.slot(V_VCPU_ID)] = vcpuId;
    this.views.f64[this.slot(V_DOMAIN)] = domainOffset;
    for (let i = 0; i < TIMER_FIELDS.length; i++) this.views.f64[this.slot(V_TIMERS + i * 8)] = NaN;
    Atomics.store(this.views.i32, this.word(V_ID), id);
  }

  /** Main thread: where the vCPU's events are delivered (2-level ABI) and its VIRQ_TIMER port. */
  publishEvents(events: PublishedEvents): void {
    this.views.f64[this.slot(V_SHARED_INFO)] = events.sharedInfoAt;
    this.views.f64[this.slot(V_VCPU_INFO)] = events.vcpuInfoAt;
    Atomics.store(this.views.i32, this.word(V_TIMER_PORT), events.timerPort);
  }

  readEvents(): PublishedEvents {
    return {
      sharedInfoAt: this.views.f64[this.slot(V_SHARED_INFO)]!,
      vcpuInfoAt: this.views.f64[this.slot(V_VCPU_INFO)]!,
      timerPort: Atomics.load(this.views.i32, this.word(V_TIMER_PORT)),
    };
  }

  /** Instructions retired by the vCPU (added to by the hart that runs it). */
  get instructions(): number { return this.views.f64[this.slot(V_INSTRET)]!; }
  addInstructions(count: number): void { this.views.f64[this.slot(V_INSTRET)]! += count; }

  get flags(): number { return Atomics.load(this.views.i32, this.word(V_FLAGS)); }
  set flags(value: number) { Atomics.store(this.views.i32, this.word(V_FLAGS), value); }

  /** Posts hvip bits (IPI, timer) for the hart that runs the vCPU next or now. */
  post(bits: number): void { Atomics.or(this.views.i32, this.word(V_PENDING), bits); }
  takePosted(): number { return Atomics.exchange(this.views.i32, this.word(V_PENDING), 0); }

  /** Hart: asks the main thread to look at this vCPU's domain (see HartMailbox.postKick). */
  /** The virtual time (ns) of the latest event a hart set for this vCPU. */
  get kickAt(): number { return this.views.f64[this.slot(V_KICK_AT)]!; }
  takeKick(): boolean { return Atomics.exchange(this.views.i32, this.word(V_KICK), 0) !== 0; }
  get posted(): number { return Atomics.load(this.views.i32, this.word(V_PENDING)); }

  /**
   * Rebinds `timers` (a VcpuTimers object) to this frame, so the main thread's Vcpu and
   * the hart's view share one copy (undefined is stored as NaN). `keep` says whose values
   * survive the binding: the object's (the main thread, once) or the frame's (a hart).
   */
  bindTimers(timers: VcpuTimers, keep: 'object' | 'frame'): void {
    TIMER_FIELDS.forEach((field, i) => {
      const at = this.slot(V_TIMERS + i * 8);
      const optional = field === 'singleshotDeadline' || field === 'pollDeadline';
      const current = timers[field];
      Object.defineProperty(timers, field, {
        enumerable: true,
        get: () => {
          const v = this.views.f64[at]!;
          return Number.isNaN(v) ? (optional ? undefined : 0) : v;
        },
        set: (v: number | undefined) => { this.views.f64[at] = v ?? NaN; },
      });
      if (keep === 'object') (timers as unknown as Record<string, number | undefined>)[field] = current;
    });
  }

  /** Main thread: publishes the runstate (sequence lock, so a reader never sees it half written). */
  publishRunstate(rs: Runstate): void {
    const seq = this.word(V_RS_SEQ);
    Atomics.add(this.views.i32, seq, 1);
    const f = this.views.f64;
    f[this.slot(V_RS_STATE)] = rs.state;
    f[this.slot(V_RS_ENTRY)] = rs.entryTime;
    for (let i = 0; i < 4; i++) f[this.slot(V_RS_TIME + i * 8)] = rs.time[i]!;
    Atomics.add(this.views.i32, seq, 1);
  }

  readRunstate(): Runstate {
    const seqWord = this.word(V_RS_SEQ);
    const f = this.views.f64;
    for (;;) {
      const before = Atomics.load(this.views.i32, seqWord);
      const rs: Runstate = {
        state: f[this.slot(V_RS_STATE)]!,
        entryTime: f[this.slot(V_RS_ENTRY)]!,
        time: [0, 1, 2, 3].map((i) => f[this.slot(V_RS_TIME + i * 8)]!) as Runstate['time'],
      };
      if ((before & 1) === 0 && Atomics.load(this.views.i32, seqWord) === before) return rs;
    }
  }

  /** Byte offset of the save area's x`i`. */
  xOffset(i: number): number { return this.offset + V_SAVE + L.HB_X + i * 8; }
  get pcOffset(): number { return this.offset + V_SAVE + L.HB_PC; }
  get privOffset(): number { return this.offset + V_SAVE + L.HB_PRIV; }
  /** Byte offset of a saved CSR, or -1 when the CSR is not part of a vCPU's state. */
  csrOffset(csr: number): number {
    const index = (SAVED_CSRS as readonly number[]).indexOf(csr);
    return index < 0 ? -1 : this.offset + V_SAVE_CSRS + index * 8;
  }

  /** Copies the vCPU's architectural state out of the hart block at `block`. */
  saveFrom(block: number): void {
    this.copy(block, this.offset, false);
  }

  /** Copies the saved state into the hart block at `block`. */
  restoreTo(block: number): void {
    this.copy(block, this.offset, true);
  }

  /** Word by word (a few hundred bytes): cheaper than many small copyWithin calls on shared memory. */
  private copy(block: number, frame: number, intoBlock: boolean): void {
    const i32 = this.views.i32;
    const regs = (block + L.HB_X) >>> 2;
    const saved = (frame + V_SAVE) >>> 2;
    for (let w = 0; w < SAVE_REGS_BYTES >> 2; w++) {
      if (intoBlock) i32[regs + w] = i32[saved + w]!;
      else i32[saved + w] = i32[regs + w]!;
    }
    const csrs = (frame + V_SAVE_CSRS) >>> 2;
    for (let i = 0; i < SAVED_CSRS.length; i++) {
      const live = (block + L.HB_CSR + SAVED_CSRS[i]! * 8) >>> 2;
      const keep = csrs + i * 2;
      if (intoBlock) {
        i32[live] = i32[keep]!;
        i32[live + 1] = i32[keep + 1]!;
      } else {
        i32[keep] = i32[live]!;
        i32[keep + 1] = i32[live + 1]!;
      }
    }
  }
}

export interface PublishedEvents {
  /** Buffer offset of the domain's shared_info. */
  sharedInfoAt: number;
  /** Buffer offset of the vCPU's vcpu_info, or -1. */
  vcpuInfoAt: number;
  timerPort: number;
}

// ---- a hart's reads and writes of another vCPU's frame, by offset, without allocating ----

/** Posts hvip bits to the vCPU of the frame at `frame` (VcpuRecord.post). */
export function postToFrame(views: SharedViews, frame: number, bits: number): void {
  Atomics.or(views.i32, (frame >>> 2) + V_PENDING, bits);
}

/** A hart set an event pending for the vCPU at virtual time `atNs`. */
export function noteEventAt(views: SharedViews, frame: number, atNs: number): void {
  views.f64[(frame + V_KICK_AT) >>> 3] = atNs;
}

/** Marks the vCPU's domain for the main thread's attention (then HartMailbox.postKick). */
export function kickFrame(views: SharedViews, frame: number): void {
  Atomics.store(views.i32, (frame >>> 2) + V_KICK, 1);
}

export function sharedInfoAtOf(views: SharedViews, frame: number): number {
  return views.f64[(frame + V_SHARED_INFO) >>> 3]!;
}

export function vcpuInfoAtOf(views: SharedViews, frame: number): number {
  return views.f64[(frame + V_VCPU_INFO) >>> 3]!;
}

/** The runstate a hart reads to decide whether a vCPU it sent an event to needs waking. */
export function publishedRunstateOf(views: SharedViews, frameOffset: number): number {
  return views.f64[(frameOffset + V_RS_STATE) >>> 3]!;
}

/** The domain frame of a vCPU frame (for a hart that only knows the vCPU's frame). */
export function domainFrameOf(views: SharedViews, frameOffset: number): number {
  return views.f64[(frameOffset + V_DOMAIN) >>> 3]!;
}

/** How many vCPU frames the domain frame at `offset` names. */
export function vcpuFrameCount(views: SharedViews, offset: number): number {
  return views.f64[(offset + D_NR_VCPUS) >>> 3]!;
}

/** The `i`th vCPU frame of the domain frame at `offset`. */
export function vcpuFrameAt(views: SharedViews, offset: number, i: number): number {
  return views.f64[(offset + D_VCPUS + i * 8) >>> 3]!;
}

/** The published port table's frame of the domain frame at `offset`. */
export function portsFrameOf(views: SharedViews, offset: number): number {
  return views.f64[(offset + D_PORTS) >>> 3]!;
}

export interface PublishedDomain {
  domid: number;
  privileged: boolean;
  flags: number;
  p2mRootMfn: number;
  handle: Uint8Array;
  vcpuOffsets: readonly number[];
  /** Buffer offset of the published port table's frame. */
  portsOffset: number;
}

export class DomainRecord {
  constructor(readonly views: SharedViews, readonly offset: number) {}

  private slot(byte: number): number { return (this.offset + byte) >>> 3; }

  publish(d: PublishedDomain): void {
    if (d.vcpuOffsets.length > MAX_PUBLISHED_VCPUS) throw new RangeError(`at most ${MAX_PUBLISHED_VCPUS} vCPUs per domain`);
    const f = this.views.f64;
    f[this.slot(D_DOMID)] = d.domid;
    f[this.slot(D_PRIVILEGED)] = d.privileged ? 1 : 0;
    f[this.slot(D_FLAGS)] = d.flags;
    f[this.slot(D_P2M_ROOT)] = d.p2mRootMfn;
    f[this.slot(D_PORTS)] = d.portsOffset;
    this.views.u8.set(d.handle.subarray(0, 16), this.offset + D_HANDLE);
    d.vcpuOffsets.forEach((at, i) => (f[this.slot(D_VCPUS + i * 8)] = at));
    f[this.slot(D_NR_VCPUS)] = d.vcpuOffsets.length;
  }

  get p2mGeneration(): number { return this.views.f64[this.slot(D_P2M_GENERATION)]!; }
  set p2mGeneration(value: number) { this.views.f64[this.slot(D_P2M_GENERATION)] = value; }

  read(): PublishedDomain {
    const f = this.views.f64;
    const count = f[this.slot(D_NR_VCPUS)]!;
    return {
      domid: f[this.slot(D_DOMID)]!,
      privileged: f[this.slot(D_PRIVILEGED)] === 1,
      flags: f[this.slot(D_FLAGS)]!,
      p2mRootMfn: f[this.slot(D_P2M_ROOT)]!,
      handle: this.views.u8.slice(this.offset + D_HANDLE, this.offset + D_HANDLE + 16),
      vcpuOffsets: Array.from({ length: count }, (_, i) => f[this.slot(D_VCPUS + i * 8)]!),
      portsOffset: f[this.slot(D_PORTS)]!,
    };
  }
}
