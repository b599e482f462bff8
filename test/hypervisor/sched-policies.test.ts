// The policy factory: Xen scheduler names map to the modelled policies, other names are
// refused with a clear message, and a pool of an unmodelled scheduler falls back to the
// built-in round-robin policy.
import { describe, expect, it } from 'vitest';
import { XEN_SCHEDULER } from '../../src/hypervisor/abi/decl/scheduler.js';
import { defaultPoolSchedParams } from '../../src/hypervisor/cpupool.js';
import { MODELLED_SCHEDULERS, createPolicy, poolPolicy } from '../../src/hypervisor/sched/policies.js';

describe('scheduling policy factory', () => {
  it('creates credit2 and null by their Xen names, a fresh instance per pool', () => {
    expect(MODELLED_SCHEDULERS).toEqual(['credit2', 'null']);
    expect(createPolicy('credit2').name).toBe('credit2');
    expect(createPolicy('null').name).toBe('null');
    expect(createPolicy('credit2')).not.toBe(createPolicy('credit2'));
  });

  it('refuses schedulers that are not modelled, naming those that are', () => {
    expect(() => createPolicy('rtds')).toThrow("scheduler 'rtds' is not modelled (modelled: credit2, null)");
    expect(() => createPolicy('toString')).toThrow(/not modelled/);
  });

  it('a pool of an unmodelled scheduler is placed by round-robin', () => {
    const pool = (schedulerId: number) => ({ id: 0, schedulerId, cpus: [0], schedParams: defaultPoolSchedParams() });
    expect(poolPolicy(pool(XEN_SCHEDULER.CREDIT)).name).toBe('round-robin');
    expect(poolPolicy(pool(XEN_SCHEDULER.NULL)).name).toBe('null');
    expect(poolPolicy(pool(XEN_SCHEDULER.CREDIT2)).name).toBe('credit2');
  });
});
