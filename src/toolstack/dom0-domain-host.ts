// Dom0's reach into a domU for the backends it runs natively (xenstored, the console
// daemon): a page of the domU by its gfn, as a dom0 daemon's foreign mapping gives it
// (the machine frame the domU's p2m maps there, provided the domU owns it: never Xen's
// frames or another domain's grant), and the backend end of an event channel the domU
// offered dom0 with alloc_unbound. The page is a view into machine RAM, so a guest
// running on another hart's worker writes the very same bytes.
import type { Domain } from '../hypervisor/domain.js';
import type { Hypervisor } from '../hypervisor/hypervisor.js';
import { PAGE_SIZE, mfnOffset } from '../hypervisor/memory/machine-ram.js';
import type { DomainHost, EventChannelEnd } from '../xenstore/domain-host.js';

export class Dom0DomainHost implements DomainHost {
  constructor(
    private readonly hv: Hypervisor,
    private readonly dom0: Domain,
  ) {}

  /** The domU's page at `gfn`, or undefined when the domain or the page is not there. */
  mapRing(domid: number, gfn: bigint): Uint8Array | undefined {
    const domain = this.hv.domain(domid);
    if (domain === undefined || domain === this.dom0 || domain.isDying) return undefined;
    if (gfn < 0n || gfn > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
    const mfn = domain.p2m.lookup(Number(gfn));
    if (mfn < 0 || this.hv.frames.ownerOf(mfn) !== domid) return undefined;
    const offset = mfnOffset(this.hv.ram, mfn);
    return this.hv.ram.bytes.subarray(offset, offset + PAGE_SIZE);
  }

  /**
   * Whether the page mapRing gave for `domid` is still the domain's: false once the domain
   * is dying or gone (its frames go back to Xen, and may become another domain's). Xen
   * frees a destroyed domain's memory at once; xenstored and the console backend hear of
   * it a little later (VIRQ_DOM_EXC, @releaseDomain), and ask this before each access.
   */
  mappingAlive(domid: number): () => boolean {
    const domain = this.hv.domain(domid);
    return () => domain !== undefined && this.hv.domain(domid) === domain && !domain.isDying;
  }

  /** Binds dom0 to `remotePort` of the domU; undefined when Xen refuses (not offered to dom0, closed, ...). */
  bindEventChannel(domid: number, remotePort: number, onEvent: () => void): EventChannelEnd | undefined {
    const end = this.hv.events.bindBackend(this.dom0, domid, remotePort, onEvent);
    return typeof end === 'number' ? undefined : end;
  }
}
