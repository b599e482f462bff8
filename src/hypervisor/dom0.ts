// Building dom0 at boot (Xen's construct_dom0): domid 0, privileged, its RAM populated
// at the start of guest RAM, every vCPU up, vCPU 0 running on pCPU 0 (the native dom0
// kernel and toolstack run there), and the domain unpaused.
import { XEN_DOMCTL_CDF } from './abi/decl/domctl.js';
import { GUEST_LAYOUT } from './abi/decl/guest-layout.js';
import type { Domain } from './domain.js';
import type { Hypervisor } from './hypervisor.js';
import { PAGE_SIZE } from './memory/machine-ram.js';

export interface Dom0Options {
  memoryBytes: number;
  vcpus: number;
}

export const DOM0_RAM_BASE = GUEST_LAYOUT.RAM0_BASE;

export function buildDom0(hv: Hypervisor, options: Dom0Options): Domain {
  const pages = options.memoryBytes / PAGE_SIZE;
  if (!Number.isInteger(pages) || pages < 1) throw new Error(`dom0 memory must be a positive number of 4 KiB pages`);
  if (options.memoryBytes > GUEST_LAYOUT.RAM0_SIZE) throw new Error(`dom0 memory exceeds the ${GUEST_LAYOUT.RAM0_SIZE / 2 ** 20} MiB RAM bank`);
  const created = hv.createDomain(
    {
      ssidref: 0,
      handle: new Uint8Array(16),
      flags: XEN_DOMCTL_CDF.hvm | XEN_DOMCTL_CDF.hap,
      maxVcpus: options.vcpus,
      maxEvtchnPort: 4095,
      maxGrantFrames: 64,
      maxMaptrackFrames: 1024,
      cpupool: 0,
    },
    { domid: 0, privileged: true },
  );
  if (typeof created === 'number') throw new Error(`cannot create dom0 (error ${created})`);
  const dom0 = created;
  dom0.maxPages = pages;
  const populated = dom0.populate(DOM0_RAM_BASE / PAGE_SIZE, pages);
  if (populated < pages) {
    hv.destroyDomain(dom0);
    throw new Error(`not enough RAM for dom0: ${options.memoryBytes / 2 ** 20} MiB requested, ${(populated * PAGE_SIZE) / 2 ** 20} MiB available`);
  }
  for (const vcpu of dom0.vcpus) {
    vcpu.initialised = true;
    vcpu.up();
  }
  dom0.unpauseByController();
  dom0.vcpus[0].schedule(0);
  // The native kernel's other vCPUs idle, waiting for events.
  for (const vcpu of dom0.vcpus.slice(1)) vcpu.block();
  return dom0;
}
