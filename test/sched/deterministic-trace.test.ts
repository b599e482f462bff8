// Deterministic mode: the same configuration and seed give the same schedule, decision for
// decision (the SHA-256 of the scheduling trace), and another seed gives another one. The
// workload mixes two cpuburn domains of different weights and a sleeper whose periods a
// seeded PRNG jitters, on two harts.
import { describe, expect, it } from 'vitest';
import { consoleLines, dataPlaneHost } from '../hypervisor/parallel-host.js';
import { create, runUntilStopped } from './sched-guests.js';

interface Run {
  digest: string;
  decisions: number;
  output: string[];
}

async function run(seed: number): Promise<Run> {
  const dp = await dataPlaneHost('deterministic', 2);
  try {
    dp.host.hv.schedTrace.enable();
    const domids = [
      await create(dp, 'cpuburn', 'wide', 'vcpus=2', 'extra="burn_ms=60"'),
      await create(dp, 'cpuburn', 'heavy', 'vcpus=1', 'weight=512', 'extra="burn_ms=60"'),
      await create(dp, 'sleeper', 'sleeper', `extra="period_us=500 jitter_us=400 count=100 seed=${seed}"`),
    ];
    expect(await runUntilStopped(dp, domids, 1_000_000)).toBe(true);
    const output = domids.flatMap((domid) => consoleLines(dp, domid));
    return { digest: dp.host.hv.schedTrace.digest(), decisions: dp.host.hv.schedTrace.count, output };
  } finally {
    dp.host.shutdown();
  }
}

describe('a deterministic run', () => {
  it('schedules identically for the same seed, differently for another', async () => {
    const first = await run(7);
    const again = await run(7);
    const other = await run(8);
    expect(first.decisions).toBeGreaterThan(200);
    expect(first.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(again.digest).toBe(first.digest);
    expect(again.decisions).toBe(first.decisions);
    // What the guests saw (runstate times, latencies) is the same too.
    expect(again.output).toEqual(first.output);
    expect(other.digest).not.toBe(first.digest);
  });
});
