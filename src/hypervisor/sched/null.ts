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
    if (cpu === undefined) {
      const index = this.waitqueue.indexOf(unit);
      if (index >= 0) this.waitqueue.splice(index, 1);
      return;
    }
    this.assigned.delete(cpu);
    this.cpuOf.delete(unit);
    // The freed pCPU goes to the oldest waiter allowed there.
    const index = this.waitqueue.findIndex((waiter) => allows(waiter, cpu));
    if (index < 0) return;
    const [waiter] = this.waitqueue.splice(index, 1);
    this.assign(waiter!, cpu);
    if (waiter!.vcpu.state === 'runnable') this.pool().tickle(cpu);
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
    const runnable = unit !== undefined && (unit === prev ? prevRunnable : unit.vcpu.state === 'runnable');
    return { next: runnable ? unit : undefined, timesliceNs: undefined };
  }

  pickResource(unit: SchedUnit): number {
    return this.cpuOf.get(unit) ?? unit.vcpu.processor;
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
