// The scheduling policies by Xen scheduler name (the `sched=` boot option, a cpupool's
// scheduler). Only the policies modelled here can be created; asking for another is an error.
import { SCHEDULER_NAME } from '../abi/decl/scheduler.js';
import { type Cpupool, type PoolSchedParams, defaultPoolSchedParams } from '../cpupool.js';
import { Credit2Policy } from './credit2.js';
import { NullPolicy } from './null.js';
import type { SchedPolicy } from './policy.js';
import { RoundRobinPolicy } from './round-robin.js';

const POLICIES: ReadonlyMap<string, (params: PoolSchedParams) => SchedPolicy> = new Map<string, (params: PoolSchedParams) => SchedPolicy>([
  ['credit2', (params) => new Credit2Policy({ params })],
  ['null', (): SchedPolicy => new NullPolicy()],
]);

/** Xen scheduler names with a policy in the simulator. */
export const MODELLED_SCHEDULERS: readonly string[] = [...POLICIES.keys()];

export function isModelled(name: string): boolean {
  return POLICIES.has(name);
}

/** A fresh policy for one cpupool, reading the pool's parameters. */
export function createPolicy(name: string, params: PoolSchedParams = defaultPoolSchedParams()): SchedPolicy {
  const make = POLICIES.get(name);
  if (make === undefined) throw new Error(`scheduler '${name}' is not modelled (modelled: ${MODELLED_SCHEDULERS.join(', ')})`);
  return make(params);
}

/** The policy a cpupool runs: its scheduler's when modelled, else the built-in round-robin. */
export function poolPolicy(pool: Cpupool): SchedPolicy {
  const name = SCHEDULER_NAME[pool.schedulerId] ?? '';
  return isModelled(name) ? createPolicy(name, pool.schedParams) : new RoundRobinPolicy();
}
