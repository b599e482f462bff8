// Credit2's runqueues: how the pool's pCPUs are grouped (RISC-V reports every hart in
// socket 0, so the default credit2_runqueue=socket groups are split only by
// sched_credit2_max_cpus_runqueue), and one runqueue's units kept in credit order.
import { EwmaLoad } from './credit2-load.js';
import type { SchedUnit } from './policy.js';

export const MAX_CPUS_RUNQUEUE = 16; // sched_credit2_max_cpus_runqueue

/** What credit2 keeps per unit. */
export interface Credit2Unit {
  readonly unit: SchedUnit;
  /** ns of credit; the runqueue runs the highest first. */
  credit: number;
  runqueue: Runqueue;
  /** Virtual ns up to which the unit's running time has been charged. */
  chargedUntilNs: number;
  /** Cap budget held for the current run (ns). */
  budget: number;
  /** Waiting for its domain's cap budget to refill. */
  parked: boolean;
  yielding: boolean;
  /** The pCPU tickled on the unit's behalf, until that pCPU schedules. */
  tickled: number | undefined;
  readonly load: EwmaLoad;
}

/**
 * Groups `cpus` the way cpu_add_to_runqueue() does when all share one socket:
 * min_rqs = ceil(n / max), each runqueue takes up to n / min_rqs CPUs in order.
 */
export function runqueueLayout(cpus: readonly number[], maxCpusRunqueue = MAX_CPUS_RUNQUEUE): number[][] {
  const minRunqueues = Math.ceil(cpus.length / maxCpusRunqueue);
  const perRunqueue = Math.max(1, Math.floor(cpus.length / Math.max(1, minRunqueues)));
  const layout: number[][] = [];
  for (let i = 0; i < cpus.length; i += perRunqueue) layout.push(cpus.slice(i, i + perRunqueue));
  return layout;
}

export class Runqueue {
  /** Units assigned to this runqueue (queued, running, blocked or parked). */
  readonly members = new Set<Credit2Unit>();
  /** Runnable units waiting for a pCPU, highest credit first. */
  private readonly queue: Credit2Unit[] = [];
  readonly load: EwmaLoad;

  constructor(readonly id: number, readonly cpus: readonly number[], nowNs: number) {
    this.load = new EwmaLoad(nowNs);
  }

  /** The heaviest weight among the members: it burns credit at 1 ns per ns. */
  maxWeight(): number {
    let max = 1;
    for (const member of this.members) max = Math.max(max, weightOf(member));
    return max;
  }

  waiting(): readonly Credit2Unit[] {
    return this.queue;
  }

  isQueued(unit: Credit2Unit): boolean {
    return this.queue.includes(unit);
  }

  /** Inserts in credit order, behind units of equal credit. */
  enqueue(unit: Credit2Unit): void {
    if (this.isQueued(unit)) return;
    const index = this.queue.findIndex((other) => other.credit < unit.credit);
    if (index < 0) this.queue.push(unit);
    else this.queue.splice(index, 0, unit);
  }

  dequeue(unit: Credit2Unit): boolean {
    const index = this.queue.indexOf(unit);
    if (index < 0) return false;
    this.queue.splice(index, 1);
    return true;
  }

  /** Credits changed (an epoch reset): restore the order. */
  resort(): void {
    this.queue.sort((a, b) => b.credit - a.credit);
  }
}

export function weightOf(unit: Credit2Unit): number {
  return unit.unit.vcpu.domain.schedParams.weight;
}
