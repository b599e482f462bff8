// xen-init-dom0: the boot-time step that records dom0 in xenstore (its domid and name,
// and each cpupool's name) and stores libxl's stub configuration for it.
import { XEN_DOMCTL } from '../hypervisor/abi/decl/domctl.js';
import { HypercallFailed } from './privcmd.js';
import type { Host } from './host.js';

export const DOM0_NAME = 'Domain-0';

export function formatUuid(handle: Uint8Array): string {
  const hex = [...handle].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function exists(host: Host, path: string): Promise<boolean> {
  try {
    await host.xs.read(path);
    return true;
  } catch {
    return false;
  }
}

/** Runs the step; returns the line it prints. */
export async function xenInitDom0(host: Host, uuid?: Uint8Array): Promise<string> {
  if ((await exists(host, '/local/domain/0/domid')) && (await exists(host, '/local/domain/0/name'))) {
    return 'Dom0 is already set up';
  }
  if (uuid !== undefined) host.xc.domctl(XEN_DOMCTL.setdomainhandle, 0, { setdomainhandle: { handle: uuid } });
  const handle = host.xc.domainGetinfo(0).handle;
  const stub = { c_info: { type: 'pvh', name: DOM0_NAME, uuid: formatUuid(handle) }, b_info: {} };
  host.userdata.set(`userdata-d.0.${formatUuid(handle)}.libxl-json`, JSON.stringify(stub));
  host.userdata.delete('domid-history');
  await host.xs.write('/local/domain/0/domid', '0');
  await host.xs.write('/local/domain/0/name', DOM0_NAME);
  for (let pool = 0; ; pool++) {
    let info;
    try {
      info = host.xc.cpupoolInfo(pool);
    } catch (error) {
      if (error instanceof HypercallFailed) break;
      throw error;
    }
    await host.xs.write(`/local/pool/${info.id}/name`, `Pool-${info.id}`);
    pool = info.id;
  }
  return 'Done setting up Dom0';
}


