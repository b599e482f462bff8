// A simple round-robin policy: one FIFO run queue per pool, a fixed timeslice, and a
// waking vCPU goes to an idle CPU when there is one (its last CPU first). It stands in for
// the Xen policies not modelled yet (credit, rtds, arinc653) behind the same interface;
// `xl` does not offer it as a scheduler name.
import { allows } from './affinity.js';
import type { SchedHost, SchedPolicy, SchedUnit, ScheduleDecision } from './policy.js';

/** Default timeslice: 1 ms of virtual time. */
export const ROUND_ROBIN_TIMESLICE_NS = 1_000_000;

export class RoundRobinPolicy implements SchedPolicy {
  readonly name = 'round-robin';
  private host: SchedHost | undefined;
  private readonly queue: SchedUnit[] = [];

  constructor(private readonly timesliceNs = ROUND_ROBIN_TIMESLICE_NS) {}

  init(host: SchedHost): void {
    this.host = host;
  }

  insertUnit(unit: SchedUnit): void {
    unit.policyData = undefined;
  }

  removeUnit(unit: SchedUnit): void {
    this.dequeue(unit);
  }

  wake(unit: SchedUnit): void {
    const host = this.pool();
    if (!this.queue.includes(unit)) this.enqueue(unit);
    const cpu = this.pickResource(unit);
    if (host.isIdle(cpu)) {
      host.tickle(cpu);
      return;
    }
    // Every allowed CPU is busy: each of them hands over at the end of its timeslice.
    for (const busy of host.cpus) {
      if (allows(unit, busy)) host.limitSlice(busy, this.timesliceNs);
    }
  }

  sleep(unit: SchedUnit): void {
    this.dequeue(unit);
  }

  affinityChanged(): void {
    // One queue for the whole pool: doSchedule only hands a unit to a CPU it allows.
  }

  yield(): void {
    // do_schedule follows with prevRunnable: the yielding unit goes behind any waiting one.
  }

  doSchedule(cpu: number, prev: SchedUnit | undefined, prevRunnable: boolean): ScheduleDecision {
    const index = this.queue.findIndex((unit) => allows(unit, cpu));
    if (index < 0) {
      return { next: prevRunnable ? prev : undefined, timesliceNs: undefined };
    }
    const [next] = this.queue.splice(index, 1);
    if (prevRunnable && prev !== undefined) this.queue.push(prev);
    this.pool().waitingChanged(this.queue.length);
    const othersWait = this.queue.some((unit) => allows(unit, cpu));
    return { next, timesliceNs: othersWait ? this.timesliceNs : undefined };
  }

  pickResource(unit: SchedUnit): number {
    const host = this.pool();
    const last = unit.vcpu.processor;
    const allowed = host.cpus.filter((cpu) => allows(unit, cpu));
    if (allowed.length === 0) return host.cpus[0]!;
    if (allowed.includes(last) && host.isIdle(last)) return last;
    return allowed.find((cpu) => host.isIdle(cpu)) ?? (allowed.includes(last) ? last : allowed[0]!);
  }

  private enqueue(unit: SchedUnit): void {
    this.queue.push(unit);
    this.pool().waitingChanged(this.queue.length);
  }

  private dequeue(unit: SchedUnit): void {
    const index = this.queue.indexOf(unit);
    if (index < 0) return;
    this.queue.splice(index, 1);
    this.pool().waitingChanged(this.queue.length);
  }

  private pool(): SchedHost {
    if (this.host === undefined) throw new Error('round-robin policy used before init()');
    return this.host;
  }
}
