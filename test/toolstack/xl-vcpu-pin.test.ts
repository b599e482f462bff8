// xl vcpu-pin: hard and soft affinity set through domctl setvcpuaffinity, seen back in
// xl vcpu-list; `-` keeps one, CPU lists take ranges and removals; bad input changes nothing.
import { describe, expect, it } from 'vitest';
import { parseCpuList } from '../../src/toolstack/xl/cpu-ranges.js';
import { smallHost, xl } from './boot-host.js';

async function dom0Affinity(host: Awaited<ReturnType<typeof smallHost>>): Promise<string> {
  const row = (await xl(host, 'vcpu-list', '0')).stdout.trimEnd().split('\n')[1]!;
  return row.slice(67);
}

describe('xl vcpu-pin', () => {
  it('parses xl CPU lists: ranges, removals, all and the one NUMA node', () => {
    expect(parseCpuList('1,5,10-16,^13', 32)).toEqual([1, 5, 10, 11, 12, 14, 15, 16]);
    expect(parseCpuList('all,^0', 4)).toEqual([1, 2, 3]);
    expect(parseCpuList('node:0', 2)).toEqual([0, 1]);
    expect(parseCpuList('4', 4)).toBe("CPU range '4' is outside 0-3");
    expect(parseCpuList('x', 4)).toBe("invalid CPU list 'x'");
  });

  it('sets hard and soft affinity, - keeping one as it is', async () => {
    const host = await smallHost({ nrCpus: 8 });
    expect(await xl(host, 'vcpu-pin', 'Domain-0', '0', '2-3,6', '-')).toMatchObject({ code: 0, stderr: '' });
    expect(await dom0Affinity(host)).toBe('2-3,6 / all');
    expect((await xl(host, 'vcpu-pin', '0', 'all', '-', '6-7')).code).toBe(0);
    expect(await dom0Affinity(host)).toBe('2-3,6 / 6-7');
    expect((await xl(host, 'vcpu-pin', '0', '0', 'all', 'all')).code).toBe(0);
    expect(await dom0Affinity(host)).toBe('all / all');
  });

  it('refuses bad lists, vCPUs and domains without changing anything', async () => {
    const host = await smallHost({ nrCpus: 4 });
    expect(await xl(host, 'vcpu-pin', '0', '0', '9')).toMatchObject({ code: 1, stderr: "xl vcpu-pin: CPU range '9' is outside 0-3\n" });
    expect(await xl(host, 'vcpu-pin', '0', '3', 'all')).toMatchObject({ code: 1, stderr: expect.stringMatching(/invalid vCPU '3'/) });
    expect(await xl(host, 'vcpu-pin', 'nosuch', '0', 'all')).toMatchObject({ code: 1 });
    expect(await xl(host, 'vcpu-pin', '0', '0', '^0-3,all,^0-3')).toMatchObject({ code: 1, stderr: "Setting affinity failed on vcpu `0'.\n" });
    expect(await xl(host, 'vcpu-pin', '-f', '0', '0', 'all')).toMatchObject({ code: 1 });
    expect(await dom0Affinity(host)).toBe('all / all');
  });
});
