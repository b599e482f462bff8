// sleeper's wakeup-to-run latency, in virtual time: nothing in the way on its own hart; on
// a hart shared with a cpuburn, credit2 lets the burner finish its ratelimit window before
// the sleeper runs, so with randomly jittered periods the latency spreads up to the
// ratelimit, and shrinks with it.
import { afterEach, describe, expect, it } from 'vitest';
import { type DataPlaneHost, consoleLines, dataPlaneHost } from '../hypervisor/parallel-host.js';
import { xl } from '../toolstack/boot-host.js';
import { type Latencies, create, latencies, runUntilStopped } from './sched-guests.js';

const US = 1000;
const TIMER_NAMES = { xen: 'Xen', virq: 'VIRQ', sbi: 'SBI' } as const;
type Timer = keyof typeof TIMER_NAMES;

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

/** Runs sleeper (200 wakeups 1 ms ± 400 us apart, on `timer`), with a cpuburn beside it on hart 0 if asked. */
async function sleep(dp: DataPlaneHost, timer: Timer, burner: boolean): Promise<Latencies> {
  const domids = burner ? [await create(dp, 'cpuburn', 'burner', 'vcpus=1', 'cpus="0"', 'extra="burn_ms=250"')] : [];
  const sleeper = await create(dp, 'sleeper', 'sleeper', 'cpus="0"', `extra="period_us=1000 jitter_us=400 seed=3 count=200 timer=${timer}"`);
  expect(await runUntilStopped(dp, [...domids, sleeper], 1_000_000)).toBe(true);
  const lines = consoleLines(dp, sleeper);
  expect(lines[0]).toBe(`sleeper: 200 wakeups every 1000 us on the ${TIMER_NAMES[timer]} timer`);
  // Every wakeup on the VIRQ timer came as an event on the vCPU's VIRQ_TIMER port.
  if (timer === 'virq') expect(lines).toContain('sleeper: 200 VIRQ_TIMER events');
  const measured = latencies(dp, sleeper);
  if (measured === undefined) throw new Error('sleeper printed no latencies');
  const { min, p50, p90, p99, max } = measured;
  expect([min, p50, p90, p99].every((value, i) => value <= [p50, p90, p99, max][i])).toBe(true);
  return measured;
}

describe('sleeper wakeup latency', () => {
  it.each(['xen', 'virq', 'sbi'] as const)('is nil on a hart of its own (%s timer)', async (timer) => {
    const { max } = await sleep(await host(1), timer, false);
    expect(max).toBeLessThan(1 * US);
  });

  it.each(['xen', 'virq', 'sbi'] as const)('spreads up to the 1 ms ratelimit beside a cpuburn (%s timer)', async (timer) => {
    const { p50, p90, max } = await sleep(await host(2), timer, true);
    expect(p50).toBeGreaterThan(200 * US);
    expect(p90).toBeGreaterThan(600 * US);
    expect(max).toBeLessThanOrEqual(1000 * US);
  });

  it('stays under a ratelimit of 100 us beside a cpuburn', async () => {
    const dp = await host(2);
    expect((await xl(dp.host, 'sched-credit2', '-s', '-r', '100')).code).toBe(0);
    const { max } = await sleep(dp, 'virq', true);
    expect(max).toBeLessThanOrEqual(100 * US);
  });
});
