// Dom0's reach into a domU for its backends: the page a gfn names in the domU's p2m (only
// a page the domU owns), the backend end of a channel the domU offered dom0, and the
// guarantee that a daemon stops touching the page once the domain's memory is gone.
import { describe, expect, it } from 'vitest';
import { GUEST_LAYOUT, MAGIC_PAGES } from '../../src/hypervisor/abi/decl/guest-layout.js';
import { PAGE_SIZE } from '../../src/hypervisor/memory/machine-ram.js';
import { Dom0DomainHost } from '../../src/toolstack/dom0-domain-host.js';
import { XenstoreRingPage } from '../../src/xenstore/ring-page.js';
import { RingTransport } from '../../src/xenstore/ring-transport.js';
import { bootGuestHost, startGuest } from '../guests/support/guest-host.js';

const STORE_GFN = BigInt(GUEST_LAYOUT.MAGIC_BASE / PAGE_SIZE + MAGIC_PAGES.XENSTORE_PFN_OFFSET);

describe('dom0 domain host', () => {
  it('maps the page the domU has at a gfn, and nothing else', async () => {
    const gh = await bootGuestHost(2);
    const guest = await startGuest(gh, 'xs-client', { paused: true });
    const domid = guest.domain.domid;
    const mapper = new Dom0DomainHost(gh.host.hv, gh.host.dom0);
    const page = mapper.mapRing(domid, STORE_GFN) as Uint8Array;
    expect(page.length).toBe(PAGE_SIZE);
    gh.host.privcmd.foreignMemory(domid).write(Number(STORE_GFN) * PAGE_SIZE + 100, new Uint8Array([1, 2, 3]));
    expect([...page.subarray(100, 103)]).toEqual([1, 2, 3]);
    expect(mapper.mapRing(domid, BigInt(GUEST_LAYOUT.GNTTAB_BASE / PAGE_SIZE))).toBeUndefined(); // nothing there
    expect(mapper.mapRing(domid, -1n)).toBeUndefined();
    expect(mapper.mapRing(0, STORE_GFN)).toBeUndefined(); // dom0 itself
    expect(mapper.mapRing(77, STORE_GFN)).toBeUndefined(); // no such domain
  });

  it('says a mapping is dead once the domain is destroyed, and xenstored then leaves the page alone', async () => {
    const gh = await bootGuestHost(2);
    const guest = await startGuest(gh, 'xs-client', { paused: true });
    const domid = guest.domain.domid;
    const mapper = new Dom0DomainHost(gh.host.hv, gh.host.dom0);
    const bytes = mapper.mapRing(domid, STORE_GFN) as Uint8Array;
    const alive = mapper.mappingAlive(domid);
    let signals = 0;
    const transport = new RingTransport(new XenstoreRingPage(bytes), () => undefined, () => {}, alive);
    transport.bind({ notify: () => signals++, close: () => {} });
    transport.write(Buffer.from('before'));
    expect(signals).toBe(1);
    expect(alive()).toBe(true);

    gh.host.xc.destroyDomain(domid);
    expect(alive()).toBe(false);
    const snapshot = Uint8Array.from(bytes);
    transport.write(Buffer.from('after the domain died'));
    transport.onEvent();
    expect(bytes).toEqual(snapshot);
    expect(signals).toBe(1);
  });
});
