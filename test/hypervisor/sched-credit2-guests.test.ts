// Credit2 end to end: real guest programs on an emulated hart, weights set through domctl
// scheduler_op as xl sched-credit2 does, in deterministic mode.
import { afterEach, describe, expect, it } from 'vitest';
import { XEN_DOMCTL } from '../../src/hypervisor/abi/decl/domctl.js';
import { XEN_DOMCTL_SCHEDOP, XEN_SCHEDULER } from '../../src/hypervisor/abi/decl/scheduler.js';
import { spinner } from './parallel-guests.js';
import { type DataPlaneHost, dataPlaneHost, launch, runUntil } from './parallel-host.js';

let hosts: DataPlaneHost[] = [];
afterEach(() => {
  for (const dp of hosts) dp.host.shutdown();
  hosts = [];
});

describe('credit2 with guests on a hart', () => {
  it('two spinning domains of weight 256 and 512 share one hart 1:2', async () => {
    const dp = await dataPlaneHost('deterministic', 1);
    hosts.push(dp);
    const setWeight = (weight: number) => (domain: { domid: number }) => {
      dp.host.xc.domctl(XEN_DOMCTL.scheduler_op, domain.domid, {
        scheduler_op: { sched_id: XEN_SCHEDULER.CREDIT2, cmd: XEN_DOMCTL_SCHEDOP.putinfo, u: { credit2: { weight, cap: 0 } } },
      });
    };
    const light = launch(dp, spinner().elf, { setup: setWeight(256) });
    const heavy = launch(dp, spinner().elf, { setup: setWeight(512) });
    const [lightVcpu, heavyVcpu] = [light.vcpus[0]!, heavy.vcpus[0]!];
    expect(await runUntil(dp, () => lightVcpu.cpuTime() + heavyVcpu.cpuTime() >= 300_000_000, 1_000_000)).toBe(true);
    const ratio = heavyVcpu.cpuTime() / lightVcpu.cpuTime();
    expect(ratio).toBeGreaterThan(2 * 0.95);
    expect(ratio).toBeLessThan(2 * 1.05);
  });
});
