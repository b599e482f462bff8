// The null scheduler end to end: real guest programs on emulated harts in deterministic
// mode. A domain that finds no free hart waits and never runs until one is freed.
import { afterEach, describe, expect, it } from 'vitest';
import { XEN_DOMCTL } from '../../src/hypervisor/abi/decl/domctl.js';
import { spinner } from './parallel-guests.js';
import { type DataPlaneHost, dataPlaneHost, launch, runUntil } from './parallel-host.js';

let hosts: DataPlaneHost[] = [];
afterEach(() => {
  for (const dp of hosts) dp.host.shutdown();
  hosts = [];
});

describe('null scheduler with guests on a hart', () => {
  it('a second domain waits for the only hart and gets it when the first is destroyed', async () => {
    const dp = await dataPlaneHost('deterministic', 1, { scheduler: 'null' });
    hosts.push(dp);
    expect(dp.console.join('')).toContain('Guest vCPUs are placed by the null policy');
    const spin = spinner();
    const first = await launch(dp, spin.elf);
    const second = await launch(dp, spin.elf);
    const [firstVcpu, secondVcpu] = [first.vcpus[0]!, second.vcpus[0]!];
    expect(await runUntil(dp, () => firstVcpu.cpuTime() >= 50_000_000, 1_000_000)).toBe(true);
    expect(secondVcpu.cpuTime()).toBe(0);
    expect(second.memory.readU64(Number(spin.count))).toBe(0n);

    dp.host.xc.domctl(XEN_DOMCTL.destroydomain, first.domid, {});
    expect(await runUntil(dp, () => secondVcpu.cpuTime() >= 20_000_000, 1_000_000)).toBe(true);
    expect(second.memory.readU64(Number(spin.count))).toBeGreaterThan(1000n);
  });
});
