// The null scheduler end to end: each vCPU gets a hart of its own for as long as it lives,
// and a vCPU that finds none waits, never running, until one is freed. cpuburn domains
// made by `xl create`, in deterministic mode; xl vcpu-list shows the placement.
import { afterEach, describe, expect, it } from 'vitest';
import { type DataPlaneHost, dataPlaneHost } from '../hypervisor/parallel-host.js';
import { xl } from '../toolstack/boot-host.js';
import { runFor } from '../toolstack/create-support.js';
import { burned, configOf, create, runUntilStopped } from './sched-guests.js';

const MS = 1_000_000;

let hosts: DataPlaneHost[] = [];
afterEach(() => {
  for (const dp of hosts) dp.host.shutdown();
  hosts = [];
});

/** xl vcpu-list rows of `name`: [vcpu, cpu column, state]. */
async function vcpuRows(dp: DataPlaneHost, name: string): Promise<[number, string, string][]> {
  const { stdout } = await xl(dp.host, 'vcpu-list', name);
  return stdout.split('\n').slice(1).filter((line) => line.startsWith(`${name} `))
    .map((line) => line.trim().split(/\s+/)).map((cols) => [Number(cols[2]), cols[3], cols[4]]);
}

describe('null scheduler with cpuburn guests', () => {
  it('pins four vCPUs to four harts 1:1; a fifth waits, never running, until a hart is freed', async () => {
    const dp = await dataPlaneHost('deterministic', 4, { scheduler: 'null' });
    hosts.push(dp);
    const wide = await create(dp, 'cpuburn', 'wide', 'vcpus=4', 'extra="burn_ms=60"');
    const wideVcpusOnHarts = (): boolean => dp.host.hv.domain(wide)!.vcpus.every((v) => v.state === 'running');
    expect(await runFor(dp, wideVcpusOnHarts)).toBe(true);
    const extra = await create(dp, 'cpuburn', 'extra', 'vcpus=1', 'extra="burn_ms=100"');
    // Some 20 ms of burning later (2000 rounds of a 10 µs slice per hart), nothing has moved.
    await runFor(dp, () => false, 2000);

    const rows = await vcpuRows(dp, 'wide');
    expect(rows.map(([vcpu]) => vcpu)).toEqual([0, 1, 2, 3]);
    expect(new Set(rows.map(([, cpu]) => cpu)).size).toBe(4);
    expect(rows.every(([, , state]) => state === 'r--')).toBe(true);
    const waiting = dp.host.hv.domain(extra)!.vcpus[0];
    expect(waiting.state).toBe('runnable');
    expect(waiting.cpuTime()).toBe(0);

    expect(await runUntilStopped(dp, [wide, extra], 1_000_000)).toBe(true);
    // Each of wide's vCPUs ran on its hart the whole time, never waiting for it.
    const wideVcpus = burned(dp, wide);
    expect(wideVcpus).toHaveLength(4);
    for (const v of wideVcpus) {
      expect(v.runnable).toBe(0);
      expect(v.running).toBeGreaterThan(60 * MS * 0.99);
    }
    // extra waited until wide's vCPUs went down (at 60 ms), then ran on a hart one freed.
    const [late] = burned(dp, extra);
    expect(late.runnable).toBeGreaterThan(60 * MS * 0.99);
    expect(late.runnable).toBeLessThan(61 * MS);
    expect(late.running).toBeGreaterThan(39 * MS);
    expect(late.running + late.runnable).toBeLessThan(100 * MS * 1.01);
  });

  it("gives no hart to a vCPU that is not up: a paused domain keeps only its online vCPU's", async () => {
    const dp = await dataPlaneHost('deterministic', 4, { scheduler: 'null' });
    hosts.push(dp);
    const created = await xl(dp.host, 'create', '-p', configOf('hello'), 'name="idle"', 'vcpus=1', 'maxvcpus=4');
    expect(created.code).toBe(0);
    const burn = await create(dp, 'cpuburn', 'burn', 'vcpus=3', 'extra="burn_ms=20"');
    expect(await runUntilStopped(dp, [burn], 1_000_000)).toBe(true);
    // All three burners had a hart from the start: idle's offline vCPUs 1-3 hold none.
    const vcpus = burned(dp, burn);
    expect(vcpus).toHaveLength(3);
    for (const v of vcpus) expect(v.runnable).toBe(0);
    const idle = await vcpuRows(dp, 'idle');
    expect(idle.map(([, cpu]) => cpu).slice(1)).toEqual(['-', '-', '-']);
  });
});
