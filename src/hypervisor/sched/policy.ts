// The interface a scheduling policy implements (Xen's struct scheduler, reduced to the
// hooks the data plane calls). One instance per cpupool, on the main thread. The generic
// part (sched/scheduler.ts) owns the vCPU lifecycles, the per-CPU current unit and the
// harts; a policy only keeps its queues and decides who runs where.
import type { Vcpu } from '../vcpu.js';

/** What a policy schedules: one vCPU (Xen's sched_unit with granularity 1). */
export interface SchedUnit {
  readonly vcpu: Vcpu;
  /** Per-policy data, owned by the policy that inserted the unit. */
  policyData: unknown;
}

/** The result of do_schedule: who runs next on the CPU and for how long. */
export interface ScheduleDecision {
  /** undefined: the CPU goes idle. */
  readonly next: SchedUnit | undefined;
  /** Virtual ns `next` may run before the CPU reschedules; undefined: until it stops by itself. */
  readonly timesliceNs: number | undefined;
}

/** What a policy may ask of the generic scheduler. */
export interface SchedHost {
  /** CPUs of the policy's pool, ascending. */
  readonly cpus: readonly number[];
  /** The unit running (or about to run) on `cpu`, if any. */
  current(cpu: number): SchedUnit | undefined;
  /** `cpu` runs nothing and nobody has tickled it yet: a waking unit may claim it. */
  isIdle(cpu: number): boolean;
  /** Asks `cpu` to run do_schedule soon (Xen's SCHEDULE_SOFTIRQ). */
  tickle(cpu: number): void;
  /** `cpu` reschedules once its current unit has run `ns` since it was scheduled (if not sooner). */
  limitSlice(cpu: number, ns: number): void;
  /** The runnable-and-waiting count changed (published to the harts for sched_op yield). */
  waitingChanged(count: number): void;
  /** Virtual ns now (the time of the event being served). */
  now(): number;
  /** `cpu` reschedules at virtual time `ns` even when idle (a policy timer, e.g. a budget refill). */
  wakeAt(cpu: number, ns: number): void;
}

export interface SchedPolicy {
  /** The xl name of the policy (`xl sched-*`, `xl info`'s xen_scheduler when it is a real one). */
  readonly name: string;
  init(host: SchedHost): void;
  /** The unit joins the pool (its vCPU may not be runnable yet). */
  insertUnit(unit: SchedUnit): void;
  /** The unit leaves the pool; it is neither queued nor running afterwards. */
  removeUnit(unit: SchedUnit): void;
  /** The unit became runnable and is not on a CPU: queue it and tickle a CPU. */
  wake(unit: SchedUnit): void;
  /** The unit stopped being runnable (blocked, paused, down) while queued or running. */
  sleep(unit: SchedUnit): void;
  /** The unit's hard or soft affinity changed: move it if it may no longer stay where it is. */
  affinityChanged(unit: SchedUnit): void;
  /** The running unit asked to give up its CPU (sched_op yield). */
  yield(unit: SchedUnit): void;
  /**
   * Chooses what `cpu` runs next. `prev` is the unit that ran there (undefined when idle)
   * and `prevRunnable` says whether it may continue.
   */
  doSchedule(cpu: number, prev: SchedUnit | undefined, prevRunnable: boolean): ScheduleDecision;
  /** The CPU a waking unit should run on. */
  pickResource(unit: SchedUnit): number;
}
