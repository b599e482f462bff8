// The generic half of scheduling for one cpupool (Xen's schedule.c): it follows the vCPU
// lifecycles, keeps what each CPU runs, parks blocked vCPUs' timers on the CPU they
// blocked on, and calls the pool's policy hooks. Harts are reached only through
// HartSignals (the data plane writes them into shared memory). Every transition is
// stamped with the virtual time of the hart it happened on.
import type { SystemClock } from '../clock.js';
import type { CpuMask, Vcpu } from '../vcpu.js';
import { allows } from './affinity.js';
import type { SchedHost, SchedPolicy, SchedUnit } from './policy.js';
import type { SchedTrace } from './sched-trace.js';

/** How the scheduler reaches the harts of its pool. */
export interface HartSignals {
  /** Ask `cpu` to reschedule at its next slice boundary. */
  softirq(cpu: number): void;
  /** `cpu` reschedules when its virtual time reaches `ns` (undefined: no limit). */
  sliceEnd(cpu: number, ns: number | undefined): void;
  /** The earliest timer parked on `cpu` (undefined: none). */
  timerDeadline(cpu: number, ns: number | undefined): void;
  /** Number of runnable vCPUs waiting for a CPU of the pool. */
  waiting(cpus: readonly number[], count: number): void;
}

/** What `cpu` runs after a reschedule, from which virtual time. */
export interface Placement {
  readonly vcpu: Vcpu | undefined;
  readonly startNs: number;
}

interface Unit extends SchedUnit {
  /** The affinity masks the policy last saw (a new mask object means a change). */
  seenAffinity: readonly [CpuMask, CpuMask];
  /** The CPU the unit runs on (or is about to), if any. */
  cpu: number | undefined;
  /** While blocked: the CPU its timer is parked on and when it fires. */
  parked: { cpu: number; deadlineNs: number } | undefined;
}

interface CpuState {
  current: Unit | undefined;
  startedNs: number;
  sliceEndNs: number | undefined;
}

export class Scheduler implements SchedHost {
  private readonly units = new Map<Vcpu, Unit>();
  private readonly cpuStates: Map<number, CpuState>;
  /** Per CPU, the earliest deadline of the timers on it (parked vCPUs' and the policy's). */
  private readonly earliestParked = new Map<number, number>();
  /** Per CPU, a reschedule the policy asked for at a virtual time (wakeAt). */
  private readonly policyTimers = new Map<number, number>();
  /** CPUs asked to reschedule that have not done so yet. */
  private readonly tickled = new Set<number>();
  /** Set while the scheduler itself moves a vCPU, so the lifecycle observer stays out. */
  private switching = false;

  constructor(
    readonly cpus: readonly number[],
    readonly policy: SchedPolicy,
    private readonly clock: SystemClock,
    private readonly signals: HartSignals,
    /** Where every decision is recorded, when tracing is on. */
    private readonly trace?: SchedTrace,
  ) {
    this.cpuStates = new Map(cpus.map((cpu) => [cpu, { current: undefined, startedNs: 0, sliceEndNs: undefined }]));
    policy.init(this);
  }

  // ---- SchedHost (what the policy calls) ----------------------------------------------

  current(cpu: number): SchedUnit | undefined {
    return this.cpu(cpu).current;
  }

  isIdle(cpu: number): boolean {
    return this.cpu(cpu).current === undefined && !this.tickled.has(cpu);
  }

  tickle(cpu: number): void {
    this.tickled.add(cpu);
    this.signals.softirq(cpu);
  }

  limitSlice(cpu: number, ns: number): void {
    const state = this.cpu(cpu);
    if (state.current === undefined) return;
    const end = state.startedNs + ns;
    if (state.sliceEndNs === undefined || end < state.sliceEndNs) {
      state.sliceEndNs = end;
      this.signals.sliceEnd(cpu, end);
    }
  }

  waitingChanged(count: number): void {
    this.signals.waiting(this.cpus, count);
  }

  now(): number {
    return this.clock.now();
  }

  wakeAt(cpu: number, ns: number): void {
    this.cpu(cpu);
    const armed = this.policyTimers.get(cpu);
    if (armed !== undefined && armed <= ns) return;
    this.policyTimers.set(cpu, ns);
    this.publishTimer(cpu);
  }

  // ---- what the data plane calls --------------------------------------------------------

  has(vcpu: Vcpu): boolean {
    return this.units.has(vcpu);
  }

  insert(vcpu: Vcpu): void {
    if (this.units.has(vcpu)) return;
    const unit: Unit = { vcpu, policyData: undefined, cpu: undefined, parked: undefined, seenAffinity: [vcpu.hardAffinity, vcpu.softAffinity] };
    this.units.set(vcpu, unit);
    this.policy.insertUnit(unit);
    this.vcpuChanged(vcpu);
  }

  /** The vCPU leaves the pool; the CPU it ran on (if any) must drop it. */
  remove(vcpu: Vcpu): number | undefined {
    const unit = this.units.get(vcpu);
    if (unit === undefined) return undefined;
    this.unpark(unit);
    this.policy.removeUnit(unit);
    this.units.delete(vcpu);
    const cpu = unit.cpu;
    if (cpu !== undefined) {
      this.setCurrent(cpu, undefined, this.clock.now());
      this.signals.softirq(cpu);
    }
    return cpu;
  }

  /** Lifecycle observer: keeps queues, CPUs and parked timers in step with the vCPU's state. */
  vcpuChanged(vcpu: Vcpu): void {
    const unit = this.units.get(vcpu);
    if (unit === undefined || this.switching) return;
    if (unit.seenAffinity[0] !== vcpu.hardAffinity || unit.seenAffinity[1] !== vcpu.softAffinity) {
      unit.seenAffinity = [vcpu.hardAffinity, vcpu.softAffinity];
      this.policy.affinityChanged(unit);
      // On a pCPU it may no longer use: that pCPU picks something else.
      if (unit.cpu !== undefined && !allows(unit, unit.cpu)) this.signals.softirq(unit.cpu);
    }
    const state = vcpu.state;
    if (state !== 'blocked') this.unpark(unit);
    if (unit.cpu !== undefined) {
      // Paused, blocked or taken down while on a CPU: that CPU picks something else.
      if (state !== 'running') {
        this.policy.sleep(unit);
        this.signals.softirq(unit.cpu);
      }
      return;
    }
    if (state === 'runnable') this.policy.wake(unit);
    else this.policy.sleep(unit);
  }

  /** A vCPU blocked on `cpu` wakes at `deadlineNs` unless something wakes it sooner. */
  park(vcpu: Vcpu, cpu: number, deadlineNs: number | undefined): void {
    const unit = this.units.get(vcpu);
    if (unit === undefined || vcpu.state !== 'blocked') return;
    this.unpark(unit);
    if (deadlineNs === undefined) return;
    unit.parked = { cpu, deadlineNs };
    this.publishTimer(cpu);
  }

  /** Wakes the vCPUs parked on `cpu` whose timers are due at `nowNs`, each at its own deadline. */
  fireTimers(cpu: number, nowNs: number): void {
    const policyTimer = this.policyTimers.get(cpu);
    if (policyTimer !== undefined && policyTimer <= nowNs) {
      // The reschedule that follows is what the policy asked for.
      this.policyTimers.delete(cpu);
      this.publishTimer(cpu);
    }
    const earliest = this.earliestParked.get(cpu);
    if (earliest === undefined || earliest > nowNs) return;
    const due = [...this.units.values()]
      .filter((unit) => unit.parked?.cpu === cpu && unit.parked.deadlineNs <= nowNs)
      .sort((a, b) => a.parked!.deadlineNs - b.parked!.deadlineNs);
    for (const unit of due) {
      const at = unit.parked!.deadlineNs;
      this.unpark(unit);
      this.clock.at(at, () => unit.vcpu.wake());
    }
  }

  /**
   * `cpu` reschedules at virtual time `atNs` (its current vCPU, if any, has stopped and is
   * saved): the policy picks the next vCPU, which starts no earlier than its own last
   * transition so its runstate times never run backwards.
   */
  reschedule(cpu: number, atNs: number, yielded = false): Placement {
    const placement = this.decide(cpu, atNs, yielded);
    const running = placement.vcpu;
    this.trace?.record(placement.startNs, cpu, running === undefined ? undefined : { domid: running.domain.domid, vcpu: running.id });
    return placement;
  }

  private decide(cpu: number, atNs: number, yielded: boolean): Placement {
    const state = this.cpu(cpu);
    this.tickled.delete(cpu);
    let prev = state.current;
    if (prev !== undefined && prev.vcpu.state === 'runnable') {
      // Paused and unpaused again before this CPU rescheduled: it queues like any waker.
      prev.cpu = undefined;
      state.current = undefined;
      this.policy.wake(prev);
      prev = undefined;
    }
    const prevRunnable = prev !== undefined && prev.vcpu.state === 'running';
    if (yielded && prev !== undefined && prevRunnable) this.policy.yield(prev);
    const decision = this.policy.doSchedule(cpu, prev, prevRunnable);
    const next = decision.next as Unit | undefined;
    if (next !== undefined && next === prev && prevRunnable) {
      state.sliceEndNs = decision.timesliceNs === undefined ? undefined : atNs + decision.timesliceNs;
      this.signals.sliceEnd(cpu, state.sliceEndNs);
      return { vcpu: next.vcpu, startNs: atNs };
    }
    this.switching = true;
    try {
      if (prev !== undefined) {
        prev.cpu = undefined;
        const leaving = prev.vcpu;
        if (prevRunnable) this.clock.at(atNs, () => leaving.preempt());
      }
      if (next === undefined) {
        this.setCurrent(cpu, undefined, atNs);
        return { vcpu: undefined, startNs: atNs };
      }
      const startNs = Math.max(atNs, next.vcpu.context.runstate.entryTime);
      this.clock.at(startNs, () => next.vcpu.schedule(cpu));
      next.cpu = cpu;
      this.setCurrent(cpu, next, startNs);
      state.sliceEndNs = decision.timesliceNs === undefined ? undefined : startNs + decision.timesliceNs;
      this.signals.sliceEnd(cpu, state.sliceEndNs);
      return { vcpu: next.vcpu, startNs };
    } finally {
      this.switching = false;
    }
  }

  private setCurrent(cpu: number, unit: Unit | undefined, atNs: number): void {
    const state = this.cpu(cpu);
    state.current = unit;
    state.startedNs = atNs;
    if (unit === undefined) {
      state.sliceEndNs = undefined;
      this.signals.sliceEnd(cpu, undefined);
    }
  }

  private unpark(unit: Unit): void {
    const parked = unit.parked;
    if (parked === undefined) return;
    unit.parked = undefined;
    this.publishTimer(parked.cpu);
  }

  private publishTimer(cpu: number): void {
    let earliest = this.policyTimers.get(cpu);
    for (const unit of this.units.values()) {
      if (unit.parked?.cpu === cpu && (earliest === undefined || unit.parked.deadlineNs < earliest)) earliest = unit.parked.deadlineNs;
    }
    if (earliest === undefined) this.earliestParked.delete(cpu);
    else this.earliestParked.set(cpu, earliest);
    this.signals.timerDeadline(cpu, earliest);
  }

  private cpu(cpu: number): CpuState {
    const state = this.cpuStates.get(cpu);
    if (state === undefined) throw new RangeError(`CPU ${cpu} is not in this pool`);
    return state;
  }
}
