// smp-counter: four vCPUs increment shared counters under an amoswap spinlock and an lr/sc
// spinlock. On four harts in parallel mode (real threads, wasm atomics on shared memory)
// and on fewer harts than vCPUs in deterministic mode, the totals are exact; without the
// locks increments are lost and the guest crashes itself.
import { afterEach, describe, expect, it } from 'vitest';
import type { ExecutionMode } from '../../src/hypervisor/dataplane/guest-harts.js';
import { type DataPlaneHost, consoleLines, dataPlaneHost } from '../hypervisor/parallel-host.js';
import { xl } from '../toolstack/boot-host.js';
import { create, runUntilStopped } from './sched-guests.js';

let hosts: DataPlaneHost[] = [];
afterEach(() => {
  for (const dp of hosts) dp.host.shutdown();
  hosts = [];
});

async function host(mode: ExecutionMode, harts: number): Promise<DataPlaneHost> {
  const dp = await dataPlaneHost(mode, harts);
  hosts.push(dp);
  return dp;
}

/** Runs smp-counter (4 vCPUs) until it stops; its report lines. */
async function count(dp: DataPlaneHost, extra: string, limit: number): Promise<{ domid: number; lines: string[] }> {
  const domid = await create(dp, 'smp-counter', 'smp-counter', `extra="${extra}"`);
  expect(await runUntilStopped(dp, [domid], limit)).toBe(true);
  return { domid, lines: consoleLines(dp, domid) };
}

const exact = (total: number): string[] => [
  `smp-counter: amoswap lock: total ${total}, expected ${total}: ok`,
  `smp-counter: lr/sc lock: total ${total}, expected ${total}: ok`,
];

describe('smp-counter', () => {
  it('gets the exact totals with 4 vCPUs on 4 harts in parallel mode', async () => {
    const dp = await host('parallel', 4);
    const { domid, lines } = await count(dp, 'iterations=20000 start=vcpuop', 60_000);
    expect(lines).toEqual(['smp-counter: 4 vCPU(s) x 20000 increments', ...exact(80000)]);
    // on_poweroff = "destroy": it powered off, so it is gone.
    expect(dp.host.hv.domain(domid)).toBeUndefined();
  });

  it('gets the exact totals with 4 vCPUs started through SBI HSM on 2 harts', async () => {
    const dp = await host('deterministic', 2);
    const { lines } = await count(dp, 'iterations=5000 start=hsm', 1_000_000);
    expect(lines).toEqual(['smp-counter: 4 vCPU(s) x 5000 increments', ...exact(20000)]);
  });

  it('loses increments without the locks, and crashes', async () => {
    const dp = await host('deterministic', 4);
    const { lines } = await count(dp, 'iterations=20000 unlocked=1', 1_000_000);
    expect(lines[0]).toBe('smp-counter: 4 vCPU(s) x 20000 increments, no locks');
    expect(lines.slice(1).every((line) => / total \d+, expected 80000: WRONG$/.test(line))).toBe(true);
    // on_crash = "preserve": kept, in state crashed.
    const list = await xl(dp.host, 'list', 'smp-counter');
    expect(list.stdout).toMatch(/^smp-counter\s+\d+\s+\d+\s+\d+\s+---sc-\s/m);
  });
});
