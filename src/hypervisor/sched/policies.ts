// The scheduling policies by Xen scheduler name (the `sched=` boot option, a cpupool's
// scheduler). Only the policies modelled here can be created; asking for another is an error.
import { Credit2Policy } from './credit2.js';
import { NullPolicy } from './null.js';
import type { SchedPolicy } from './policy.js';
import { RoundRobinPolicy } from './round-robin.js';

const POLICIES: ReadonlyMap<string, () => SchedPolicy> = new Map<string, () => SchedPolicy>([
  ['credit2', () => new Credit2Policy()],
  ['null', () => new NullPolicy()],
]);

/** Xen scheduler names with a policy in the simulator. */
export const MODELLED_SCHEDULERS: readonly string[] = [...POLICIES.keys()];

export function isModelled(name: string): boolean {
  return POLICIES.has(name);
}

/** A fresh policy for one cpupool. */
export function createPolicy(name: string): SchedPolicy {
  const make = POLICIES.get(name);
  if (make === undefined) throw new Error(`scheduler '${name}' is not modelled (modelled: ${MODELLED_SCHEDULERS.join(', ')})`);
  return make();
}

/** The policy a cpupool runs: its scheduler's when modelled, else the built-in round-robin. */
export function poolPolicy(name: string): SchedPolicy {
  return isModelled(name) ? createPolicy(name) : new RoundRobinPolicy();
}
