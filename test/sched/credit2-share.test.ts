// Credit2 shares CPU time by weight and holds a domain to its cap: cpuburn domains made by
// `xl create` burn over the same window of virtual time and print the running times Xen
// reports to them (VCPUOP_get_runstate_info), in deterministic mode.
import { afterEach, describe, expect, it } from 'vitest';
import { type DataPlaneHost, dataPlaneHost } from '../hypervisor/parallel-host.js';
import { burned, create, runUntilStopped } from './sched-guests.js';

const MS = 1_000_000;

let hosts: DataPlaneHost[] = [];
afterEach(() => {
  for (const dp of hosts) dp.host.shutdown();
  hosts = [];
});

async function host(harts: number): Promise<DataPlaneHost> {
  const dp = await dataPlaneHost('deterministic', harts);
  hosts.push(dp);
  return dp;
}

/** The running time cpuburn printed for its only vCPU. */
function runningOf(dp: DataPlaneHost, domid: number): number {
  const vcpus = burned(dp, domid);
  expect(vcpus).toHaveLength(1);
  return vcpus[0].running;
}

describe('credit2 with cpuburn guests', () => {
  it('gives two domains of weight 256 and 512 pinned to one hart CPU time 1:2', async () => {
    const dp = await host(2);
    const burn = ['vcpus=1', 'cpus="0"', 'extra="burn_ms=300"'];
    const light = await create(dp, 'cpuburn', 'light', ...burn);
    const heavy = await create(dp, 'cpuburn', 'heavy', ...burn, 'weight=512');
    expect(await runUntilStopped(dp, [light, heavy], 1_000_000)).toBe(true);
    const [lightMs, heavyMs] = [runningOf(dp, light) / MS, runningOf(dp, heavy) / MS];
    // Both burned over the same 300 ms on one hart: together they had all of it.
    expect(lightMs + heavyMs).toBeGreaterThan(300 * 0.99);
    expect(lightMs + heavyMs).toBeLessThan(300 * 1.01);
    expect(heavyMs / lightMs).toBeGreaterThan(2 * 0.95);
    expect(heavyMs / lightMs).toBeLessThan(2 * 1.05);
  });

  it('holds a domain with a cap of 25 to a quarter of its hart', async () => {
    const dp = await host(1);
    const capped = await create(dp, 'cpuburn', 'capped', 'vcpus=1', 'cap=25', 'extra="burn_ms=200"');
    expect(await runUntilStopped(dp, [capped], 1_000_000)).toBe(true);
    const share = runningOf(dp, capped) / (200 * MS);
    expect(share).toBeGreaterThan(0.25 * 0.95);
    expect(share).toBeLessThan(0.25 * 1.05);
  });

  it('gives three domains on two harts of one runqueue two thirds of a hart each', async () => {
    const dp = await host(2);
    const domids = [];
    for (const name of ['a', 'b', 'c']) domids.push(await create(dp, 'cpuburn', name, 'vcpus=1', 'extra="burn_ms=150"'));
    expect(await runUntilStopped(dp, domids, 1_000_000)).toBe(true);
    for (const domid of domids) {
      const share = runningOf(dp, domid) / (150 * MS);
      expect(share).toBeGreaterThan((2 / 3) * 0.9);
      expect(share).toBeLessThan((2 / 3) * 1.1);
    }
  });
});
