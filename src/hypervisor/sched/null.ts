// Xen's null scheduler: a static 1:1 mapping of units to pCPUs. A unit is assigned when it
// joins the pool (its current pCPU if free and allowed, else the first free pCPU in soft,
// then hard, affinity); a unit that finds none waits in a FIFO waitqueue and runs only
// once a pCPU frees up. No timeslices, no credits, no parameters.
import { allows, balancedPick } from './affinity.js';
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
    const cpu = this.cpuOf.get(unit);
    if (cpu !== undefined && this.pool().current(cpu) !== unit) this.pool().tickle(cpu);
  }

  sleep(): void {
    // The unit keeps its pCPU, which idles until the unit wakes.
  }

  yield(): void {
    // Nobody else may use the pCPU: the yielding unit runs on.
  }

  doSchedule(cpu: number, prev: SchedUnit | undefined, prevRunnable: boolean): ScheduleDecision {
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

  /** The unit gives up `cpu`, which goes to the oldest waiter allowed there. */
  private release(unit: SchedUnit, cpu: number): void {
    this.assigned.delete(cpu);
    this.cpuOf.delete(unit);
    const index = this.waitqueue.findIndex((waiter) => allows(waiter, cpu));
    if (index < 0) return;
    const [waiter] = this.waitqueue.splice(index, 1);
    this.assign(waiter!, cpu);
    if (waiter!.vcpu.state === 'runnable') this.pool().tickle(cpu);
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
