// `xl destroy` of a 4-vCPU guest while its vCPUs burn the CPU on four hart workers: none
// of them runs again (their frames, scrubbed at destroy, stay zero although the burn loop
// writes its stack all the time), all its memory is free again and xenstore forgets it.
import { afterEach, describe, expect, it } from 'vitest';
import { type DataPlaneHost, dataPlaneHost, runUntil } from '../hypervisor/parallel-host.js';
import { xl } from './boot-host.js';
import { domidOf, guestElf, hostFootprint, settle, writeConfig } from './create-support.js';

let dp: DataPlaneHost | undefined;
afterEach(async () => {
  await dp?.host.harts?.stop();
  dp?.host.shutdown();
});

describe('xl destroy', () => {
  it('stops a running 4-vCPU domain on every hart, frees all its memory and removes it from xenstore', async () => {
    dp = await dataPlaneHost('parallel', 4);
    const { host } = dp;
    const before = await hostFootprint(host);
    const cfg = writeConfig(['name = "burner"', `kernel = "${guestElf('cpuburn')}"`, 'memory = 2', 'vcpus = 4', 'extra = "burn_ms=1000000"']);
    expect((await xl(host, 'create', cfg)).code).toBe(0);
    const domid = (await domidOf(host, 'burner')) as number;
    const domain = host.hv.domain(domid);
    if (domain === undefined) throw new Error('no domain');
    const dataPlane = host.harts!.dataPlane;
    const allRunning = () => domain.vcpus.every((vcpu) => vcpu.state === 'running' && dataPlane.instructions(vcpu) > 100_000);
    expect(await runUntil(dp, allRunning, 20_000)).toBe(true);
    expect(new Set(domain.vcpus.map((vcpu) => vcpu.processor)).size).toBe(4);

    const frames: number[] = [];
    domain.p2m.forEachMapping((_gfn, mfn) => frames.push(mfn));
    expect((await xl(host, 'destroy', 'burner')).code).toBe(0);
    expect(host.hv.domain(domid)).toBeUndefined();
    await runUntil(dp, () => false, 300);
    await settle(host);

    const dirty = frames.filter((mfn) => host.hv.ram.bytes.subarray(mfn * 4096 - host.hv.ram.base, (mfn + 1) * 4096 - host.hv.ram.base).some((b) => b !== 0));
    expect(dirty).toEqual([]);
    expect(host.xenstored.domains.isIntroduced(domid)).toBe(false);
    expect(await hostFootprint(host)).toEqual(before);
    expect((await xl(host, 'list', 'burner')).code).toBe(1);
  });
});
