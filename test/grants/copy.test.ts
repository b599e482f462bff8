// GNTTABOP_copy: gref or gmfn on either side, bounds, and the grant rules it shares with map.
import { describe, expect, it } from 'vitest';
import { GNTCOPY, GNTST, GTF } from '../../src/hypervisor/abi/decl/grant-table.js';
import { DOMID } from '../../src/hypervisor/abi/decl/xen.js';
import { MAP_GFN, RAM, RAM_GFN, grantPair } from './support/grant-pair.js';

const text = (s: string) => new TextEncoder().encode(s);
const own = (gfn: number, offset = 0) => ({ u: { gmfn: BigInt(gfn) }, domid: DOMID.SELF, offset });
const granted = (domid: number, ref: number, offset = 0) => ({ u: { gmfn: BigInt(ref) }, domid, offset });

describe('GNTTABOP_copy', () => {
  it('copies from a granted page into the caller\'s page and back; the entry is not left in use', () => {
    const { a, b, copy, grant, entry } = grantPair();
    grant(8, { gfn: RAM_GFN + 2 });
    a.memory.write(RAM + 2 * 4096 + 10, text('granted bytes'));
    const pull = copy(b, { source: granted(a.domid, 8, 10), dest: own(RAM_GFN + 1, 500), len: 13, flags: GNTCOPY.source_gref, status: 1 });
    expect(pull).toBe(GNTST.okay);
    expect(new TextDecoder().decode(b.memory.read(RAM + 4096 + 500, 13))).toBe('granted bytes');
    b.memory.write(RAM + 4096, text('reply'));
    expect(copy(b, { source: own(RAM_GFN + 1), dest: granted(a.domid, 8, 4000), len: 5, flags: GNTCOPY.dest_gref, status: 1 })).toBe(GNTST.okay);
    expect(new TextDecoder().decode(a.memory.read(RAM + 2 * 4096 + 4000, 5))).toBe('reply');
    expect(entry(8).flags).toBe(GTF.permit_access);
  });

  it('refuses a copy across a page boundary on either side (GNTST_bad_copy_arg), copying nothing', () => {
    const { a, b, copy, grant } = grantPair();
    grant(9, {});
    b.memory.write(RAM + 4096, text('xxxxxxxx'));
    expect(copy(b, { source: granted(a.domid, 9, 4090), dest: own(RAM_GFN + 1), len: 8, flags: GNTCOPY.source_gref, status: 0 })).toBe(GNTST.bad_copy_arg);
    expect(copy(b, { source: granted(a.domid, 9), dest: own(RAM_GFN + 1, 4095), len: 2, flags: GNTCOPY.source_gref, status: 0 })).toBe(GNTST.bad_copy_arg);
    expect(copy(b, { source: own(RAM_GFN), dest: own(RAM_GFN + 1, 1), len: 4096, flags: 0, status: 0 })).toBe(GNTST.bad_copy_arg);
    expect(new TextDecoder().decode(b.memory.read(RAM + 4096, 8))).toBe('xxxxxxxx');
  });

  it('a frame named by gfn must be DOMID_SELF\'s (GNTST_permission_denied), even the caller\'s own id', () => {
    const { a, b, copy } = grantPair();
    expect(copy(b, { source: own(RAM_GFN), dest: { ...own(RAM_GFN + 1), domid: a.domid }, len: 4, flags: 0, status: 0 })).toBe(GNTST.permission_denied);
    expect(copy(b, { source: { ...own(RAM_GFN), domid: b.domid }, dest: own(RAM_GFN + 1), len: 4, flags: 0, status: 0 })).toBe(GNTST.permission_denied);
  });

  it('bad domain, bad ref, bad page, revoked, read-only and wrong-domid grants', () => {
    const { host, a, b, copy, grant, map } = grantPair();
    expect(copy(b, { source: granted(999, 8), dest: own(RAM_GFN), len: 4, flags: GNTCOPY.source_gref, status: 0 })).toBe(GNTST.bad_domain);
    expect(copy(b, { source: granted(a.domid, 600), dest: own(RAM_GFN), len: 4, flags: GNTCOPY.source_gref, status: 0 })).toBe(GNTST.bad_gntref);
    expect(copy(b, { source: own(0x10), dest: own(RAM_GFN), len: 4, flags: 0, status: 0 })).toBe(GNTST.bad_page);
    grant(10, { flags: GTF.invalid });
    expect(copy(b, { source: granted(a.domid, 10), dest: own(RAM_GFN), len: 4, flags: GNTCOPY.source_gref, status: 0 })).toBe(GNTST.general_error);
    grant(11, { flags: GTF.permit_access | GTF.readonly });
    expect(copy(b, { source: own(RAM_GFN), dest: granted(a.domid, 11), len: 4, flags: GNTCOPY.dest_gref, status: 0 })).toBe(GNTST.general_error);
    expect(copy(b, { source: granted(a.domid, 11), dest: own(RAM_GFN), len: 4, flags: GNTCOPY.source_gref, status: 0 })).toBe(GNTST.okay);
    grant(12, { domid: 0 });
    expect(copy(b, { source: granted(a.domid, 12), dest: own(RAM_GFN), len: 4, flags: GNTCOPY.source_gref, status: 0 })).toBe(GNTST.general_error);
    // Nor through a read-only grant mapping of the caller's own physmap.
    expect(map(b, a.domid, 11, { flags: 2 | 4 }).status).toBe(GNTST.okay);
    expect(copy(b, { source: own(RAM_GFN), dest: own(MAP_GFN), len: 4, flags: 0, status: 0 })).toBe(GNTST.general_error);
    expect(host.hv.domain(a.domid)).toBe(a);
  });
});
