// xl unpause: a paused guest runs again (its vCPU gets CPU time, xl list drops the p);
// a guest created with -p starts; unpausing what is not paused or does not exist gets
// libxl's error lines, and xl still exits 0 as xl 4.17 does.
import { describe, expect, it } from 'vitest';
import { xl } from './boot-host.js';
import { busyGuest } from './busy-guest.js';
import { createHost, domidOf, runFor, writeConfig } from './create-support.js';

describe('xl unpause', () => {
  it('resumes a paused guest where it stopped', async () => {
    const dp = await createHost(2);
    await xl(dp.host, 'create', writeConfig(busyGuest()));
    const vcpu = dp.host.hv.domain((await domidOf(dp.host, 'busy'))!)!.vcpus[0]!;
    await runFor(dp, () => vcpu.cpuTime() > 1_000_000);
    await xl(dp.host, 'pause', 'busy');
    const paused = vcpu.cpuTime();
    await runFor(dp, () => false, 1000);
    expect(vcpu.cpuTime()).toBe(paused);

    expect(await xl(dp.host, 'unpause', 'busy')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect((await xl(dp.host, 'list', 'busy')).stdout).not.toMatch(/--p---/);
    const retired = dp.host.harts!.dataPlane.instructions(vcpu);
    expect(await runFor(dp, () => vcpu.cpuTime() > paused + 1_000_000)).toBe(true);
    expect(dp.host.harts!.dataPlane.instructions(vcpu)).toBeGreaterThan(retired);
  });

  it('starts a guest xl create -p left paused', async () => {
    const dp = await createHost(2);
    await xl(dp.host, 'create', '-p', writeConfig(busyGuest()));
    const domid = (await domidOf(dp.host, 'busy'))!;
    const vcpu = dp.host.hv.domain(domid)!.vcpus[0]!;
    await runFor(dp, () => false, 1000);
    expect(vcpu.cpuTime()).toBe(0);
    expect((await xl(dp.host, 'unpause', String(domid))).code).toBe(0);
    expect(await runFor(dp, () => vcpu.cpuTime() > 0)).toBe(true);
  });

  it('reports libxl errors for a domain that is not paused or does not exist, and exits 0', async () => {
    const dp = await createHost(2);
    await xl(dp.host, 'create', writeConfig(busyGuest()));
    const domid = (await domidOf(dp.host, 'busy'))!;
    expect(await xl(dp.host, 'unpause', 'busy')).toEqual({
      stdout: '', stderr: `libxl: error: libxl_domain.c:688:domain_unpause_done: Domain ${domid}:Unpausing domain: Invalid argument\n`, code: 0,
    });
    expect(await xl(dp.host, 'unpause', '42')).toEqual({
      stdout: '', stderr: 'libxl: error: libxl_dom.c:37:libxl__domain_type: unable to get domain type for domid=42\n', code: 0,
    });
    expect(await xl(dp.host, 'unpause', 'nosuch')).toMatchObject({ stderr: 'nosuch is an invalid domain identifier (rc=-6)\n', code: 1 });
  });
});
