// Per-hart words shared by the main thread's data plane and the hart threads: what the
// scheduler asks of a hart (reschedule, drop a dying vCPU, where its timers and timeslice
// end), a hart's request and the reply to it (which vCPU to run, from which virtual time).
// Times are in timebase ticks; NONE means unset. A request posted here rings one doorbell
// the main thread waits on with Atomics.waitAsync: no message, no structured clone.
import { type HartRequest, REQUEST_KINDS, SCHEDULE_REASONS } from './protocol.js';

const I32_STRIDE = 12;
const SOFTIRQ = 0; // 1: reschedule at the next slice boundary
const REPLY_SEQ = 1; // bumped when a reply is ready
const EXEC = 2; // id of the vCPU whose instructions or exits the hart is executing (0: none)
const DROP = 3; // id of a vCPU the hart must forget without saving (its domain is dying)
const WAITING = 4; // runnable vCPUs waiting for a CPU of this hart's pool
const ASSIGN_ID = 5; // reply: vCPU to run (0: idle)
const REQUEST = 6; // 1 + index in REQUEST_KINDS of the posted request (0: none)
const REQUEST_REASON = 7; // index in SCHEDULE_REASONS (schedule requests)
const REQUEST_VCPU = 8;
const QUIESCENT = 9; // bumped each time the hart stops executing a vCPU (a quiescent point)

const I64_STRIDE = 6;
const ASSIGN_RECORD = 0; // reply: byte offset of the vCPU's frame
const START = 1; // reply: virtual time the vCPU starts at
const TIMER = 2; // earliest timer parked on this hart
const SLICE_END = 3; // the running vCPU's timeslice ends here
const REQUEST_AT = 4;
const REQUEST_DEADLINE = 5;

/** Atomics.waitAsync (ES2024, in Node since 16), newer than the TypeScript lib this project targets. */
const atomics = Atomics as typeof Atomics & {
  waitAsync(array: Int32Array, index: number, value: number): { async: false; value: string } | { async: true; value: Promise<string> };
};

/**
 * After every hart's words: the doorbell (bumped for each posted request or kick) and the
 * kick flag (a hart set events pending that the main thread must act on; which vCPUs is
 * in their frames, see VcpuRecord.kick).
 */
const i32Words = (harts: number): number => harts * I32_STRIDE + 2;

export const NONE = -1n;

export interface Assignment {
  readonly id: number;
  readonly recordOffset: number;
  readonly startTicks: bigint;
}

export class HartMailbox {
  private readonly i32: Int32Array;
  private readonly i64: BigInt64Array;

  private readonly doorbellAt: number;
  private readonly kicksAt: number;

  constructor(readonly buffer: SharedArrayBuffer, readonly harts: number) {
    this.i32 = new Int32Array(buffer, 0, i32Words(harts));
    this.i64 = new BigInt64Array(buffer, i32Words(harts) * 4, harts * I64_STRIDE);
    this.doorbellAt = harts * I32_STRIDE;
    this.kicksAt = this.doorbellAt + 1;
  }

  static create(harts: number): HartMailbox {
    const box = new HartMailbox(new SharedArrayBuffer(i32Words(harts) * 4 + harts * I64_STRIDE * 8), harts);
    for (let h = 0; h < harts; h++) {
      box.setTimer(h, NONE);
      box.setSliceEnd(h, NONE);
    }
    return box;
  }

  private w(hart: number, word: number): number { return hart * I32_STRIDE + word; }
  private q(hart: number, word: number): number { return hart * I64_STRIDE + word; }

  raiseSoftirq(hart: number): void { Atomics.store(this.i32, this.w(hart, SOFTIRQ), 1); }
  takeSoftirq(hart: number): boolean { return Atomics.exchange(this.i32, this.w(hart, SOFTIRQ), 0) !== 0; }
  softirqPending(hart: number): boolean { return Atomics.load(this.i32, this.w(hart, SOFTIRQ)) !== 0; }

  setTimer(hart: number, ticks: bigint): void { Atomics.store(this.i64, this.q(hart, TIMER), ticks); }
  timer(hart: number): bigint { return Atomics.load(this.i64, this.q(hart, TIMER)); }
  setSliceEnd(hart: number, ticks: bigint): void { Atomics.store(this.i64, this.q(hart, SLICE_END), ticks); }
  sliceEnd(hart: number): bigint { return Atomics.load(this.i64, this.q(hart, SLICE_END)); }

  setWaiting(hart: number, count: number): void { Atomics.store(this.i32, this.w(hart, WAITING), count); }
  waiting(hart: number): number { return Atomics.load(this.i32, this.w(hart, WAITING)); }

  // ---- request / reply ----

  /** Hart thread: posts a request other than a fault (its message is text) and rings the doorbell. */
  postRequest(request: HartRequest): void {
    const { hart } = request;
    Atomics.store(this.i32, this.w(hart, REQUEST_REASON), request.kind === 'schedule' ? SCHEDULE_REASONS.indexOf(request.reason) : 0);
    Atomics.store(this.i32, this.w(hart, REQUEST_VCPU), request.vcpu);
    Atomics.store(this.i64, this.q(hart, REQUEST_AT), BigInt(request.atTicks));
    Atomics.store(this.i64, this.q(hart, REQUEST_DEADLINE), BigInt(request.deadlineTicks));
    Atomics.store(this.i32, this.w(hart, REQUEST), 1 + REQUEST_KINDS.indexOf(request.kind as (typeof REQUEST_KINDS)[number]));
    this.ringDoorbell();
  }

  /** Main thread: the request `hart` posted, if any (taking it). */
  takeRequest(hart: number): HartRequest | undefined {
    const kind = REQUEST_KINDS[Atomics.exchange(this.i32, this.w(hart, REQUEST), 0) - 1];
    if (kind === undefined) return undefined;
    return {
      kind, reason: SCHEDULE_REASONS[Atomics.load(this.i32, this.w(hart, REQUEST_REASON))]!, message: undefined, hart,
      vcpu: Atomics.load(this.i32, this.w(hart, REQUEST_VCPU)),
      atTicks: Number(Atomics.load(this.i64, this.q(hart, REQUEST_AT))),
      deadlineTicks: Number(Atomics.load(this.i64, this.q(hart, REQUEST_DEADLINE))),
    } as HartRequest;
  }

  /** The doorbell's count: read it, take the requests, then wait for it to move on. */
  doorbell(): number { return Atomics.load(this.i32, this.doorbellAt); }

  /** Main thread: resolves once the doorbell moved on from `seen`. */
  async doorbellRung(seen: number): Promise<void> {
    const wait = atomics.waitAsync(this.i32, this.doorbellAt, seen);
    if (wait.async) await wait.value;
  }

  ringDoorbell(): void {
    Atomics.add(this.i32, this.doorbellAt, 1);
    Atomics.notify(this.i32, this.doorbellAt);
  }

  /** Hart thread: the main thread must look at the vCPU frames marked with kick(); rings the doorbell. */
  postKick(): void {
    Atomics.store(this.i32, this.kicksAt, 1);
    this.ringDoorbell();
  }

  /** Main thread: whether any kick was posted since the last call. */
  takeKicks(): boolean { return Atomics.exchange(this.i32, this.kicksAt, 0) !== 0; }

  replySeq(hart: number): number { return Atomics.load(this.i32, this.w(hart, REPLY_SEQ)); }

  /** Main thread: the answer to the hart's request; wakes the hart if it waits for it. */
  reply(hart: number, assignment: Assignment | undefined): void {
    Atomics.store(this.i32, this.w(hart, ASSIGN_ID), assignment?.id ?? 0);
    Atomics.store(this.i64, this.q(hart, ASSIGN_RECORD), BigInt(assignment?.recordOffset ?? 0));
    Atomics.store(this.i64, this.q(hart, START), assignment?.startTicks ?? 0n);
    const seq = this.w(hart, REPLY_SEQ);
    Atomics.add(this.i32, seq, 1);
    Atomics.notify(this.i32, seq);
  }

  /** Hart thread: blocks until the reply after `seen` arrives (or `stopped` says to give up). */
  awaitReply(hart: number, seen: number, stopped: () => boolean): Assignment | undefined {
    const seq = this.w(hart, REPLY_SEQ);
    while (Atomics.load(this.i32, seq) === seen) {
      if (stopped()) return undefined;
      Atomics.wait(this.i32, seq, seen, 100);
    }
    return this.assignment(hart);
  }

  assignment(hart: number): Assignment | undefined {
    const id = Atomics.load(this.i32, this.w(hart, ASSIGN_ID));
    if (id === 0) return undefined;
    return {
      id,
      recordOffset: Number(Atomics.load(this.i64, this.q(hart, ASSIGN_RECORD))),
      startTicks: Atomics.load(this.i64, this.q(hart, START)),
    };
  }

  // ---- executing / drop (a dying domain's vCPU leaves a hart before its memory goes) ----

  setExecuting(hart: number, id: number): void { Atomics.store(this.i32, this.w(hart, EXEC), id); }

  doneExecuting(hart: number): void {
    const at = this.w(hart, EXEC);
    Atomics.store(this.i32, at, 0);
    Atomics.add(this.i32, this.w(hart, QUIESCENT), 1);
    Atomics.notify(this.i32, at);
  }

  executing(hart: number): number { return Atomics.load(this.i32, this.w(hart, EXEC)); }

  requestDrop(hart: number, id: number): void { Atomics.store(this.i32, this.w(hart, DROP), id); }
  dropRequested(hart: number): number { return Atomics.load(this.i32, this.w(hart, DROP)); }
  clearDrop(hart: number): void { Atomics.store(this.i32, this.w(hart, DROP), 0); }

  /**
   * Main thread: a grace period. Returns once every hart has been outside a vCPU's
   * execution (where fast paths run) at some point after the call: whatever a fast path
   * read from the published tables before they were changed is no longer in use, so
   * frames they named may be freed. A slice at most.
   */
  awaitQuiescent(): void {
    this.awaitQuiescentWhere(() => true);
  }

  /** The grace period for the harts executing a vCPU `executing(hart, id)` selects only. */
  awaitQuiescentWhere(executing: (hart: number, id: number) => boolean): void {
    // A read-modify-write is a full barrier: what the caller wrote for the harts to see
    // (plain stores) is visible before any EXEC word is read below.
    Atomics.add(this.i32, this.w(0, QUIESCENT), 0);
    for (let hart = 0; hart < this.harts; hart++) {
      const at = this.w(hart, EXEC);
      const seen = Atomics.load(this.i32, this.w(hart, QUIESCENT));
      for (let id = Atomics.load(this.i32, at); id !== 0 && executing(hart, id); id = Atomics.load(this.i32, at)) {
        if (Atomics.load(this.i32, this.w(hart, QUIESCENT)) !== seen) break;
        Atomics.wait(this.i32, at, id, 100);
      }
    }
  }

  /** Main thread: waits until `hart` no longer executes vCPU `id` (a slice at most). */
  awaitNotExecuting(hart: number, id: number): void {
    const at = this.w(hart, EXEC);
    while (Atomics.load(this.i32, at) === id) Atomics.wait(this.i32, at, id, 100);
  }
}
