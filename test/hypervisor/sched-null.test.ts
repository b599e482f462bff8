// The null policy: units pinned 1:1 to pCPUs, extra units wait in FIFO order until a pCPU
// frees up, and then run there.
import { describe, expect, it } from 'vitest';
import { NullPolicy } from '../../src/hypervisor/sched/null.js';
import { MS, SchedSim } from './sched-sim.js';

describe('null scheduler', () => {
  it('pins each unit to its own pCPU and runs it there without timeslices', () => {
    const sim = new SchedSim([0, 1], new NullPolicy());
    const a = sim.vcpu(sim.domain());
    const b = sim.vcpu(sim.domain());
    sim.runUntil(100 * MS);
    expect(sim.running(0)).toBe(a);
    expect(sim.running(1)).toBe(b);
    expect(a.cpuTime()).toBe(100 * MS);
    expect(b.cpuTime()).toBe(100 * MS);
  });

  it('keeps the current pCPU when it is free and allowed, else takes the first free one', () => {
    const sim = new SchedSim([0, 1, 2], new NullPolicy());
    const onTwo = sim.vcpu(sim.domain(), { processor: 2 });
    const alsoTwo = sim.vcpu(sim.domain(), { processor: 2 });
    const softOne = sim.vcpu(sim.domain(), { processor: 2, soft: [1] });
    sim.runUntil(1 * MS);
    expect([sim.running(0), sim.running(1), sim.running(2)]).toEqual([alsoTwo, softOne, onTwo]);
  });

  it('an extra unit waits in the FIFO and gets the pCPU freed first', () => {
    const sim = new SchedSim([0, 1], new NullPolicy());
    const policy = sim.policy as NullPolicy;
    const a = sim.vcpu(sim.domain());
    const b = sim.vcpu(sim.domain());
    const first = sim.vcpu(sim.domain());
    const second = sim.vcpu(sim.domain());
    sim.runUntil(50 * MS);
    expect(policy.waiting().map((unit) => unit.vcpu)).toEqual([first, second]);
    expect(first.cpuTime()).toBe(0);
    expect(second.cpuTime()).toBe(0);

    sim.now(() => sim.scheduler.remove(b));
    sim.runUntil(100 * MS);
    expect(sim.running(1)).toBe(first);
    expect(first.cpuTime()).toBe(50 * MS);
    expect(second.cpuTime()).toBe(0);
    expect(sim.running(0)).toBe(a);
  });

  it('a waiter runs only on a freed pCPU within its hard affinity', () => {
    const sim = new SchedSim([0, 1], new NullPolicy());
    const a = sim.vcpu(sim.domain());
    const b = sim.vcpu(sim.domain(), { processor: 1 });
    const pinnedToOne = sim.vcpu(sim.domain(), { hard: [1] });
    sim.now(() => sim.scheduler.remove(a));
    sim.runUntil(10 * MS);
    expect(sim.running(0)).toBe(undefined);
    expect(pinnedToOne.cpuTime()).toBe(0);
    sim.now(() => sim.scheduler.remove(b));
    sim.runUntil(20 * MS);
    expect(sim.running(1)).toBe(pinnedToOne);
    expect(pinnedToOne.cpuTime()).toBe(10 * MS);
  });

  it('re-pinning a unit moves it to a free pCPU of its new affinity, and its old pCPU goes to a waiter', () => {
    const sim = new SchedSim([0, 1, 2], new NullPolicy());
    const a = sim.vcpu(sim.domain());
    const b = sim.vcpu(sim.domain());
    const waiter = sim.vcpu(sim.domain());
    sim.runUntil(10 * MS);
    expect([sim.running(0), sim.running(1), sim.running(2)]).toEqual([a, b, waiter]);
    const c = sim.vcpu(sim.domain(), { hard: [0, 1] });
    sim.pin(waiter, [0]); // pCPU 0 is taken: it gives up pCPU 2 and waits behind c
    sim.runUntil(20 * MS);
    expect(sim.running(2)).toBe(undefined);
    sim.pin(a, [2]);
    sim.runUntil(30 * MS);
    expect([sim.running(0), sim.running(1), sim.running(2)]).toEqual([c, b, a]);
    expect(waiter.cpuTime()).toBe(10 * MS);
    expect(a.cpuTime()).toBe(30 * MS);
  });

  it('an assigned unit that blocks leaves its pCPU idle, and runs again there when woken', () => {
    const sim = new SchedSim([0], new NullPolicy());
    const a = sim.vcpu(sim.domain());
    const waiter = sim.vcpu(sim.domain());
    sim.runUntil(10 * MS);
    sim.now(() => a.pause());
    sim.runUntil(20 * MS);
    expect(sim.running(0)).toBe(undefined);
    expect(waiter.cpuTime()).toBe(0);
    sim.now(() => a.unpause());
    sim.runUntil(30 * MS);
    expect(sim.running(0)).toBe(a);
    expect(a.cpuTime()).toBe(20 * MS);
  });
});
