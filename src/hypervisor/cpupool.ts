// A cpupool: a set of physical CPUs with one scheduler. The host boots with Pool-0
// holding every CPU.
export interface Cpupool {
  readonly id: number;
  /** XEN_SCHEDULER_* id of the pool's scheduler. */
  readonly schedulerId: number;
  /** Physical CPUs in the pool, ascending. */
  readonly cpus: number[];
}
