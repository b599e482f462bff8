// Grants and the lifetime of domains and pages: a granter's page mapped by another domain
// outlives the granter (and its own release of the page) until the last unmap; a mapper
// that dies lets go of its mappings.
import { describe, expect, it } from 'vitest';
import { XEN_DOMINF } from '../../src/hypervisor/abi/decl/domctl.js';
import { XenErrno } from '../../src/hypervisor/abi/decl/errno.js';
import { GNTST, GTF } from '../../src/hypervisor/abi/decl/grant-table.js';
import { HYPERCALL } from '../../src/hypervisor/abi/decl/hypercalls.js';
import { XENMEM, xenMemoryReservation } from '../../src/hypervisor/abi/decl/memory.js';
import { DOMID } from '../../src/hypervisor/abi/decl/xen.js';
import { GuestFault } from '../../src/hypervisor/memory/guest-memory.js';
import { testHost } from '../hypervisor/test-host.js';
import { ARG, MAP_GFN, RAM, RAM_GFN, grantPair, startDomU } from './support/grant-pair.js';

const freePages = (host: ReturnType<typeof testHost>) => Number(host.xc.physinfo().free_pages);

describe('grant lifetimes', () => {
  it('a destroyed granter\'s mapped page stays allocated (and readable by the mapper) until the last unmap', () => {
    const host = testHost();
    const b = startDomU(host);
    const before = freePages(host);
    const pair = grantPair(host);
    const { a, grant, map, unmap } = pair;
    // grantPair made a second mapper of its own: drop it, B above is the one that maps.
    host.xc.destroyDomain(pair.b.domid);
    grant(8, { domid: b.domid, gfn: RAM_GFN + 4 });
    a.memory.write(RAM + 4 * 4096, new TextEncoder().encode('still here'));
    const mapped = map(b, a.domid, 8);
    const second = map(b, a.domid, 8, { gfn: MAP_GFN + 1, flags: 2 | 4 });
    expect([mapped.status, second.status]).toEqual([GNTST.okay, GNTST.okay]);
    const afterGrantTable = freePages(host);
    host.xc.destroyDomain(a.domid);
    // Everything of A's returned to the heap but the one page B maps; A stays, dying,
    // with that page as its tot_pages, as Xen's zombie domain (xl list's d flag).
    expect(freePages(host)).toBe(before - 1);
    expect(afterGrantTable).toBeLessThan(before - 1);
    const dying = host.xc.domainGetinfo(a.domid);
    expect([dying.domain, dying.flags & XEN_DOMINF.dying, dying.tot_pages]).toEqual([a.domid, XEN_DOMINF.dying, 1n]);
    expect(new TextDecoder().decode(b.memory.read(MAP_GFN * 4096, 10))).toBe('still here');
    expect(unmap(b, mapped.handle)).toBe(GNTST.okay);
    expect(freePages(host)).toBe(before - 1);
    expect(host.hv.domain(a.domid) === a).toBe(true);
    expect(unmap(b, second.handle, { hostAddr: BigInt(MAP_GFN + 1) * 4096n })).toBe(GNTST.okay);
    expect(freePages(host)).toBe(before);
    // The last unmap let A go: it is dead and no longer listed.
    expect(a.state).toBe('dead');
    expect(host.hv.domain(a.domid) === undefined).toBe(true);
    expect(() => b.memory.read(MAP_GFN * 4096, 1)).toThrow(GuestFault);
  });

  it('a page the granter gives back while mapped is freed only when the mapper lets go', () => {
    const { host, a, b, grant, map, unmap } = grantPair();
    grant(8, { gfn: RAM_GFN + 5 });
    const { handle } = map(b, a.domid, 8);
    const free = freePages(host);
    const pages = a.totPages;
    a.memory.writeU64(ARG + 64, BigInt(RAM_GFN + 5));
    a.memory.write(ARG, xenMemoryReservation.encode({ extent_start: BigInt(ARG + 64), nr_extents: 1n, extent_order: 0, mem_flags: 0, domid: DOMID.SELF }));
    expect(host.hv.dispatch(a.vcpus[0], HYPERCALL.memory_op, XENMEM.decrease_reservation, ARG)).toBe(1);
    expect(a.totPages).toBe(pages - 1);
    expect(freePages(host)).toBe(free);
    b.memory.writeU32(MAP_GFN * 4096, 0x1234);
    expect(unmap(b, handle)).toBe(GNTST.okay);
    expect(freePages(host)).toBe(free + 1);
  });

  it('a destroyed mapper releases its mappings: the granter\'s entry is idle again', () => {
    const { host, a, b, grant, entry, map } = grantPair();
    grant(8, {});
    grant(9, {});
    map(b, a.domid, 8);
    map(b, a.domid, 9, { gfn: MAP_GFN + 1, flags: 2 | 4 });
    expect(entry(9).flags).toBe(GTF.permit_access | GTF.reading);
    host.xc.destroyDomain(b.domid);
    expect(entry(8).flags).toBe(GTF.permit_access);
    expect(entry(9).flags).toBe(GTF.permit_access);
    expect(a.grants.active.pinnedRefs).toBe(0);
  });

  it('mapping over a page of the mapper\'s own keeps that page its own; remove_from_physmap ends a mapping', () => {
    const { host, a, b, call, grant, entry, map } = grantPair();
    grant(8, {});
    const pages = b.totPages;
    expect(map(b, a.domid, 8, { gfn: RAM_GFN + 3 }).status).toBe(GNTST.okay);
    expect(b.totPages).toBe(pages);
    b.memory.write(ARG, new Uint8Array(16));
    b.memory.writeU16(ARG, DOMID.SELF);
    b.memory.writeU64(ARG + 8, BigInt(RAM_GFN + 3));
    expect(call(b, HYPERCALL.memory_op, XENMEM.remove_from_physmap, ARG)).toBe(0);
    expect(entry(8).flags).toBe(GTF.permit_access);
    expect(call(b, HYPERCALL.memory_op, XENMEM.remove_from_physmap, ARG)).toBe(-XenErrno.ENOENT);
    expect(host.hv.domain(a.domid)).toBe(a);
  });
});

describe('a domain mapping its own grant', () => {
  it('frees the page once, whether it unmaps, gives the alias back or dies with the mapping', () => {
    const host = testHost();
    const free = freePages(host);
    const pair = grantPair(host);
    const { a, call, grant, map, unmap } = pair;
    grant(8, { domid: a.domid, gfn: RAM_GFN + 6 });
    const first = map(a, a.domid, 8);
    expect(first.status).toBe(GNTST.okay);
    expect(a.p2m.lookup(MAP_GFN)).toBe(a.p2m.lookup(RAM_GFN + 6));
    expect(unmap(a, first.handle)).toBe(GNTST.okay);
    // decrease_reservation of the alias unmaps the grant, not the page.
    expect(map(a, a.domid, 8).status).toBe(GNTST.okay);
    const pages = a.totPages;
    a.memory.writeU64(ARG + 64, BigInt(MAP_GFN));
    a.memory.write(ARG, xenMemoryReservation.encode({ extent_start: BigInt(ARG + 64), nr_extents: 1n, extent_order: 0, mem_flags: 0, domid: DOMID.SELF }));
    expect(call(a, HYPERCALL.memory_op, XENMEM.decrease_reservation, ARG)).toBe(1);
    expect(a.totPages).toBe(pages);
    expect(a.p2m.lookup(RAM_GFN + 6)).toBeGreaterThan(0);
    expect(a.grants.active.pinnedRefs).toBe(0);
    // Dying with the alias mapped frees the page exactly once.
    expect(map(a, a.domid, 8).status).toBe(GNTST.okay);
    host.xc.destroyDomain(a.domid);
    host.xc.destroyDomain(pair.b.domid);
    expect(freePages(host)).toBe(free);
  });
});
