// Shared scheduling state of one bare-metal run: the virtual-time quantum barrier, WFI
// sleep/wake, and the verdict. Every hart thread (or the single deterministic thread)
// uses the same object over the same SharedArrayBuffer. Transitions take a mutex; the hot
// path (one slice) only reads `stopped` and `epochEnd`.
//
// Epochs: harts run until their virtual time reaches `epochEnd`, then arrive at the
// barrier. The last hart to arrive (or to fall asleep) opens the next epoch, whose end is
// the earliest resume time of the waiting harts plus the quantum, so harts that all sit in
// WFI with timers armed jump straight to the first deadline.

import { withSharedLock } from './shared-mutex.js';

export enum HartState { Running = 0, Arrived = 1, Sleeping = 2 }

export enum StopKind { None = 0, Pass = 1, Fail = 2, FinisherFail = 3, Limit = 4, Deadlock = 5, Error = 6, Reset = 7 }

// Int32 words.
const LOCK = 0;
const STOP = 1;
const STOP_CODE = 2;
const STOP_HART = 3;
const GENERATION = 4;
const STARTED = 5; // harts reset and ready to run
const IDLE_WAITS = 6; // 1: every hart asleep is not a deadlock (a host waits for its control plane)
const HEADER_WORDS = 8; // then per hart: state, wake counter
// BigInt64 words (after the Int32 area, 8-aligned).
const EPOCH_END = 0;
const TIME_WORDS = 1; // per hart: resume time

export interface StopInfo { kind: StopKind; code: number; hart: number }

export class RunControl {
  readonly words: Int32Array;
  private readonly times: BigInt64Array;

  constructor(readonly buffer: SharedArrayBuffer, readonly harts: number, readonly quantum: bigint) {
    const intBytes = align8((HEADER_WORDS + 2 * harts) * 4);
    this.words = new Int32Array(buffer, 0, HEADER_WORDS + 2 * harts);
    this.times = new BigInt64Array(buffer, intBytes, TIME_WORDS + harts);
  }

  /**
   * `idle: 'deadlock'` (bare metal) stops the run when every hart sleeps with nothing armed;
   * `idle: 'wait'` (a hypervisor's harts) lets them sleep until another thread wakes one.
   */
  static create(harts: number, quantum: bigint, idle: 'deadlock' | 'wait' = 'deadlock'): RunControl {
    const bytes = align8((HEADER_WORDS + 2 * harts) * 4) + 8 * (TIME_WORDS + harts);
    const control = new RunControl(new SharedArrayBuffer(bytes), harts, quantum);
    control.times[EPOCH_END] = quantum;
    control.words[IDLE_WAITS] = idle === 'wait' ? 1 : 0;
    return control;
  }

  get stopped(): boolean {
    return Atomics.load(this.words, STOP) !== StopKind.None;
  }

  stopInfo(): StopInfo {
    return { kind: Atomics.load(this.words, STOP), code: Atomics.load(this.words, STOP_CODE), hart: Atomics.load(this.words, STOP_HART) };
  }

  get epochEnd(): bigint {
    return Atomics.load(this.times, EPOCH_END);
  }

  state(hart: number): HartState {
    return Atomics.load(this.words, HEADER_WORDS + 2 * hart);
  }

  /** The time a hart resumes at after a barrier or a wake-up. */
  resumeTime(hart: number): bigint {
    return Atomics.load(this.times, TIME_WORDS + hart);
  }

  private wakeWord(hart: number): number {
    return HEADER_WORDS + 2 * hart + 1;
  }

  /**
   * Hart workers call this after resetting their hart and wait here until every hart is
   * reset, so that no hart posts an interrupt into a hart block that is still to be reset.
   */
  startTogether(): void {
    if (Atomics.add(this.words, STARTED, 1) + 1 === this.harts) {
      Atomics.notify(this.words, STARTED);
      return;
    }
    // A hart that fails to start stops the run, which also ends this wait.
    for (let seen = Atomics.load(this.words, STARTED); seen < this.harts && !this.stopped; seen = Atomics.load(this.words, STARTED)) {
      Atomics.wait(this.words, STARTED, seen);
    }
  }

  /** Block the calling thread (a hart worker) until `hart` may run again or the run stops. */
  waitUntilRunnable(hart: number): void {
    for (;;) {
      if (this.stopped) return;
      const state = this.state(hart);
      if (state === HartState.Running) return;
      // Read the word first, then re-check, so a change in between is never slept through.
      const word = state === HartState.Arrived ? GENERATION : this.wakeWord(hart);
      const seen = Atomics.load(this.words, word);
      if (this.state(hart) === state && !this.stopped) Atomics.wait(this.words, word, seen);
    }
  }

  /** End the run; the first verdict wins. Wakes every waiting hart. */
  stop(kind: StopKind, code: number, hart: number): void {
    this.locked(() => {
      if (this.words[STOP] !== StopKind.None) return;
      this.words[STOP_CODE] = code;
      this.words[STOP_HART] = hart;
      Atomics.store(this.words, STOP, kind);
    });
    this.wakeAll();
  }

  /** A hart reached the epoch end; it resumes at `resumeAt` (its time, or its WFI deadline). */
  arrive(hart: number, resumeAt: bigint): void {
    this.locked(() => {
      this.setState(hart, HartState.Arrived);
      Atomics.store(this.times, TIME_WORDS + hart, resumeAt);
      this.advanceIfAllWaiting();
    });
  }

  /**
   * A hart waits in WFI with no timer armed: it sleeps until `wake`, unless `stillIdle`,
   * checked under the lock, finds an interrupt posted meanwhile. Interrupt posters set the
   * `mip` bit before calling `wake`, so no wake-up is lost. Returns whether it sleeps.
   */
  sleep(hart: number, stillIdle: () => boolean): boolean {
    return this.locked(() => {
      if (!stillIdle()) return false;
      this.setState(hart, HartState.Sleeping);
      this.advanceIfAllWaiting();
      return true;
    });
  }

  /** An interrupt was posted to `hart`: a sleeping hart runs again from the epoch start. */
  wake(hart: number): void {
    const woke = this.locked(() => {
      if (this.state(hart) !== HartState.Sleeping) return false;
      Atomics.store(this.times, TIME_WORDS + hart, this.times[EPOCH_END]! - this.quantum);
      this.setState(hart, HartState.Running);
      return true;
    });
    if (woke) {
      Atomics.add(this.words, this.wakeWord(hart), 1);
      Atomics.notify(this.words, this.wakeWord(hart));
    }
  }

  private advanceIfAllWaiting(): void {
    let earliest: bigint | undefined;
    for (let h = 0; h < this.harts; h++) {
      const state = this.state(h);
      if (state === HartState.Running) return;
      if (state === HartState.Arrived) {
        const at = this.times[TIME_WORDS + h]!;
        if (earliest === undefined || at < earliest) earliest = at;
      }
    }
    if (earliest === undefined) {
      // Every hart sleeps: the next wake() lets them run again from this epoch.
      if (this.words[IDLE_WAITS] === 1) return;
      // Every hart sleeps with nothing armed: nothing can ever wake them.
      if (this.words[STOP] === StopKind.None) {
        this.words[STOP_CODE] = 0;
        Atomics.store(this.words, STOP, StopKind.Deadlock);
      }
      this.wakeAll();
      return;
    }
    const current = this.times[EPOCH_END]!;
    Atomics.store(this.times, EPOCH_END, (earliest > current ? earliest : current) + this.quantum);
    for (let h = 0; h < this.harts; h++) {
      if (this.state(h) === HartState.Arrived) this.setState(h, HartState.Running);
    }
    Atomics.add(this.words, GENERATION, 1);
    Atomics.notify(this.words, GENERATION);
  }

  private wakeAll(): void {
    Atomics.notify(this.words, STARTED);
    Atomics.add(this.words, GENERATION, 1);
    Atomics.notify(this.words, GENERATION);
    for (let h = 0; h < this.harts; h++) {
      Atomics.add(this.words, this.wakeWord(h), 1);
      Atomics.notify(this.words, this.wakeWord(h));
    }
  }

  private setState(hart: number, state: HartState): void {
    Atomics.store(this.words, HEADER_WORDS + 2 * hart, state);
  }

  private locked<T>(body: () => T): T {
    return withSharedLock(this.words, LOCK, body);
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
