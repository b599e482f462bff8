// Per-hart words shared by the main thread's data plane and the hart threads: what the
// scheduler asks of a hart (reschedule, drop a dying vCPU, where its timers and timeslice
// end) and the reply to a hart's request (which vCPU to run, from which virtual time).
// Times are in timebase ticks; NONE means unset.

const I32_STRIDE = 8;
const SOFTIRQ = 0; // 1: reschedule at the next slice boundary
const REPLY_SEQ = 1; // bumped when a reply is ready
const EXEC = 2; // id of the vCPU whose instructions or exits the hart is executing (0: none)
const DROP = 3; // id of a vCPU the hart must forget without saving (its domain is dying)
const WAITING = 4; // runnable vCPUs waiting for a CPU of this hart's pool
const ASSIGN_ID = 5; // reply: vCPU to run (0: idle)

const I64_STRIDE = 4;
const ASSIGN_RECORD = 0; // reply: byte offset of the vCPU's frame
const START = 1; // reply: virtual time the vCPU starts at
const TIMER = 2; // earliest timer parked on this hart
const SLICE_END = 3; // the running vCPU's timeslice ends here

export const NONE = -1n;

export interface Assignment {
  readonly id: number;
  readonly recordOffset: number;
  readonly startTicks: bigint;
}

export class HartMailbox {
  private readonly i32: Int32Array;
  private readonly i64: BigInt64Array;

  constructor(readonly buffer: SharedArrayBuffer, readonly harts: number) {
    this.i32 = new Int32Array(buffer, 0, harts * I32_STRIDE);
    this.i64 = new BigInt64Array(buffer, harts * I32_STRIDE * 4, harts * I64_STRIDE);
  }

  static create(harts: number): HartMailbox {
    const box = new HartMailbox(new SharedArrayBuffer(harts * (I32_STRIDE * 4 + I64_STRIDE * 8)), harts);
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
    Atomics.notify(this.i32, at);
  }

  executing(hart: number): number { return Atomics.load(this.i32, this.w(hart, EXEC)); }

  requestDrop(hart: number, id: number): void { Atomics.store(this.i32, this.w(hart, DROP), id); }
  dropRequested(hart: number): number { return Atomics.load(this.i32, this.w(hart, DROP)); }
  clearDrop(hart: number): void { Atomics.store(this.i32, this.w(hart, DROP), 0); }

  /** Main thread: waits until `hart` no longer executes vCPU `id` (a slice at most). */
  awaitNotExecuting(hart: number, id: number): void {
    const at = this.w(hart, EXEC);
    while (Atomics.load(this.i32, at) === id) Atomics.wait(this.i32, at, id, 100);
  }
}
