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
