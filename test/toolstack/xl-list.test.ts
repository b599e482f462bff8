import { describe, expect, it } from 'vitest';
import { XEN_DOMCTL, XEN_DOMCTL_CDF } from '../../src/hypervisor/abi/decl/domctl.js';
import { SHUTDOWN } from '../../src/hypervisor/abi/decl/sched-op.js';
import type { Host } from '../../src/toolstack/host.js';
import { smallHost, xl } from './boot-host.js';

const HEADER = 'Name                                        ID   Mem VCPUs\tState\tTime(s)';
const ROW = /^(.{40}) ([ \d]{5}) ([ \d]{5}) ([ \d]{5}) {5}([r-][b-][p-][s-][-rscwS][d-]) {2}([ \d.]{8})$/;

async function addDomain(host: Host, name: string, pages: number): Promise<number> {
  const { domain } = host.xc.domctl(XEN_DOMCTL.createdomain, 0, {
    createdomain: {
      ssidref: 0, handle: Uint8Array.from({ length: 16 }, (_, i) => i), flags: XEN_DOMCTL_CDF.hvm | XEN_DOMCTL_CDF.hap,
      iommu_opts: 0, max_vcpus: 2, max_evtchn_port: 0, max_grant_frames: -1, max_maptrack_frames: -1, grant_opts: 1,
      vmtrace_size: 0, cpupool_id: 0, arch: {},
    },
  });
  host.xc.domctl(XEN_DOMCTL.max_mem, domain, { max_mem: { max_memkb: BigInt(pages * 4) } });
  host.hv.domain(domain)?.populate(0x80000, pages);
  await host.xs.write(`/local/domain/${domain}/name`, name);
  return domain;
}

describe('xl list', () => {
  it('prints the header and one row per domain in xl\'s layout', async () => {
    const host = await smallHost();
    const id = await addDomain(host, 'guest-one', 2560);
    const { stdout, code } = await xl(host, 'list');
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trimEnd().split('\n');
    expect(header).toBe(HEADER);
    expect(rows).toHaveLength(2);
    const dom0 = ROW.exec(rows[0]);
    const domU = ROW.exec(rows[1]);
    expect(dom0?.slice(1).map((c) => c.trim())).toEqual(['Domain-0', '0', '16', '1', 'r-----', '0.0']);
    expect(domU?.slice(1).map((c) => c.trim())).toEqual(['guest-one', String(id), '10', '0', '--p---', '0.0']);
  });

  it('shows running time, blocked and shutdown states with the reason letter', async () => {
    const host = await smallHost();
    const id = await addDomain(host, 'vm', 256);
    const domain = host.hv.domain(id);
    if (domain === undefined) throw new Error('no domain');
    domain.vcpus[0].initialised = true;
    domain.vcpus[0].up();
    host.xc.domctl(XEN_DOMCTL.unpausedomain, id, {});
    domain.vcpus[0].schedule(1);
    host.hv.clock.advanceBy(2_250_000_000);
    domain.vcpus[0].block();
    let row = (await xl(host, 'list', 'vm')).stdout.split('\n')[1];
    expect(ROW.exec(row)?.slice(4).map((c) => c.trim())).toEqual(['1', '-b----', '2.3']);
    domain.shutdown(SHUTDOWN.crash);
    row = (await xl(host, 'list', String(id))).stdout.split('\n')[1];
    expect(ROW.exec(row)?.[5]).toBe('-b-sc-');
  });

  it('-v adds UUID, reason code and security label', async () => {
    const host = await smallHost();
    const id = await addDomain(host, 'vm', 16);
    host.hv.domain(id)?.shutdown(SHUTDOWN.reboot);
    const lines = (await xl(host, 'list', '-v')).stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${HEADER}   UUID                            Reason-Code\tSecurity Label`);
    expect(lines[1]).toMatch(/ 00000000-0000-0000-0000-000000000000 {8}- {16}-$/);
    expect(lines[2]).toMatch(/ 00010203-0405-0607-0809-0a0b0c0d0e0f {8}1 {16}-$/);
  });

  it('-l prints JSON with dom0\'s stored configuration', async () => {
    const host = await smallHost();
    const parsed = JSON.parse((await xl(host, 'list', '-l')).stdout) as { domid: number; config: { c_info: { name: string } } }[];
    expect(parsed).toEqual([expect.objectContaining({ domid: 0, config: expect.objectContaining({ c_info: expect.objectContaining({ name: 'Domain-0' }) }) })]);
  });

  it('fails like xl for an unknown name or id', async () => {
    const host = await smallHost();
    expect(await xl(host, 'list', 'nosuch')).toEqual({ stdout: '', stderr: 'nosuch is an invalid domain identifier (rc=-6)\n', code: 1 });
    expect(await xl(host, 'list', '42')).toEqual({ stdout: '', stderr: "Error: Domain '42' does not exist.\n", code: 1 });
    expect((await xl(host, 'frobnicate')).stderr).toBe('command not implemented\n');
  });
});
