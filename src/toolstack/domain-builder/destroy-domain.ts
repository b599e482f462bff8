// libxl's domain destruction as dom0 does it: xenstored releases the domain (XS_RELEASE:
// its ring connection goes, @releaseDomain fires), the domain's xenstore nodes are
// removed, then Xen destroys it (its vCPUs stop, its memory returns to the heap).
import type { Host } from '../host.js';
import { domainPath, removeDomainNodes } from './xenstore-nodes.js';

export async function destroyDomain(host: Host, domid: number): Promise<void> {
  const vm = await host.xs.read(`${domainPath(domid)}/vm`).catch(() => undefined);
  await host.xs.release(domid).catch(() => undefined);
  await removeDomainNodes(host.xs, domid, vm?.replace(/^\/vm\//, ''));
  host.xc.destroyDomain(domid);
}
