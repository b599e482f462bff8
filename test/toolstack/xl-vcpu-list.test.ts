// xl vcpu-list: one row per vCPU with its pCPU, state letters, running time and hard /
// soft affinity, in xl's columns; CPU sets print as all, none or ranges.
import { describe, expect, it } from 'vitest';
import { XEN_DOMCTL, XEN_DOMCTL_CDF } from '../../src/hypervisor/abi/decl/domctl.js';
import { formatCpuSet } from '../../src/toolstack/xl/cpu-ranges.js';
import { smallHost, xl } from './boot-host.js';

const HEADER = 'Name                                ID  VCPU   CPU State   Time(s) Affinity (Hard / Soft)';

describe('xl vcpu-list', () => {
  it('prints CPU sets as all, none or ranges', () => {
    expect(formatCpuSet([0, 1, 2, 3], 4)).toBe('all');
    expect(formatCpuSet([], 4)).toBe('none');
    expect(formatCpuSet([2, 3, 6], 8)).toBe('2-3,6');
    expect(formatCpuSet([0, 2, 4, 5, 6], 8)).toBe('0,2,4-6');
  });

  it('lists dom0 and a new domain\'s offline vCPUs with their pinned affinity', async () => {
    const host = await smallHost({ nrCpus: 4 });
    const { domain } = host.xc.domctl(XEN_DOMCTL.createdomain, 0, {
      createdomain: {
        ssidref: 0, handle: new Uint8Array(16), flags: XEN_DOMCTL_CDF.hvm | XEN_DOMCTL_CDF.hap, iommu_opts: 0, max_vcpus: 2, max_evtchn_port: 0,
        max_grant_frames: -1, max_maptrack_frames: -1, grant_opts: 1, vmtrace_size: 0, cpupool_id: 0, arch: {},
      },
    });
    host.xc.domctl(XEN_DOMCTL.max_vcpus, domain, { max_vcpus: { max: 2 } });
    await host.xs.write(`/local/domain/${domain}/name`, 'vm1');
    const vcpu = host.hv.domain(domain)!.vcpus[1]!;
    vcpu.setAffinity(Uint8Array.of(0b1100), vcpu.softAffinity);
    const { stdout, code } = await xl(host, 'vcpu-list');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines[1]).toMatch(/^Domain-0 {29}0 {5}0 {4}\d {3}[r-][b-]- +\d+\.\d {2}all \/ all$/);
    expect(lines.slice(2)).toEqual([
      'vm1                                  1     0    -   --p       0.0  all / all',
      'vm1                                  1     1    -   --p       0.0  2-3 / all',
    ]);
    expect((await xl(host, 'vcpu-list', 'vm1')).stdout.split('\n')).toHaveLength(4);
    expect(await xl(host, 'vcpu-list', 'nosuch')).toMatchObject({ code: 1, stderr: 'nosuch is an invalid domain identifier (rc=-6)\n' });
  });
});
