// Xen's null scheduler: a static 1:1 mapping of units to pCPUs. A unit is assigned when it
// joins the pool online (its current pCPU if free and allowed, else the first free pCPU in
// soft, then hard, affinity); a unit that finds none waits in a FIFO waitqueue and runs only
// once a pCPU frees up. An offline unit (never brought up, or taken down) holds no pCPU
// and no place in the waitqueue: going down frees its pCPU for the oldest waiter, coming
// up takes its old pCPU if free, else it waits. No timeslices, no credits, no parameters.
import { allows, balancedPick, prefers } from './affinity.js';
import type { SchedHost, SchedPolicy, SchedUnit, ScheduleDecision } from './policy.js';

export class NullPolicy implements SchedPolicy {
  readonly name = 'null';
  private host: SchedHost | undefined;
  /** pCPU -> the unit assigned to it. */
  private readonly assigned = new Map<number, SchedUnit>();
  private readonly cpuOf = new Map<SchedUnit, number>();
  private readonly waitqueue: SchedUnit[] = [];

  init(host: SchedHost): void {
    this.host = host;
  }

  /** Units waiting for a pCPU, oldest first. */
  waiting(): readonly SchedUnit[] {
    return this.waitqueue;
  }

  insertUnit(unit: SchedUnit): void {
    if (!unit.vcpu.isUp) return;
    const host = this.pool();
    const free = (cpu: number): boolean => !this.assigned.has(cpu);
    const current = unit.vcpu.processor;
    const cpu = host.cpus.includes(current) && allows(unit, current) && free(current) ? current : balancedPick(unit, host.cpus, free);
    if (cpu === undefined) this.waitqueue.push(unit);
    else this.assign(unit, cpu);
  }

  removeUnit(unit: SchedUnit): void {
    const cpu = this.cpuOf.get(unit);
    if (cpu !== undefined) this.release(unit, cpu);
    else this.leaveWaitqueue(unit);
  }

  /** Migrate: a unit outside its new affinity gives up its pCPU and is assigned afresh. */
  affinityChanged(unit: SchedUnit): void {
    const cpu = this.cpuOf.get(unit);
    if (cpu !== undefined && allows(unit, cpu)) return;
    if (cpu !== undefined) this.release(unit, cpu);
    else this.leaveWaitqueue(unit);
    this.insertUnit(unit);
    const assigned = this.cpuOf.get(unit);
    if (assigned !== undefined && unit.vcpu.state === 'runnable') this.pool().tickle(assigned);
  }

  wake(unit: SchedUnit): void {
    const host = this.pool();
    const cpu = this.cpuOf.get(unit);
    if (cpu !== undefined) {
      if (host.current(cpu) !== unit) host.tickle(cpu);
      return;
    }
    if (this.waitqueue.includes(unit)) return;
    // Coming up: its last pCPU if that is free and in its affinity, else the waitqueue and
    // a tickle of every free pCPU it may use (the first to schedule takes it).
    const last = unit.vcpu.processor;
    const softOk = !hasSoftAffinity(unit, host.cpus) || prefers(unit, last);
    if (host.cpus.includes(last) && !this.assigned.has(last) && allows(unit, last) && softOk) {
      this.assign(unit, last);
      host.tickle(last);
      return;
    }
    this.waitqueue.push(unit);
    for (const free of host.cpus) if (!this.assigned.has(free) && allows(unit, free)) host.tickle(free);
  }

  sleep(unit: SchedUnit): void {
    // Blocked or paused, the unit keeps its pCPU, which idles until it wakes. Going down,
    // it gives the pCPU (or its place in the waitqueue) up.
    if (unit.vcpu.isUp) return;
    const cpu = this.cpuOf.get(unit);
    if (cpu !== undefined) this.release(unit, cpu);
    else this.leaveWaitqueue(unit);
  }

  yield(): void {
    // Nobody else may use the pCPU: the yielding unit runs on.
  }

  doSchedule(cpu: number, prev: SchedUnit | undefined, prevRunnable: boolean): ScheduleDecision {
    // A free pCPU takes a waiter (one that came up while its own pCPU was taken).
    if (!this.assigned.has(cpu)) this.assignWaiter(cpu);
    const unit = this.assigned.get(cpu);
    // A unit moved away while running here: once off this pCPU, its new one takes it.
    const home = prev === undefined || prev === unit || !prevRunnable ? undefined : this.cpuOf.get(prev);
    if (home !== undefined) this.pool().tickle(home);
    const runnable = unit !== undefined && (unit === prev ? prevRunnable : unit.vcpu.state === 'runnable');
    return { next: runnable ? unit : undefined, timesliceNs: undefined };
  }

  pickResource(unit: SchedUnit): number {
    return this.cpuOf.get(unit) ?? unit.vcpu.processor;
  }

  /** The unit gives up `cpu`, which goes to a waiter. */
  private release(unit: SchedUnit, cpu: number): void {
    this.assigned.delete(cpu);
    this.cpuOf.delete(unit);
    const waiter = this.assignWaiter(cpu);
    if (waiter?.vcpu.state === 'runnable') this.pool().tickle(cpu);
  }

  /**
   * Assigns free `cpu` to the oldest waiter whose soft affinity names it (among waiters
   * that have one), else to the oldest waiter whose hard affinity allows it.
   */
  private assignWaiter(cpu: number): SchedUnit | undefined {
    const cpus = this.pool().cpus;
    let index = this.waitqueue.findIndex((waiter) => hasSoftAffinity(waiter, cpus) && prefers(waiter, cpu));
    if (index < 0) index = this.waitqueue.findIndex((waiter) => allows(waiter, cpu));
    if (index < 0) return undefined;
    const [waiter] = this.waitqueue.splice(index, 1);
    this.assign(waiter!, cpu);
    return waiter;
  }

  private leaveWaitqueue(unit: SchedUnit): void {
    const index = this.waitqueue.indexOf(unit);
    if (index >= 0) this.waitqueue.splice(index, 1);
  }

  private assign(unit: SchedUnit, cpu: number): void {
    this.assigned.set(cpu, unit);
    this.cpuOf.set(unit, cpu);
  }

  private pool(): SchedHost {
    if (this.host === undefined) throw new Error('null policy used before init()');
    return this.host;
  }
}

/** The unit's soft affinity narrows its hard affinity within the pool (Xen's has_soft_affinity). */
function hasSoftAffinity(unit: SchedUnit, cpus: readonly number[]): boolean {
  return cpus.some((cpu) => allows(unit, cpu) && !prefers(unit, cpu));
}
