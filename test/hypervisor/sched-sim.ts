// A deterministic driver for one pool's Scheduler and policy without harts: every pCPU
// runs its current vCPU until its timeslice ends, a timer parked on it fires or it is
// tickled, and idle pCPUs skip to their next timer. vCPU times come from the real
// runstate accounting.
import { SystemClock } from '../../src/hypervisor/clock.js';
import type { Domain } from '../../src/hypervisor/domain.js';
import type { SchedPolicy } from '../../src/hypervisor/sched/policy.js';
import { Scheduler } from '../../src/hypervisor/sched/scheduler.js';
import { defaultSchedParams } from '../../src/hypervisor/sched-params.js';
import { Vcpu } from '../../src/hypervisor/vcpu.js';

export const MS = 1_000_000;

export class SchedSim {
  readonly clock = new SystemClock();
  readonly scheduler: Scheduler;
  private readonly softirqs = new Set<number>();
  private readonly sliceEnds = new Map<number, number>();
  private readonly timers = new Map<number, number>();
  private nextDomid = 1;

  constructor(readonly cpus: readonly number[], readonly policy: SchedPolicy) {
    this.scheduler = new Scheduler(cpus, policy, this.clock, {
      softirq: (cpu) => this.softirqs.add(cpu),
      sliceEnd: (cpu, ns) => (ns === undefined ? this.sliceEnds.delete(cpu) : this.sliceEnds.set(cpu, ns)),
      timerDeadline: (cpu, ns) => (ns === undefined ? this.timers.delete(cpu) : this.timers.set(cpu, ns)),
      waiting: () => {},
    });
  }

  /** A domain with the given credit2 weight and cap (only what the policies read). */
  domain(weight = 256, cap = 0): Domain {
    return { domid: this.nextDomid++, schedParams: { ...defaultSchedParams(), weight, cap } } as unknown as Domain;
  }

  /** A vCPU of `domain` that last ran on `processor`, in the pool; `up` makes it runnable now. */
  vcpu(domain: Domain, options: { processor?: number; up?: boolean; hard?: number[]; soft?: number[] } = {}): Vcpu {
    const nrCpus = Math.max(...this.cpus) + 1;
    const vcpu = new Vcpu(0, domain, this.clock, options.processor ?? this.cpus[0]!, nrCpus);
    vcpu.setAffinity(mask(options.hard ?? this.cpus, nrCpus), mask(options.soft ?? this.cpus, nrCpus));
    vcpu.observer = (v) => this.scheduler.vcpuChanged(v);
    this.scheduler.insert(vcpu);
    if (options.up ?? true) vcpu.up();
    return vcpu;
  }

  /** Pins a vCPU (hard affinity; soft stays) at the current virtual time, as vcpu-pin does. */
  pin(vcpu: Vcpu, hard: readonly number[]): void {
    this.now(() => vcpu.setAffinity(mask(hard, Math.max(...this.cpus) + 1), vcpu.softAffinity));
  }

  /** Runs `body` at the current virtual time (a wake, a block, a removal). */
  now(body: () => void): void {
    this.clock.at(this.clock.now(), body);
  }

  /** What `cpu` runs. */
  running(cpu: number): Vcpu | undefined {
    return this.scheduler.current(cpu)?.vcpu;
  }

  /** Runs every pCPU up to virtual time `endNs`. */
  runUntil(endNs: number): void {
    for (;;) {
      const now = this.clock.now();
      const tickled = [...this.softirqs].sort((a, b) => a - b);
      if (tickled.length > 0) {
        this.softirqs.clear();
        for (const cpu of tickled) this.reschedule(cpu, now);
        continue;
      }
      let at = Infinity;
      for (const cpu of this.cpus) at = Math.min(at, this.nextEvent(cpu));
      if (at > endNs) break;
      this.clock.advanceTo(at);
      for (const cpu of this.cpus) if (this.nextEvent(cpu) <= at) this.reschedule(cpu, at);
    }
    this.clock.advanceTo(endNs);
  }

  private nextEvent(cpu: number): number {
    const slice = this.scheduler.current(cpu) === undefined ? Infinity : (this.sliceEnds.get(cpu) ?? Infinity);
    return Math.min(slice, this.timers.get(cpu) ?? Infinity);
  }

  private reschedule(cpu: number, at: number): void {
    this.clock.at(at, () => {
      this.scheduler.fireTimers(cpu, at);
      this.scheduler.reschedule(cpu, at);
    });
  }
}

function mask(cpus: readonly number[], nrCpus: number): Uint8Array {
  const bits = new Uint8Array(Math.ceil(nrCpus / 8));
  for (const cpu of cpus) bits[cpu >> 3]! |= 1 << (cpu & 7);
  return bits;
}
