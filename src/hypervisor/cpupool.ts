// A cpupool: a set of physical CPUs with one scheduler. The host boots with Pool-0
// holding every CPU.

/** SCHED_DEFAULT_RATELIMIT_US, and the range sysctl scheduler_op accepts besides 0 (off). */
export const DEFAULT_RATELIMIT_US = 1000;

/** Pool-wide scheduler parameters (sysctl scheduler_op); the pool's policy reads them live. */
export interface PoolSchedParams {
  /** Context-switch rate limit in µs, 0 = off (credit, credit2). */
  ratelimitUs: number;
}

export function defaultPoolSchedParams(): PoolSchedParams {
  return { ratelimitUs: DEFAULT_RATELIMIT_US };
}

export interface Cpupool {
  readonly id: number;
  /** XEN_SCHEDULER_* id of the pool's scheduler. */
  readonly schedulerId: number;
  /** Physical CPUs in the pool, ascending. */
  readonly cpus: number[];
  readonly schedParams: PoolSchedParams;
}
