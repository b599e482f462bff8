// Random grant-table operations from two domains that also rewrite their grant entries at
// random: every call returns 0 or an errno, the host never throws, and once both domains
// are destroyed every page is back in the heap.
import { describe, expect, it } from 'vitest';
import { GNTTABOP, GTF } from '../../src/hypervisor/abi/decl/grant-table.js';
import { HYPERCALL } from '../../src/hypervisor/abi/decl/hypercalls.js';
import { XENMAPSPACE, XENMEM, xenAddToPhysmap } from '../../src/hypervisor/abi/decl/memory.js';
import { DOMID } from '../../src/hypervisor/abi/decl/xen.js';
import type { Domain } from '../../src/hypervisor/domain.js';
import { testHost } from '../hypervisor/test-host.js';
import { ARG, PAGES, RAM_GFN, grantPair } from './support/grant-pair.js';

/** A deterministic PRNG (mulberry32). */
function prng(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
}

describe('hostile grant operations', () => {
  it('20 000 random operations, entries and physmap changes: errnos only, no page lost', () => {
    const host = testHost();
    // Dom0's grant frame, which the random calls may reach: Xen has it from dom0's creation.
    host.dom0.grantFrame(0);
    const free = Number(host.xc.physinfo().free_pages);
    const pair = grantPair(host);
    const { a, b } = pair;
    const random = prng(20261122);
    const domains = [a, b];
    const gfnNear = () => [RAM_GFN + random(PAGES + 4), RAM_GFN + 0x100 + random(8), 0x38000 + random(4), random(2) ? 2 ** 29 + random(9) : random(2 ** 30)][random(4)]!;
    const domid = () => [a.domid, b.domid, DOMID.SELF, 0, random(0x10000)][random(5)]!;
    const results = new Map<number, number>();
    for (let i = 0; i < 20_000; i++) {
      const caller: Domain = domains[random(2)]!;
      // Rewrite one entry of either table as a guest may, even while it is in use.
      const granter = domains[random(2)]!;
      const ref = random(16);
      granter.memory.writeU32(0x3800_0000 + ref * 8 + 4, gfnNear());
      granter.memory.writeU32(0x3800_0000 + ref * 8, (random(3) === 0 ? 0 : GTF.permit_access | (random(4) === 0 ? GTF.readonly : 0) | (random(8) === 0 ? GTF.reading : 0)) | (domid() << 16));
      // Random structure words in the argument page, with plausible values in front.
      for (let w = 0; w < 64; w++) caller.memory.writeU32(ARG + w * 4, random(4) === 0 ? random(2 ** 32) : random(64));
      caller.memory.writeU64(ARG, BigInt(gfnNear()) * 4096n);
      caller.memory.writeU16(ARG + 16, domid());
      caller.memory.writeU16(ARG + 8, domid());
      const count = [0, 1, 1, 1, 2, 3, random(8)][random(7)]!;
      const op = random(12) === 0 ? random(16) : [GNTTABOP.map_grant_ref, GNTTABOP.unmap_grant_ref, GNTTABOP.copy, GNTTABOP.setup_table, GNTTABOP.query_size, GNTTABOP.swap_grant_ref][random(6)]!;
      let rc: number;
      if (random(10) === 0) {
        caller.memory.write(ARG + 512, xenAddToPhysmap.encode({ domid: DOMID.SELF, size: 0, space: XENMAPSPACE.grant_table, idx: BigInt(random(3)), gpfn: BigInt(gfnNear()) }));
        rc = host.hv.dispatch(caller.vcpus[0], HYPERCALL.memory_op, random(2) ? XENMEM.add_to_physmap : XENMEM.remove_from_physmap, ARG + 512);
      } else {
        rc = host.hv.dispatch(caller.vcpus[0], HYPERCALL.grant_table_op, op, ARG, count);
      }
      expect(rc === 0 || (rc < 0 && rc > -130)).toBe(true);
      results.set(rc, (results.get(rc) ?? 0) + 1);
    }
    expect(results.get(0)).toBeGreaterThan(1000);
    host.xc.destroyDomain(a.domid);
    host.xc.destroyDomain(b.domid);
    expect(Number(host.xc.physinfo().free_pages)).toBe(free);
  });
});
