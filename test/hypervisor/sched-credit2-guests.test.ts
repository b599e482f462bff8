// Credit2 end to end: real guest programs on an emulated hart, weights set through domctl
// scheduler_op as xl sched-credit2 does, in deterministic mode.
import { afterEach, describe, expect, it } from 'vitest';
import { XEN_DOMCTL } from '../../src/hypervisor/abi/decl/domctl.js';
import { XEN_DOMCTL_SCHEDOP, XEN_SCHEDULER } from '../../src/hypervisor/abi/decl/scheduler.js';
import type { Vcpu } from '../../src/hypervisor/vcpu.js';
import { spinner } from './parallel-guests.js';
import { type DataPlaneHost, dataPlaneHost, launch, runUntil } from './parallel-host.js';

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

/** Sets a domain's credit2 weight and cap before it is unpaused, as xl sched-credit2 -d does. */
function credit2(dp: DataPlaneHost, weight: number, cap = 0) {
  return (domain: { domid: number }) => {
    dp.host.xc.domctl(XEN_DOMCTL.scheduler_op, domain.domid, {
      scheduler_op: { sched_id: XEN_SCHEDULER.CREDIT2, cmd: XEN_DOMCTL_SCHEDOP.putinfo, u: { credit2: { weight, cap } } },
    });
  };
}

describe('credit2 with guests on harts', () => {
  it('two spinning domains of weight 256 and 512 share one hart 1:2', async () => {
    const dp = await host(1);
    const light = await launch(dp, spinner().elf, { setup: credit2(dp, 256) });
    const heavy = await launch(dp, spinner().elf, { setup: credit2(dp, 512) });
    const [lightVcpu, heavyVcpu] = [light.vcpus[0]!, heavy.vcpus[0]!];
    expect(await runUntil(dp, () => lightVcpu.cpuTime() + heavyVcpu.cpuTime() >= 300_000_000, 1_000_000)).toBe(true);
    const ratio = heavyVcpu.cpuTime() / lightVcpu.cpuTime();
    expect(ratio).toBeGreaterThan(2 * 0.95);
    expect(ratio).toBeLessThan(2 * 1.05);
  });

  it('a cap of 25 holds a spinning domain to a quarter of its hart', async () => {
    const dp = await host(1);
    const capped = (await launch(dp, spinner().elf, { setup: credit2(dp, 256, 25) })).vcpus[0]!;
    const start = dp.host.hv.clock.now();
    expect(await runUntil(dp, () => dp.host.hv.clock.now() - start >= 200_000_000, 1_000_000)).toBe(true);
    const share = capped.cpuTime() / (dp.host.hv.clock.now() - start);
    expect(share).toBeGreaterThan(0.25 * 0.95);
    expect(share).toBeLessThan(0.25 * 1.05);
  });

  it('three spinning domains on two harts of one runqueue get two thirds of a hart each', async () => {
    const dp = await host(2);
    const vcpus: Vcpu[] = [];
    for (let i = 0; i < 3; i++) vcpus.push((await launch(dp, spinner().elf)).vcpus[0]!);
    const total = () => vcpus.reduce((sum, v) => sum + v.cpuTime(), 0);
    expect(await runUntil(dp, () => total() >= 300_000_000, 1_000_000)).toBe(true);
    for (const v of vcpus) {
      expect(v.cpuTime() / total()).toBeGreaterThan((1 / 3) * 0.9);
      expect(v.cpuTime() / total()).toBeLessThan((1 / 3) * 1.1);
    }
  });
});
