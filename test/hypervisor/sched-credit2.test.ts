// Credit2 driven through the generic Scheduler on virtual time: weights share a pCPU in
// proportion, caps hold a domain to its share, the ratelimit defers preemption, a woken
// unit with more credit preempts, epochs reset credit, and runqueues follow the RISC-V
// layout and balance their load.
import { describe, expect, it } from 'vitest';
import { CREDIT2, Credit2Policy } from '../../src/hypervisor/sched/credit2.js';
import { runqueueLayout } from '../../src/hypervisor/sched/credit2-runqueue.js';
import type { Vcpu } from '../../src/hypervisor/vcpu.js';
import { MS, SchedSim } from './sched-sim.js';

function unitOf(sim: SchedSim, vcpu: Vcpu) {
  return sim.scheduler.cpus.map((cpu) => sim.scheduler.current(cpu)).find((unit) => unit?.vcpu === vcpu);
}

describe('credit2 scheduler', () => {
  it('shares one pCPU 1:2 between always-runnable units of weight 256 and 512', () => {
    const sim = new SchedSim([0], new Credit2Policy());
    const light = sim.vcpu(sim.domain(256));
    const heavy = sim.vcpu(sim.domain(512));
    sim.runUntil(1000 * MS);
    const ratio = heavy.cpuTime() / light.cpuTime();
    expect(ratio).toBeGreaterThan(2 * 0.95);
    expect(ratio).toBeLessThan(2 * 1.05);
    expect(heavy.cpuTime() + light.cpuTime()).toBe(1000 * MS);
  });

  it('a cap of 25 holds a unit to 25% of a pCPU, and the rest stays idle', () => {
    const sim = new SchedSim([0], new Credit2Policy());
    const capped = sim.vcpu(sim.domain(256, 25));
    sim.runUntil(1000 * MS);
    const share = capped.cpuTime() / (1000 * MS);
    expect(share).toBeGreaterThan(0.25 * 0.95);
    expect(share).toBeLessThan(0.25 * 1.05);
  });

  it('a capped unit leaves the rest of the pCPU to an uncapped one', () => {
    const sim = new SchedSim([0], new Credit2Policy());
    const capped = sim.vcpu(sim.domain(256, 25));
    const free = sim.vcpu(sim.domain(256));
    sim.runUntil(1000 * MS);
    expect(capped.cpuTime() / (1000 * MS)).toBeLessThan(0.25 * 1.05);
    expect(capped.cpuTime() + free.cpuTime()).toBe(1000 * MS);
  });

  it('the ratelimit keeps the running unit for 1 ms before a woken unit with more credit takes over', () => {
    const sim = new SchedSim([0], new Credit2Policy());
    const running = sim.vcpu(sim.domain());
    const woken = sim.vcpu(sim.domain(), { up: false });
    sim.runUntil(0.2 * MS);
    sim.now(() => woken.up());
    sim.runUntil(0.999 * MS);
    expect(sim.running(0)).toBe(running);
    sim.runUntil(1 * MS);
    expect(sim.running(0)).toBe(woken);
    expect(running.cpuTime()).toBe(1 * MS);
  });

  it('without a ratelimit a woken unit with more credit preempts at once', () => {
    const sim = new SchedSim([0], new Credit2Policy({ params: { ratelimitUs: 0 } }));
    const running = sim.vcpu(sim.domain());
    const woken = sim.vcpu(sim.domain(), { up: false });
    sim.runUntil(0.2 * MS);
    sim.now(() => woken.up());
    sim.runUntil(0.2 * MS);
    expect(sim.running(0)).toBe(woken);
    expect(running.cpuTime()).toBe(0.2 * MS);
  });

  it('reads the pool ratelimit live: turned off mid-run, the next wake preempts at once', () => {
    const params = { ratelimitUs: 1000 };
    const sim = new SchedSim([0], new Credit2Policy({ params }));
    const running = sim.vcpu(sim.domain());
    const woken = sim.vcpu(sim.domain(), { up: false });
    sim.runUntil(0.2 * MS);
    params.ratelimitUs = 0;
    sim.now(() => woken.up());
    sim.runUntil(0.2 * MS);
    expect(sim.running(0)).toBe(woken);
    expect(running.cpuTime()).toBe(0.2 * MS);
  });

  it('a woken unit with less credit does not preempt', () => {
    const sim = new SchedSim([0], new Credit2Policy({ params: { ratelimitUs: 0 } }));
    const policy = sim.policy as Credit2Policy;
    const sleeper = sim.vcpu(sim.domain());
    sim.runUntil(5 * MS);
    sim.now(() => sleeper.pause());
    const running = sim.vcpu(sim.domain());
    sim.runUntil(6 * MS);
    expect(sim.running(0)).toBe(running);
    sim.now(() => sleeper.unpause());
    sim.runUntil(6.1 * MS);
    expect(sim.running(0)).toBe(running);
    expect(policy.credit(unitOf(sim, running)!)).toBeGreaterThan(CREDIT2.CREDIT_INIT - 1.1 * MS);
  });

  it('credit resets only when the next unit has no credit left', () => {
    const sim = new SchedSim([0], new Credit2Policy());
    const policy = sim.policy as Credit2Policy;
    const alone = sim.vcpu(sim.domain());
    sim.runUntil(5 * MS);
    sim.now(() => sim.scheduler.tickle(0)); // an early reschedule: credit is still positive
    sim.runUntil(5 * MS);
    const unit = unitOf(sim, alone)!;
    expect(policy.credit(unit)).toBe(CREDIT2.CREDIT_INIT - 5 * MS);
    // Its slice ends when its credit reaches 0: picked again at 0, the epoch resets it.
    sim.runUntil(10 * MS);
    expect(policy.credit(unit)).toBe(CREDIT2.CREDIT_INIT);
    expect(alone.cpuTime()).toBe(10 * MS);
  });

  it('groups harts into runqueues of at most 16, split evenly (all harts share socket 0)', () => {
    const harts = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect(runqueueLayout(harts(4)).map((rq) => rq.length)).toEqual([4]);
    expect(runqueueLayout(harts(16)).map((rq) => rq.length)).toEqual([16]);
    expect(runqueueLayout(harts(20)).map((rq) => rq.length)).toEqual([10, 10]);
    expect(runqueueLayout(harts(32)).map((rq) => rq.length)).toEqual([16, 16]);
    expect(new Credit2Policy().name).toBe('credit2');
  });

  it('balances load: units crowded on one runqueue spread to an idle one', () => {
    const sim = new SchedSim([0, 1], new Credit2Policy({ maxCpusRunqueue: 1 }));
    const policy = sim.policy as Credit2Policy;
    expect(policy.layout()).toEqual([[0], [1]]);
    const vcpus = [0, 1, 2, 3].map(() => sim.vcpu(sim.domain()));
    sim.runUntil(100 * MS);
    expect(vcpus.reduce((sum, v) => sum + v.cpuTime(), 0)).toBe(100 * MS); // all on runqueue 0 so far
    sim.runUntil(3000 * MS);
    const busy = vcpus.reduce((sum, v) => sum + v.cpuTime(), 0);
    expect(busy).toBeGreaterThan(4000 * MS);
    // Once balanced, each pCPU serves two units.
    const before = vcpus.map((v) => v.cpuTime());
    sim.runUntil(4000 * MS);
    for (const [i, v] of vcpus.entries()) {
      const share = (v.cpuTime() - before[i]!) / (1000 * MS);
      expect(share).toBeGreaterThan(0.5 * 0.9);
      expect(share).toBeLessThan(0.5 * 1.1);
    }
  });

  it('a unit pinned to a pCPU of another runqueue moves there', () => {
    const sim = new SchedSim([0, 1], new Credit2Policy({ maxCpusRunqueue: 1 }));
    const policy = sim.policy as Credit2Policy;
    const moved = sim.vcpu(sim.domain(), { processor: 0 });
    const stays = sim.vcpu(sim.domain(), { processor: 0 });
    sim.runUntil(10 * MS);
    sim.pin(moved, [1]);
    sim.runUntil(20 * MS);
    expect(sim.running(1)).toBe(moved);
    expect(sim.running(0)).toBe(stays);
    expect(policy.runqueueIdOf(unitOf(sim, moved)!)).toBe(1);
    sim.runUntil(100 * MS);
    expect(moved.cpuTime() + stays.cpuTime()).toBeGreaterThan(180 * MS);
  });

  it('a waking unit takes an idle pCPU in its soft affinity', () => {
    const sim = new SchedSim([0, 1, 2], new Credit2Policy());
    const prefersTwo = sim.vcpu(sim.domain(), { processor: 0, soft: [2] });
    sim.runUntil(1 * MS);
    expect(sim.running(2)).toBe(prefersTwo);
  });

  it('never runs a unit outside its hard affinity', () => {
    const sim = new SchedSim([0, 1], new Credit2Policy());
    const pinned = [0, 1, 2].map(() => sim.vcpu(sim.domain(), { processor: 0, hard: [1] }));
    const other = sim.vcpu(sim.domain(), { processor: 1 });
    sim.runUntil(300 * MS);
    expect(pinned.reduce((sum, v) => sum + v.cpuTime(), 0)).toBe(300 * MS);
    expect(other.cpuTime()).toBe(300 * MS);
  });
});
