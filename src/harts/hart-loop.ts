// One hart's execution loop for bare-metal runs: runs slices bounded by the epoch end and
// its instruction limit (the core itself stops at timer deadlines), and handles every exit
// (MMIO to the platform devices, HTIF tohost, WFI). The same code drives a hart in its own worker
// (parallel mode) and all harts in turn on one thread (deterministic mode).
import type { AccessSize } from '../devices/device.js';
import type { Htif } from '../devices/htif.js';
import type { VirtPlatform } from '../devices/virt-platform.js';
import type { FinisherEvent } from '../devices/test-finisher.js';
import { ExitReason, type Hart } from './hart.js';
import { hartStats, type HartRunStats } from './hart-stats.js';
import { HartState, StopKind, type RunControl } from './run-control.js';

const CSR_MIE = 0x304;
const CSR_MIP = 0x344;
const TIMER_INTERRUPTS = (1n << 7n) | (1n << 5n) | (1n << 6n); // MTIE, STIE, VSTIE (vstimecmp)

/** What the caller does after a step: run again, wait (barrier or sleep), or finish. */
export enum Step { Ran, Blocked, Stopped }

export interface HartLoopOptions {
  readonly instructionsPerTick: number;
  /** Instructions per run() call at most. */
  readonly sliceInstructions: number;
  /** Stop the run when this hart has retired this many instructions. */
  readonly maxInstructions?: bigint;
}

export class HartLoop {
  /** Set when the run stopped on this hart because of an error. */
  errorMessage: string | undefined;
  private inWfi = false;
  private slept = false;

  constructor(
    readonly hart: Hart,
    readonly hartId: number,
    private readonly control: RunControl,
    private readonly platform: VirtPlatform,
    private readonly htif: Htif | undefined,
    private readonly options: HartLoopOptions,
  ) {}

  /** Route a finisher write (from any hart's platform) to the run's verdict. */
  static finish(control: RunControl, hartId: number, event: FinisherEvent): void {
    if (event.kind === 'pass') control.stop(StopKind.Pass, 0, hartId);
    else if (event.kind === 'fail') control.stop(StopKind.FinisherFail, event.code, hartId);
    else control.stop(StopKind.Reset, 0, hartId);
  }

  get stopped(): boolean {
    return this.control.stopped;
  }

  get runnable(): boolean {
    return this.control.state(this.hartId) === HartState.Running;
  }

  stats(wallMs: number): HartRunStats {
    return hartStats(this.hartId, this.hart.instret, wallMs);
  }

  /** Wait until every hart of the machine is reset (parallel mode only). */
  startTogether(): void {
    this.control.startTogether();
  }

  /** Block this thread until the hart may run again (parallel mode only). */
  waitUntilRunnable(): void {
    this.control.waitUntilRunnable(this.hartId);
  }

  step(): Step {
    const control = this.control;
    if (control.stopped) return Step.Stopped;
    if (control.state(this.hartId) !== HartState.Running) return Step.Blocked;
    const hart = this.hart;
    if (this.slept) {
      // Woken from WFI: rejoin at the current epoch's start.
      this.slept = false;
      const resume = control.resumeTime(this.hartId);
      if (resume > hart.time) hart.advanceTimeTo(resume);
    }
    const end = control.epochEnd;
    if (this.inWfi) {
      const waiting = this.waitForInterrupt(end);
      if (waiting !== undefined) return waiting;
      this.inWfi = false;
    }
    const time = hart.time;
    if (time >= end) {
      control.arrive(this.hartId, time);
      return Step.Blocked;
    }
    const budget = this.budget(time, end);
    if (budget <= 0) {
      control.stop(StopKind.Limit, 0, this.hartId);
      return Step.Stopped;
    }
    this.handleExit(hart.run(budget));
    return control.stopped ? Step.Stopped : Step.Ran;
  }

  /**
   * In WFI with nothing pending: sleep until woken when no timer is armed, else jump virtual
   * time to the deadline (not past the epoch end). Undefined when the hart runs on now.
   */
  private waitForInterrupt(end: bigint): Step | undefined {
    const deadline = this.timerDeadline();
    if (this.interruptPending(deadline)) return undefined;
    if (deadline === undefined) {
      if (!this.control.sleep(this.hartId, () => this.idleWithoutTimer())) return Step.Ran; // woken meanwhile: look again
      this.slept = true;
      return Step.Blocked;
    }
    const target = deadline < end ? deadline : end;
    if (target > this.hart.time) this.hart.advanceTimeTo(target);
    if (this.hart.time >= deadline) return undefined;
    this.control.arrive(this.hartId, deadline);
    return Step.Blocked;
  }

  /** Instructions to run: up to the epoch end, the slice size and the instruction limit. */
  private budget(time: bigint, end: bigint): number {
    let limit = (end - time) * BigInt(this.options.instructionsPerTick);
    if (this.options.maxInstructions !== undefined) {
      const left = this.options.maxInstructions - this.hart.instret;
      if (left < limit) limit = left;
    }
    const slice = BigInt(this.options.sliceInstructions);
    return Number(limit < slice ? limit : slice);
  }

  private handleExit(reason: ExitReason): void {
    switch (reason) {
      case ExitReason.BudgetDone:
        return;
      case ExitReason.Mmio:
        this.mmio();
        return;
      case ExitReason.Wfi:
        this.inWfi = true;
        return;
      case ExitReason.Htif: {
        const outcome = this.htif?.onToHost();
        if (outcome) this.control.stop(outcome.exitCode === 0 ? StopKind.Pass : StopKind.Fail, outcome.exitCode, this.hartId);
        return;
      }
      default:
        this.fail(`hart ${this.hartId}: unexpected exit ${ExitReason[reason]} at pc 0x${this.hart.exit.pc.toString(16)}`);
    }
  }

  private mmio(): void {
    const access = this.hart.exit.access;
    if (!access) {
      this.fail(`hart ${this.hartId}: MMIO exit without a decoded access at pc 0x${this.hart.exit.pc.toString(16)}`);
      return;
    }
    const by = { hartId: this.hartId, time: this.hart.time };
    const size = access.size as AccessSize;
    // An address no device answers is a bus error: the hart takes an access fault.
    if (access.store) {
      if (this.platform.bus.write(access.paddr, size, access.value, by)) this.hart.completeMmio();
      else this.hart.failMmio();
    } else {
      const value = this.platform.bus.read(access.paddr, size, by);
      if (value !== undefined) this.hart.completeMmio(value);
      else this.hart.failMmio();
    }
  }

  private fail(message: string): void {
    this.errorMessage = message;
    this.control.stop(StopKind.Error, 0, this.hartId);
  }

  /** The next timer deadline (mtimecmp, or stimecmp with Sstc) when it can wake WFI. */
  private timerDeadline(): bigint | undefined {
    if ((this.hart.readCsr(CSR_MIE) & TIMER_INTERRUPTS) === 0n) return undefined;
    return this.hart.nextTimerDeadline();
  }

  /** Nothing pending and no timer armed: only another hart or a device can wake this one. */
  private idleWithoutTimer(): boolean {
    const deadline = this.timerDeadline();
    return deadline === undefined && !this.interruptPending(undefined);
  }

  /** An interrupt enabled in mie is pending (what ends WFI), counting a due timer. */
  private interruptPending(deadline: bigint | undefined): boolean {
    if ((this.hart.readCsr(CSR_MIP) & this.hart.readCsr(CSR_MIE)) !== 0n) return true;
    return deadline !== undefined && this.hart.time >= deadline;
  }
}
