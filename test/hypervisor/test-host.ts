// A small host for hypervisor tests: RAM, dom0 with its privcmd, and a helper to create
// domUs through domctl exactly as the toolstack does.
import { XEN_DOMCTL, XEN_DOMCTL_CDF } from '../../src/hypervisor/abi/decl/domctl.js';
import { buildDom0, DOM0_RAM_BASE } from '../../src/hypervisor/dom0.js';
import type { Domain } from '../../src/hypervisor/domain.js';
import { DEFAULT_HOST, type HostConfig } from '../../src/hypervisor/host-config.js';
import { Hypervisor } from '../../src/hypervisor/hypervisor.js';
import { Privcmd } from '../../src/toolstack/privcmd.js';
import { Xc } from '../../src/toolstack/xc.js';

export interface TestHost {
  hv: Hypervisor;
  dom0: Domain;
  privcmd: Privcmd;
  xc: Xc;
}

export const DOM0_BYTES = 8 * 1024 * 1024;

export function testHost(config: Partial<HostConfig> = {}): TestHost {
  const hv = new Hypervisor({ ...DEFAULT_HOST, ramBytes: 64 * 1024 * 1024, ...config });
  const dom0 = buildDom0(hv, { memoryBytes: DOM0_BYTES, vcpus: 1 });
  const privcmd = new Privcmd(hv, dom0, DOM0_RAM_BASE + DOM0_BYTES);
  return { hv, dom0, privcmd, xc: new Xc(privcmd) };
}

/** Creates a domU through domctl createdomain; returns it. */
export function createDomU(host: TestHost, maxVcpus = 2): Domain {
  const { domain } = host.xc.domctl(XEN_DOMCTL.createdomain, 0, {
    createdomain: {
      ssidref: 0, handle: new Uint8Array(16).fill(0xab), flags: XEN_DOMCTL_CDF.hvm | XEN_DOMCTL_CDF.hap, iommu_opts: 0,
      max_vcpus: maxVcpus, max_evtchn_port: 1023, max_grant_frames: -1, max_maptrack_frames: -1, grant_opts: 1,
      vmtrace_size: 0, cpupool_id: 0, arch: {},
    },
  });
  const created = host.hv.domain(domain);
  if (created === undefined) throw new Error('createdomain returned no domain');
  return created;
}
