// xenstored's side of VIRQ_DOM_EXC, as the C daemon does it: dom0 binds the VIRQ for the
// host's xenstored, and on each event every introduced domain is looked up. One that shut
// down fires @releaseDomain once; one that is dying or gone is released (its connection
// closes, the nodes it owns go, @releaseDomain fires). Watchers such as xl's domain
// supervisor learn of shutdowns this way.
import { XEN_DOMINF } from '../hypervisor/abi/decl/domctl.js';
import { VIRQ } from '../hypervisor/abi/decl/xen.js';
import type { Host } from './host.js';
import { HypercallFailed } from './privcmd.js';

export function watchDomainExceptions(host: Pick<Host, 'hv' | 'dom0' | 'xc' | 'xenstored'>): void {
  const port = host.xc.evtchnBindVirq(VIRQ.DOM_EXC);
  let scheduled = false;
  // The VIRQ arrives inside a hypercall (a guest's shutdown, a destroydomain): look once
  // that call has returned, as the daemon would after its event loop woke.
  host.hv.events.listen(host.dom0, port, () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      checkDomains(host);
    });
  });
}

function checkDomains(host: Pick<Host, 'xc' | 'xenstored'>): void {
  const { domains } = host.xenstored;
  for (const { domid } of domains.all()) {
    const flags = domainFlags(host, domid);
    if (flags === undefined || flags & XEN_DOMINF.dying) domains.release(domid)();
    else if (flags & XEN_DOMINF.shutdown) domains.domainShutdown(domid);
  }
}

/** getdomaininfo's flags, or undefined when the domain no longer exists. */
function domainFlags(host: Pick<Host, 'xc'>, domid: number): number | undefined {
  try {
    return host.xc.domainGetinfo(domid).flags;
  } catch (error) {
    if (error instanceof HypercallFailed) return undefined;
    throw error;
  }
}
