// xl pause: a guest burning CPU stops running (its vCPU gets no CPU time and retires no
// instruction while the harts run on), xl list shows it `p`; pauses nest; bad domains get
// xl's and libxl's messages.
import { describe, expect, it } from 'vitest';
import { xl } from './boot-host.js';
import { busyGuest } from './busy-guest.js';
import { createHost, domidOf, runFor, writeConfig } from './create-support.js';

describe('xl pause', () => {
  it('stops a running guest: xl list shows p and its vCPU gets no more CPU time', async () => {
    const dp = await createHost(2);
    expect((await xl(dp.host, 'create', writeConfig(busyGuest()))).code).toBe(0);
    const domain = dp.host.hv.domain((await domidOf(dp.host, 'busy'))!)!;
    const vcpu = domain.vcpus[0]!;
    expect(await runFor(dp, () => vcpu.cpuTime() > 2_000_000)).toBe(true);

    expect(await xl(dp.host, 'pause', 'busy')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect((await xl(dp.host, 'list', 'busy')).stdout).toMatch(/^busy\s+\d+\s+2\s+1\s+--p---\s/m);
    expect(vcpu.state).toBe('offline');
    const retired = (): number => dp.host.harts!.dataPlane.instructions(vcpu);
    const [frozenTime, frozenInstructions] = [vcpu.cpuTime(), retired()];
    await runFor(dp, () => false, 2000);
    expect(vcpu.cpuTime()).toBe(frozenTime);
    expect(retired()).toBe(frozenInstructions);
  });

  it('nests: two pauses need two unpauses', async () => {
    const dp = await createHost(2);
    await xl(dp.host, 'create', writeConfig(busyGuest()));
    await xl(dp.host, 'pause', 'busy');
    await xl(dp.host, 'pause', 'busy');
    await xl(dp.host, 'unpause', 'busy');
    expect((await xl(dp.host, 'list', 'busy')).stdout).toMatch(/--p---/);
    await xl(dp.host, 'unpause', 'busy');
    expect((await xl(dp.host, 'list', 'busy')).stdout).not.toMatch(/--p---/);
  });

  it('reports what xl and libxl report for names, missing domains and dom0', async () => {
    const dp = await createHost(2);
    expect(await xl(dp.host, 'pause', 'nosuch')).toEqual({ stdout: '', stderr: 'nosuch is an invalid domain identifier (rc=-6)\n', code: 1 });
    // xl pause does not look at libxl's answer: it exits 0 after libxl's error line.
    expect(await xl(dp.host, 'pause', '42')).toEqual({
      stdout: '', stderr: 'libxl: error: libxl_domain.c:587:libxl_domain_pause: Domain 42:Pausing domain: No such process\n', code: 0,
    });
    expect(await xl(dp.host, 'pause', '0')).toEqual({
      stdout: '', stderr: 'libxl: error: libxl_domain.c:587:libxl_domain_pause: Pausing domain: Invalid argument\n', code: 0,
    });
    expect((await xl(dp.host, 'list', '0')).stdout).not.toMatch(/--p---/);
  });

  it('needs a domain: the usage message and exit code 2', async () => {
    const dp = await createHost(1);
    expect(await xl(dp.host, 'pause')).toEqual({
      stdout: 'Usage: xl [-vtTf] pause <Domain>\n\nPause execution of a domain.\n\n',
      stderr: "'xl pause' requires at least 1 argument.\n\n",
      code: 2,
    });
    expect(await xl(dp.host, 'pause', '-x', 'busy')).toEqual({ stdout: '', stderr: "option `x' not supported.\n", code: 2 });
  });
});
