// xl's CPU affinity strings ("all", "0-3,5", "all,^2", "^all"): comma-separated items applied
// left to right to an initially empty set, `^` removing instead of adding. Whether the set
// starts from "all" is kept symbolic, since the host's CPU count is known only at create time.

/** A set of physical CPUs: exactly `cpus`, or every CPU of the host except `excluded`. */
export type CpuSet =
  | { readonly kind: 'only'; readonly cpus: readonly number[] }
  | { readonly kind: 'all-except'; readonly excluded: readonly number[] };

/** Xen's largest NR_CPUS: a CPU number past it is a typo, not a host. */
export const MAX_CPU_NUMBER = 4095;

export const ALL_CPUS: CpuSet = { kind: 'all-except', excluded: [] };

/** The set, or why the string is not one (the caller adds the key and the place). */
export function parseCpuSet(text: string): CpuSet | string {
  let all = false;
  const members = new Set<number>(); // included when !all, excluded when all
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const remove = item.startsWith('^');
    const body = remove ? item.slice(1) : item;
    if (body === 'all') {
      all = !remove;
      members.clear();
      continue;
    }
    if (/^nodes?:/.test(body)) return `'${item}': NUMA node affinity is not supported (the host has one node)`;
    const range = /^(\d+)(?:-(\d+))?$/.exec(body);
    if (range === null) return `'${item}' is not a CPU number, a range like 0-3, or "all"`;
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    if (last < first) return `'${item}': the range ends before it starts`;
    if (last > MAX_CPU_NUMBER) return `'${item}': CPU numbers go up to ${MAX_CPU_NUMBER}`;
    for (let cpu = first; cpu <= last; cpu++) {
      if (remove !== all) members.delete(cpu);
      else members.add(cpu);
    }
  }
  const sorted = [...members].sort((a, b) => a - b);
  if (all) return { kind: 'all-except', excluded: sorted };
  if (sorted.length === 0) return `'${text}' selects no CPU`;
  return { kind: 'only', cpus: sorted };
}

/** The CPUs of `set` on a host with `nrCpus` CPUs. */
export function resolveCpuSet(set: CpuSet, nrCpus: number): number[] {
  if (set.kind === 'only') return set.cpus.filter((cpu) => cpu < nrCpus);
  return Array.from({ length: nrCpus }, (_, cpu) => cpu).filter((cpu) => !set.excluded.includes(cpu));
}
