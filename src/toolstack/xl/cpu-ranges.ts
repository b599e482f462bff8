// How xl prints a CPU set: `all` when every host CPU is in it, `none` when empty, else
// ranges such as `2-3,6`.
export function formatCpuSet(cpus: readonly number[], nrCpus: number): string {
  const inHost = cpus.filter((cpu) => cpu < nrCpus);
  if (inHost.length === nrCpus) return 'all';
  if (inHost.length === 0) return 'none';
  const ranges: string[] = [];
  for (let i = 0; i < inHost.length; ) {
    let j = i;
    while (j + 1 < inHost.length && inHost[j + 1] === inHost[j]! + 1) j++;
    ranges.push(i === j ? `${inHost[i]}` : `${inHost[i]}-${inHost[j]}`);
    i = j + 1;
  }
  return ranges.join(',');
}

/**
 * Parses xl's CPU list syntax: `all`, `node:0`/`nodes:0` (the host is one NUMA node),
 * and comma-separated `N`, `N-M`, `^N`, `^N-M` (removal); a string explains bad input.
 */
export function parseCpuList(text: string, nrCpus: number): number[] | string {
  const set = new Set<number>();
  for (const item of text.split(',')) {
    if (item === 'all' || /^nodes?:0$/.test(item)) {
      for (let cpu = 0; cpu < nrCpus; cpu++) set.add(cpu);
      continue;
    }
    const match = /^(\^?)(\d+)(?:-(\d+))?$/.exec(item);
    if (match === null) return `invalid CPU list '${text}'`;
    const first = Number(match[2]);
    const last = match[3] === undefined ? first : Number(match[3]);
    if (last < first || last >= nrCpus) return `CPU range '${item}' is outside 0-${nrCpus - 1}`;
    for (let cpu = first; cpu <= last; cpu++) {
      if (match[1] === '^') set.delete(cpu);
      else set.add(cpu);
    }
  }
  return [...set].sort((a, b) => a - b);
}
