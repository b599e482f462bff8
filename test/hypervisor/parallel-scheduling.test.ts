// Scheduling on the data plane: a blocked vCPU wakes at its timer's virtual time (Xen's
// singleshot timer in sched_op block, the SBI timer in wfi) with exact runstate times,
// and deterministic mode repeats a mixed schedule bit for bit.
import { afterEach, describe, expect, it } from 'vitest';
import { RUNSTATE } from '../../src/hypervisor/abi/decl/vcpu.js';
import type { ExecutionMode } from '../../src/hypervisor/dataplane/guest-harts.js';
import type { Domain } from '../../src/hypervisor/domain.js';
import { sleeper, spinner } from './parallel-guests.js';
import { type DataPlaneHost, dataPlaneHost, launch, runUntil } from './parallel-host.js';

const NS_PER_TICK = 100n;
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

describe.each<[ExecutionMode, number]>([['deterministic', 100_000], ['parallel', 10_000]])('timers, %s mode', (mode, limit) => {
  it('a blocked vCPU wakes at its timer: sched_op block at the Xen timer, wfi at the SBI timer', async () => {
    const dp = await host(mode, 2);
    const guest = sleeper(2_000_000, 5_000);
    const domain = await launch(dp, guest.elf);
    expect(await runUntil(dp, () => domain.state === 'shutdown', limit)).toBe(true);

    const r = guest.read(domain);
    // Woken exactly at the deadline: the guest reads the time a few instructions later.
    expect(r.afterBlock * NS_PER_TICK).toBeGreaterThanOrEqual(r.deadlineNs);
    expect(r.afterBlock * NS_PER_TICK - r.deadlineNs).toBeLessThan(1_000n);
    expect(r.afterWfi).toBeGreaterThanOrEqual(r.afterBlock + 5_000n);
    expect(r.afterWfi - (r.afterBlock + 5_000n)).toBeLessThan(10n);
    // 2 ms blocked on the Xen timer plus 0.5 ms in wfi, less the few instructions before each sleep.
    const time = domain.vcpus[0]!.runstateNow().time;
    expect(time[RUNSTATE.blocked]).toBeGreaterThan(2_499_000);
    expect(time[RUNSTATE.blocked]).toBeLessThanOrEqual(2_500_000);
    expect(time[RUNSTATE.running]).toBeLessThan(10_000);
  });
});

interface Outcome {
  instructions: number[];
  runstates: number[][];
  sleepers: unknown[];
  spins: bigint;
}

async function mixedSchedule(): Promise<Outcome> {
  const dp = await host('deterministic', 2);
  const first = sleeper(1_000_000, 2_000);
  const second = sleeper(3_000_000, 1_000);
  const spin = spinner();
  const domains: Domain[] = [await launch(dp, first.elf), await launch(dp, spin.elf), await launch(dp, second.elf)];
  const [a, b, c] = domains as [Domain, Domain, Domain];
  expect(await runUntil(dp, () => a.state === 'shutdown' && c.state === 'shutdown', 100_000)).toBe(true);
  const dataPlane = dp.host.harts!.dataPlane;
  const vcpus = domains.map((d) => d.vcpus[0]!);
  return {
    instructions: vcpus.map((v) => dataPlane.instructions(v)),
    runstates: vcpus.map((v) => v.runstateNow().time),
    sleepers: [first.read(a), second.read(c)],
    spins: b.memory.readU64(Number(spin.count)),
  };
}

describe('deterministic mode', () => {
  it('repeats instruction counts and runstate times exactly over two runs', async () => {
    const once = await mixedSchedule();
    const again = await mixedSchedule();
    expect(once.spins).toBeGreaterThan(1000n);
    expect(once.instructions.every((n) => n > 0)).toBe(true);
    expect(again).toEqual(once);
  });
});
