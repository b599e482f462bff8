// xl vcpu-set: for a PVH guest libxl writes cpu/<n>/availability, online for the first N
// vCPUs and offline for the rest up to maxvcpus; a guest without PV CPU hotplug (ours) keeps
// the vCPUs it has. More than maxvcpus, zero, more than the host has (without -i), a bad
// number or domain: xl's and libxl's messages, exit 1, no node changed.
import { describe, expect, it } from 'vitest';
import { xl } from './boot-host.js';
import { busyGuest } from './busy-guest.js';
import { createHost, domidOf, writeConfig } from './create-support.js';

async function availability(dp: Awaited<ReturnType<typeof createHost>>, domid: number): Promise<string[]> {
  const read = (cpu: number) => dp.host.xs.read(`/local/domain/${domid}/cpu/${cpu}/availability`).catch(() => 'absent');
  return Promise.all([0, 1, 2, 3].map(read));
}

async function guestWithMax(hosts: number, maxvcpus: number) {
  const dp = await createHost(hosts);
  await xl(dp.host, 'create', '-p', writeConfig(busyGuest('hot', ['vcpus = 1', `maxvcpus = ${maxvcpus}`])));
  return { dp, domid: (await domidOf(dp.host, 'hot'))! };
}

describe('xl vcpu-set', () => {
  it('writes the availability nodes up to maxvcpus; a guest without CPU hotplug keeps its vCPUs', async () => {
    const { dp, domid } = await guestWithMax(4, 3);
    expect(await availability(dp, domid)).toEqual(['online', 'offline', 'offline', 'absent']);
    expect(await xl(dp.host, 'vcpu-set', 'hot', '3')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await availability(dp, domid)).toEqual(['online', 'online', 'online', 'absent']);
    expect(await xl(dp.host, 'vcpu-set', String(domid), '2')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await availability(dp, domid)).toEqual(['online', 'online', 'offline', 'absent']);
    expect((await xl(dp.host, 'list', 'hot')).stdout).toMatch(/^hot\s+\d+\s+2\s+1\s/m);
  });

  it("refuses more vCPUs than maxvcpus with libxl's error and changes nothing", async () => {
    const { dp, domid } = await guestWithMax(4, 3);
    expect(await xl(dp.host, 'vcpu-set', 'hot', '4')).toEqual({
      stdout: '',
      stderr:
        `libxl: error: libxl_domain.c:1869:libxl_set_vcpuonline: Domain ${domid}:Requested 4 VCPUs, however maxcpus is 3!: Function not implemented\n` +
        `libxl_set_vcpuonline failed domid=${domid} max_vcpus=4, rc: -3\n`,
      code: 1,
    });
    expect(await xl(dp.host, 'vcpu-set', 'hot', '0')).toEqual({
      stdout: '',
      stderr:
        `libxl: error: libxl_domain.c:1863:libxl_set_vcpuonline: Domain ${domid}:Requested 0 VCPUs!: Function not implemented\n` +
        `libxl_set_vcpuonline failed domid=${domid} max_vcpus=0, rc: -3\n`,
      code: 1,
    });
    expect(await availability(dp, domid)).toEqual(['online', 'offline', 'offline', 'absent']);
  });

  it('refuses more vCPUs than the host has pCPUs unless -i', async () => {
    const { dp, domid } = await guestWithMax(2, 4);
    expect(await xl(dp.host, 'vcpu-set', 'hot', '3')).toEqual({
      stdout: '', stderr: 'You are overcommmitting! You have 2 physical CPUs and want 3 vCPUs! Aborting, use --ignore-host to continue\n', code: 1,
    });
    expect(await availability(dp, domid)).toEqual(['online', 'offline', 'offline', 'offline']);
    expect((await xl(dp.host, 'vcpu-set', '-i', 'hot', '3')).code).toBe(0);
    expect(await availability(dp, domid)).toEqual(['online', 'online', 'online', 'offline']);
    expect((await xl(dp.host, 'vcpu-set', 'hot', '--ignore-host', '4')).code).toBe(0);
    expect(await availability(dp, domid)).toEqual(['online', 'online', 'online', 'online']);
  });

  it('refuses bad numbers, unknown and missing domains', async () => {
    const { dp } = await guestWithMax(2, 2);
    expect(await xl(dp.host, 'vcpu-set', 'hot', 'many')).toEqual({ stdout: '', stderr: 'Error: Invalid argument.\n', code: 1 });
    expect(await xl(dp.host, 'vcpu-set', 'hot', '3000000000')).toEqual({ stdout: '', stderr: 'Error: Invalid argument.\n', code: 1 });
    expect(await xl(dp.host, 'vcpu-set', 'cold', '1')).toEqual({ stdout: '', stderr: 'cold is an invalid domain identifier (rc=-6)\n', code: 1 });
    // xl's host check finds no such domain and gives up silently; with -i libxl says so.
    expect(await xl(dp.host, 'vcpu-set', '42', '1')).toEqual({ stdout: '', stderr: '', code: 1 });
    expect(await xl(dp.host, 'vcpu-set', '-i', '42', '1')).toEqual({
      stdout: '',
      stderr: 'libxl: error: libxl_domain.c:1856:libxl_set_vcpuonline: Domain 42:Getting domain info list: No such file or directory\nDomain 42 does not exist.\n',
      code: 1,
    });
    expect(await xl(dp.host, 'vcpu-set', 'hot')).toMatchObject({ stderr: "'xl vcpu-set' requires at least 2 arguments.\n\n", code: 2 });
  });
});
