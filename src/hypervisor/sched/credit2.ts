// Xen's credit2 scheduler. Credits are ns; a running unit burns them at max_weight/weight
// of its runqueue, and each pCPU runs the highest-credit runnable unit of its runqueue.
// When the best candidate has no credit left, the epoch ends: every unit of the runqueue
// is topped up and the runqueues are load-balanced. Caps (credit2-budget.ts), runqueue
// layout (credit2-runqueue.ts) and load balancing (credit2-balance.ts) live beside this.
import { type PoolSchedParams, defaultPoolSchedParams } from '../cpupool.js';
import { allows, balancedPick, prefers } from './affinity.js';
import { balanceLoad } from './credit2-balance.js';
import { CapBudgets } from './credit2-budget.js';
import { EwmaLoad } from './credit2-load.js';
import { type Credit2Unit, MAX_CPUS_RUNQUEUE, Runqueue, runqueueLayout, weightOf } from './credit2-runqueue.js';
import type { SchedHost, SchedPolicy, SchedUnit, ScheduleDecision } from './policy.js';

/** credit2.c's fixed constants, in ns. */
export const CREDIT2 = {
  CREDIT_INIT: 10_000_000,
  CREDIT_MIN: -10_000_000,
  /** An epoch ends when the picked unit's credit is at or below this. */
  CREDIT_RESET: 0,
  CARRYOVER_MAX: 500_000,
  MIN_TIMER: 500_000,
  MAX_TIMER: 10_000_000,
  MIGRATE_RESIST: 500_000,
} as const;

export interface Credit2Options {
  /** The pool's parameters (ratelimit), read live so sysctl scheduler_op takes effect at once. */
  params?: PoolSchedParams;
  maxCpusRunqueue?: number;
}

export class Credit2Policy implements SchedPolicy {
  readonly name = 'credit2';
  private readonly params: PoolSchedParams;
  private readonly maxCpusRunqueue: number;
  private host: SchedHost | undefined;
  private runqueues: Runqueue[] = [];
  private readonly runqueueOf = new Map<number, Runqueue>();
  private readonly units = new Map<SchedUnit, Credit2Unit>();
  private readonly budgets = new CapBudgets(() => this.pool().now());
  /** pCPUs this policy tickled that have not rescheduled yet. */
  private readonly tickled = new Set<number>();

  constructor(options: Credit2Options = {}) {
    this.params = options.params ?? defaultPoolSchedParams();
    this.maxCpusRunqueue = options.maxCpusRunqueue ?? MAX_CPUS_RUNQUEUE;
  }

  init(host: SchedHost): void {
    this.host = host;
    this.runqueues = runqueueLayout(host.cpus, this.maxCpusRunqueue).map((cpus, id) => new Runqueue(id, cpus, host.now()));
    for (const runqueue of this.runqueues) for (const cpu of runqueue.cpus) this.runqueueOf.set(cpu, runqueue);
  }

  /** The pCPUs of each runqueue. */
  layout(): number[][] {
    return this.runqueues.map((runqueue) => [...runqueue.cpus]);
  }

  /** A unit's credit in ns (as of its last accounting). */
  credit(unit: SchedUnit): number {
    return this.data(unit).credit;
  }

  /** The runqueue a unit belongs to. */
  runqueueIdOf(unit: SchedUnit): number {
    return this.data(unit).runqueue.id;
  }

  insertUnit(unit: SchedUnit): void {
    const now = this.pool().now();
    const processor = unit.vcpu.processor;
    const runqueue = (allows(unit, processor) ? this.runqueueOf.get(processor) : undefined)
      ?? this.runqueues.find((rq) => rq.cpus.some((cpu) => allows(unit, cpu))) ?? this.runqueues[0]!;
    const data: Credit2Unit = {
      unit, credit: CREDIT2.CREDIT_INIT, runqueue, chargedUntilNs: now, budget: 0, parked: false, yielding: false,
      tickled: undefined, load: new EwmaLoad(now),
    };
    runqueue.members.add(data);
    this.units.set(unit, data);
  }

  removeUnit(unit: SchedUnit): void {
    const data = this.units.get(unit);
    if (data === undefined) return;
    this.deactivate(data);
    this.budgets.release(data);
    data.runqueue.members.delete(data);
    this.units.delete(unit);
    this.publishWaiting();
  }

  wake(unit: SchedUnit): void {
    const data = this.data(unit);
    const now = this.pool().now();
    this.refillBudgets(now);
    if (data.parked || data.runqueue.isQueued(data)) return;
    const runqueue = this.pickRunqueue(data);
    if (runqueue !== data.runqueue) this.moveTo(data, runqueue, now);
    this.activate(data, now);
    data.chargedUntilNs = now;
    data.runqueue.enqueue(data);
    this.publishWaiting();
    this.tickleFor(data, now);
  }

  sleep(unit: SchedUnit): void {
    const data = this.data(unit);
    // Paused or blocked while on a pCPU: charge the run up to now, not up to the reschedule.
    if (this.pool().current(unit.vcpu.processor) === unit) this.charge(data, this.pool().now());
    this.deactivate(data);
    this.publishWaiting();
  }

  /** Migrate: a unit whose runqueue has no pCPU left in its affinity moves to one that has. */
  affinityChanged(unit: SchedUnit): void {
    const data = this.data(unit);
    if (data.runqueue.cpus.some((cpu) => allows(unit, cpu))) return;
    const target = this.pickRunqueue(data);
    if (target === data.runqueue) return;
    const now = this.pool().now();
    const queued = data.runqueue.dequeue(data);
    this.moveTo(data, target, now);
    if (!queued) return;
    target.enqueue(data);
    this.tickleFor(data, now);
  }

  yield(unit: SchedUnit): void {
    this.data(unit).yielding = true;
  }

  doSchedule(cpu: number, prev: SchedUnit | undefined, prevRunnable: boolean): ScheduleDecision {
    const now = this.pool().now();
    const runqueue = this.runqueueOfCpu(cpu);
    this.tickled.delete(cpu);
    this.refillBudgets(now);
    const previous = prev === undefined ? undefined : this.data(prev);
    if (previous !== undefined) this.charge(previous, now);
    let current = prevRunnable ? previous : undefined;
    if (previous !== undefined && current === undefined) this.budgets.release(previous);
    if (current !== undefined && !this.hasBudget(current)) {
      this.park(current, cpu);
      current = undefined;
    }
    const yielding = current?.yielding ?? false;
    if (current !== undefined) current.yielding = false;
    const next = this.candidate(runqueue, cpu, current, yielding, now);
    if (current !== undefined && next !== current) {
      this.budgets.release(current);
      current.runqueue.enqueue(current);
      // No longer allowed here (its affinity changed): another pCPU must take it.
      if (!allows(current.unit, cpu)) this.tickleFor(current, now);
    }
    let timesliceNs: number | undefined;
    if (next !== undefined) {
      if (next !== current) {
        next.runqueue.dequeue(next);
        next.chargedUntilNs = now;
      }
      next.tickled = undefined;
      if (next.credit <= CREDIT2.CREDIT_RESET) this.endEpoch(runqueue, next, now);
      timesliceNs = this.runtime(cpu, next, now);
    }
    this.publishWaiting();
    return { next: next?.unit, timesliceNs };
  }

  pickResource(unit: SchedUnit): number {
    const data = this.data(unit);
    return this.idleCpuFor(data) ?? balancedPick(unit, data.runqueue.cpus, () => true) ?? data.runqueue.cpus[0]!;
  }

  // ---- picking ---------------------------------------------------------------------------

  /** runq_candidate: who runs next on `cpu` (undefined: idle). */
  private candidate(runqueue: Runqueue, cpu: number, current: Credit2Unit | undefined, yielding: boolean, now: number): Credit2Unit | undefined {
    const mayKeep = current !== undefined && allows(current.unit, cpu);
    if (mayKeep && !yielding && this.ranFor(current, now) < this.ratelimitNs) return current;
    const best = mayKeep ? current : undefined;
    for (const waiter of [...runqueue.waiting()]) {
      if (!allows(waiter.unit, cpu)) continue;
      // Tickled for another pCPU that has not rescheduled yet: leave it to that one.
      if (waiter.tickled !== undefined && waiter.tickled !== cpu && this.tickled.has(waiter.tickled)) continue;
      if (this.betterElsewhere(waiter, cpu, runqueue)) continue;
      if (best !== undefined && !yielding && waiter.unit.vcpu.processor !== cpu && waiter.credit <= best.credit + CREDIT2.MIGRATE_RESIST) continue;
      if (best !== undefined && !yielding && waiter.credit <= best.credit) break;
      if (!this.hasBudget(waiter)) {
        this.park(waiter, cpu);
        continue;
      }
      return waiter;
    }
    return best;
  }

  /** Outside its soft affinity here, while an idle pCPU of the runqueue is inside it. */
  private betterElsewhere(unit: Credit2Unit, cpu: number, runqueue: Runqueue): boolean {
    if (prefers(unit.unit, cpu)) return false;
    const host = this.pool();
    return runqueue.cpus.some((other) => other !== cpu && prefers(unit.unit, other) && host.isIdle(other));
  }

  /** csched2_runtime: run until our credit falls to the next waiter's (or 0), within the timer bounds. */
  private runtime(cpu: number, unit: Credit2Unit, now: number): number {
    const ranNs = unit.unit.vcpu.isRunning ? this.ranFor(unit, now) : 0;
    const minNs = Math.max(CREDIT2.MIN_TIMER, this.ratelimitNs - ranNs);
    const head = unit.runqueue.waiting().find((waiter) => allows(waiter.unit, cpu));
    const credit = unit.credit - (head !== undefined && head.credit > 0 ? head.credit : 0);
    const timeNs = credit > 0 ? (credit * weightOf(unit)) / unit.runqueue.maxWeight() : 0;
    let sliceNs = Math.min(CREDIT2.MAX_TIMER, Math.max(minNs, timeNs));
    if (this.budgets.of(unit) !== undefined) sliceNs = Math.min(sliceNs, unit.budget);
    return Math.max(1, Math.ceil(sliceNs));
  }

  /** runq_tickle: an idle pCPU if there is one, else the busy pCPU where preempting gains most. */
  private tickleFor(unit: Credit2Unit, now: number): void {
    const host = this.pool();
    const cpus = unit.runqueue.cpus.filter((cpu) => allows(unit.unit, cpu));
    const processor = unit.unit.vcpu.processor;
    let target = this.idleCpuFor(unit);
    if (target === undefined) {
      let bestScore = 0;
      for (const cpu of cpus) {
        const running = host.current(cpu);
        if (running === undefined || this.tickled.has(cpu)) continue;
        const current = this.data(running);
        this.charge(current, now);
        let score = unit.credit - current.credit - (cpu === processor ? 0 : CREDIT2.MIGRATE_RESIST);
        if (this.hasSoftAffinity(unit.unit) && prefers(unit.unit, cpu)) score += CREDIT2.CREDIT_INIT;
        if (this.hasSoftAffinity(running) && !prefers(running, cpu)) score += CREDIT2.CREDIT_INIT;
        if (score > bestScore) {
          bestScore = score;
          target = cpu;
        }
      }
    }
    if (target === undefined) return;
    unit.tickled = target;
    this.tickled.add(target);
    host.tickle(target);
  }

  /** An idle pCPU of the unit's runqueue: soft affinity first, then hard; its last pCPU first in each. */
  private idleCpuFor(unit: Credit2Unit): number | undefined {
    const host = this.pool();
    const processor = unit.unit.vcpu.processor;
    const cpus = unit.runqueue.cpus.includes(processor) ? [processor, ...unit.runqueue.cpus.filter((cpu) => cpu !== processor)] : unit.runqueue.cpus;
    return balancedPick(unit.unit, cpus, (cpu) => host.isIdle(cpu));
  }

  private hasSoftAffinity(unit: SchedUnit): boolean {
    return this.pool().cpus.some((cpu) => allows(unit, cpu) && !prefers(unit, cpu));
  }

  // ---- credit ----------------------------------------------------------------------------

  /** burn_credits: charges a running unit for the time since it was last charged. */
  private charge(unit: Credit2Unit, now: number): void {
    const ranNs = now - unit.chargedUntilNs;
    if (ranNs <= 0) return;
    unit.chargedUntilNs = now;
    unit.credit = Math.max(CREDIT2.CREDIT_MIN, unit.credit - (ranNs * unit.runqueue.maxWeight()) / weightOf(unit));
    if (this.budgets.of(unit) !== undefined) unit.budget -= ranNs;
  }

  /** reset_credit, then balance_load: a new epoch for the runqueue. */
  private endEpoch(runqueue: Runqueue, picked: Credit2Unit, now: number): void {
    const host = this.pool();
    for (const cpu of runqueue.cpus) {
      const running = host.current(cpu);
      if (running !== undefined) this.charge(this.data(running), now);
    }
    const topUp = (picked.credit <= CREDIT2.CREDIT_MIN ? 2 : 1) * CREDIT2.CREDIT_INIT;
    for (const member of runqueue.members) {
      member.credit = Math.min(member.credit + topUp, CREDIT2.CREDIT_INIT + CREDIT2.CARRYOVER_MAX);
    }
    runqueue.resort();
    const move = balanceLoad(runqueue, this.runqueues, now, (unit, to) => to.cpus.some((cpu) => allows(unit.unit, cpu)));
    if (move === undefined) return;
    move.unit.runqueue.dequeue(move.unit);
    this.moveTo(move.unit, move.to, now);
    move.to.enqueue(move.unit);
    this.tickleFor(move.unit, now);
  }

  private get ratelimitNs(): number {
    return this.params.ratelimitUs * 1000;
  }

  /** How long a running unit has been on its pCPU. */
  private ranFor(unit: Credit2Unit, now: number): number {
    return now - unit.unit.vcpu.context.runstate.entryTime;
  }

  // ---- runqueues and load ----------------------------------------------------------------

  /** The runqueue a waking unit joins: the least loaded one it may run in (soft affinity first). */
  private pickRunqueue(unit: Credit2Unit): Runqueue {
    const fits = (runqueue: Runqueue, test: (u: SchedUnit, cpu: number) => boolean): boolean => runqueue.cpus.some((cpu) => test(unit.unit, cpu));
    let eligible = this.runqueues.filter((rq) => fits(rq, prefers));
    if (eligible.length === 0) eligible = this.runqueues.filter((rq) => fits(rq, allows));
    if (eligible.length === 0) return unit.runqueue;
    const loadOf = (rq: Runqueue): number => rq.load.average - (rq === unit.runqueue ? unit.load.average : 0);
    return eligible.reduce((best, rq) => (loadOf(rq) < loadOf(best) || (loadOf(rq) === loadOf(best) && rq === unit.runqueue) ? rq : best));
  }

  private moveTo(unit: Credit2Unit, to: Runqueue, now: number): void {
    const from = unit.runqueue;
    from.members.delete(unit);
    to.members.add(unit);
    unit.runqueue = to;
    if (unit.load.instant > 0) {
      from.load.update(now, -1);
      to.load.update(now, 1);
    }
  }

  /** The unit counts as runnable in its runqueue's load. */
  private activate(unit: Credit2Unit, now: number): void {
    if (unit.load.instant > 0) return;
    unit.load.update(now, 1);
    unit.runqueue.load.update(now, 1);
  }

  /** The unit is neither queued nor counted (it blocked, left or was parked). */
  private deactivate(unit: Credit2Unit): void {
    const now = this.pool().now();
    unit.runqueue.dequeue(unit);
    if (unit.load.instant === 0) return;
    unit.load.update(now, -1);
    unit.runqueue.load.update(now, -1);
  }

  private publishWaiting(): void {
    this.pool().waitingChanged(this.runqueues.reduce((sum, rq) => sum + rq.waiting().length, 0));
  }

  // ---- caps ------------------------------------------------------------------------------

  private hasBudget(unit: Credit2Unit): boolean {
    const domain = unit.unit.vcpu.domain;
    const siblings = [...this.units.values()].filter((other) => other.unit.vcpu.domain === domain).length;
    return this.budgets.hold(unit, siblings);
  }

  /** Out of budget: off the runqueue until the domain's pool refills. */
  private park(unit: Credit2Unit, cpu: number): void {
    this.deactivate(unit);
    unit.parked = true;
    const budget = this.budgets.of(unit);
    if (budget !== undefined) this.pool().wakeAt(cpu, budget.nextRefillNs);
  }

  private refillBudgets(now: number): void {
    for (const unit of this.budgets.refill(now, this.units.values())) {
      unit.parked = false;
      if (unit.unit.vcpu.state === 'runnable') this.wake(unit.unit);
    }
    // Units still parked (their domain overran): look again at the next refill.
    for (const unit of this.units.values()) {
      const budget = unit.parked ? this.budgets.of(unit) : undefined;
      if (budget !== undefined) this.pool().wakeAt(unit.runqueue.cpus[0]!, budget.nextRefillNs);
    }
  }

  // ---- plumbing --------------------------------------------------------------------------

  private data(unit: SchedUnit): Credit2Unit {
    const data = this.units.get(unit);
    if (data === undefined) throw new Error(`credit2: d${unit.vcpu.domain.domid}v${unit.vcpu.id} is not in this pool`);
    return data;
  }

  private runqueueOfCpu(cpu: number): Runqueue {
    const runqueue = this.runqueueOf.get(cpu);
    if (runqueue === undefined) throw new RangeError(`credit2: CPU ${cpu} is not in this pool`);
    return runqueue;
  }

  private pool(): SchedHost {
    if (this.host === undefined) throw new Error('credit2 policy used before init()');
    return this.host;
  }
}
