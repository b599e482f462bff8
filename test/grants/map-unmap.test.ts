// map_grant_ref and unmap_grant_ref through the dispatcher: Xen's rules and status codes.
import { describe, expect, it } from 'vitest';
import { GNTMAP, GNTST, GNTTABOP, GTF, gnttabUnmapAndReplace } from '../../src/hypervisor/abi/decl/grant-table.js';
import { HYPERCALL } from '../../src/hypervisor/abi/decl/hypercalls.js';
import { XEN_DOMCTL, XEN_DOMCTL_CDF } from '../../src/hypervisor/abi/decl/domctl.js';
import { DOMID } from '../../src/hypervisor/abi/decl/xen.js';
import { testHost } from '../hypervisor/test-host.js';
import { ARG, MAP_GFN, RAM, RAM_GFN, grantPair, startDomU } from './support/grant-pair.js';

const HOST_MAP = GNTMAP.host_map;
const READONLY_MAP = GNTMAP.host_map | GNTMAP.readonly;

describe('map_grant_ref', () => {
  it('maps the granted page at host_addr: B writes, A reads the bytes; the entry shows it in use', () => {
    const { a, b, grant, entry, map } = grantPair();
    grant(8, { gfn: RAM_GFN + 3 });
    const result = map(b, a.domid, 8);
    expect(result.status).toBe(GNTST.okay);
    expect(result.devBusAddr).toBe(BigInt(a.p2m.lookup(RAM_GFN + 3)) * 4096n);
    expect(b.p2m.lookup(MAP_GFN)).toBe(a.p2m.lookup(RAM_GFN + 3));
    b.memory.write(MAP_GFN * 4096 + 100, new TextEncoder().encode('from B'));
    expect(new TextDecoder().decode(a.memory.read(RAM + 3 * 4096 + 100, 6))).toBe('from B');
    expect(entry(8).flags).toBe(GTF.permit_access | GTF.reading | GTF.writing);
  });

  it('a read-only map sets only GTF_reading; GTF_readonly grants refuse a writable map', () => {
    const { a, b, grant, entry, map } = grantPair();
    grant(9, { flags: GTF.permit_access | GTF.readonly });
    expect(map(b, a.domid, 9).status).toBe(GNTST.general_error);
    expect(entry(9).flags).toBe(GTF.permit_access | GTF.readonly);
    expect(map(b, a.domid, 9, { flags: READONLY_MAP }).status).toBe(GNTST.okay);
    expect(entry(9).flags).toBe(GTF.permit_access | GTF.readonly | GTF.reading);
  });

  it('refuses a revoked grant, a grant to another domain and a transfer entry (Xen: GNTST_general_error)', () => {
    const { host, a, b, grant, map } = grantPair();
    const c = startDomU(host);
    grant(10, {});
    grant(10, { flags: GTF.invalid });
    expect(map(b, a.domid, 10).status).toBe(GNTST.general_error);
    grant(11, { domid: c.domid });
    expect(map(b, a.domid, 11).status).toBe(GNTST.general_error);
    grant(12, { flags: GTF.accept_transfer });
    expect(map(b, a.domid, 12).status).toBe(GNTST.general_error);
    // A grant pinned for B is not C's to map, even if A rewrites the domid meanwhile.
    grant(13, {});
    expect(map(b, a.domid, 13).status).toBe(GNTST.okay);
    grant(13, { domid: c.domid, flags: GTF.permit_access | GTF.reading | GTF.writing });
    expect(map(c, a.domid, 13).status).toBe(GNTST.general_error);
  });

  it('bad domain, bad ref, bad flags, bad page, a frame that is not the granter\'s RAM', () => {
    const { a, b, grant, entry, map } = grantPair();
    grant(14, {});
    expect(map(b, 999, 14).status).toBe(GNTST.bad_domain);
    expect(map(b, DOMID.SELF, 14).status).toBe(GNTST.bad_domain);
    // The flags are checked first, as in Xen.
    expect(map(b, 999, 14, { flags: GNTMAP.readonly }).status).toBe(GNTST.bad_gntref);
    expect(map(b, a.domid, 512).status).toBe(GNTST.bad_gntref);
    expect(map(b, a.domid, 14, { flags: GNTMAP.readonly }).status).toBe(GNTST.bad_gntref);
    expect(map(b, a.domid, 14, { flags: GNTMAP.host_map | GNTMAP.device_map }).status).toBe(GNTST.general_error);
    expect(map(b, a.domid, 14, { flags: HOST_MAP | GNTMAP.contains_pte }).status).toBe(GNTST.general_error);
    grant(15, { gfn: RAM_GFN + 0x200 });
    expect(map(b, a.domid, 15).status).toBe(GNTST.bad_page);
    expect(entry(15).flags).toBe(GTF.permit_access);
    grant(16, { gfn: 0x38000 });
    expect(map(b, a.domid, 16).status).toBe(GNTST.general_error);
    expect(entry(16).flags).toBe(GTF.permit_access);
    expect(b.p2m.lookup(MAP_GFN)).toBe(-1);
  });

  it('gives handles up to max_maptrack_frames, then GNTST_no_space', () => {
    const host = testHost();
    const { domain } = host.xc.domctl(XEN_DOMCTL.createdomain, 0, {
      createdomain: {
        ssidref: 0, handle: new Uint8Array(16), flags: XEN_DOMCTL_CDF.hvm | XEN_DOMCTL_CDF.hap, iommu_opts: 0, max_vcpus: 1,
        max_evtchn_port: 1023, max_grant_frames: 1, max_maptrack_frames: 0, grant_opts: 1, vmtrace_size: 0, cpupool_id: 0, arch: {},
      },
    });
    const pair = grantPair(host);
    const noMaptrack = host.hv.domain(domain)!;
    noMaptrack.maxPages = 64;
    noMaptrack.populate(RAM_GFN, 16);
    noMaptrack.vcpus[0].initialised = true;
    noMaptrack.vcpus[0].up();
    pair.grant(17, { domid: domain });
    expect(pair.map(noMaptrack, pair.a.domid, 17).status).toBe(GNTST.no_space);
    expect(pair.b.grants.maptrack.limit).toBe(1024 * 512);
  });
});

describe('unmap_grant_ref', () => {
  it('unmaps, clears the flags, and the handle is then bad', () => {
    const { a, b, grant, entry, map, unmap } = grantPair();
    grant(20, {});
    const { handle } = map(b, a.domid, 20);
    expect(unmap(b, handle)).toBe(GNTST.okay);
    expect(entry(20).flags).toBe(GTF.permit_access);
    expect(b.p2m.lookup(MAP_GFN)).toBe(-1);
    expect(unmap(b, handle)).toBe(GNTST.bad_handle);
    expect(unmap(b, 77)).toBe(GNTST.bad_handle);
    expect(unmap(b, 0xffffffff)).toBe(GNTST.bad_handle);
  });

  it('a wrong address or bus address is a general error and keeps the mapping; host_addr 0 unmaps nothing', () => {
    const { a, b, grant, entry, map, unmap } = grantPair();
    grant(21, {});
    const { handle, devBusAddr } = map(b, a.domid, 21);
    expect(unmap(b, handle, { hostAddr: BigInt(MAP_GFN + 1) * 4096n })).toBe(GNTST.general_error);
    expect(unmap(b, handle, { devBusAddr: devBusAddr + 4096n })).toBe(GNTST.general_error);
    expect(unmap(b, handle, { hostAddr: 0n })).toBe(GNTST.okay);
    expect(entry(21).flags & GTF.reading).toBe(GTF.reading);
    expect(unmap(b, handle, { devBusAddr })).toBe(GNTST.okay);
    expect(entry(21).flags).toBe(GTF.permit_access);
  });

  it('keeps GTF_writing while a writable map remains, GTF_reading while any does', () => {
    const { a, b, grant, entry, map, unmap } = grantPair();
    grant(22, {});
    const rw = map(b, a.domid, 22);
    const ro = map(b, a.domid, 22, { flags: READONLY_MAP, gfn: MAP_GFN + 1 });
    expect(unmap(b, ro.handle, { hostAddr: BigInt(MAP_GFN + 1) * 4096n })).toBe(GNTST.okay);
    expect(entry(22).flags).toBe(GTF.permit_access | GTF.reading | GTF.writing);
    const ro2 = map(b, a.domid, 22, { flags: READONLY_MAP, gfn: MAP_GFN + 1 });
    expect(unmap(b, rw.handle)).toBe(GNTST.okay);
    expect(entry(22).flags).toBe(GTF.permit_access | GTF.reading);
    expect(unmap(b, ro2.handle, { hostAddr: BigInt(MAP_GFN + 1) * 4096n })).toBe(GNTST.okay);
    expect(entry(22).flags).toBe(GTF.permit_access);
  });

  it('unmap_and_replace with a new address is refused (Arm); without one it unmaps', () => {
    const { a, b, call, grant, map } = grantPair();
    grant(23, {});
    const { handle } = map(b, a.domid, 23);
    const replace = (newAddr: bigint) => {
      b.memory.write(ARG, gnttabUnmapAndReplace.encode({ host_addr: BigInt(MAP_GFN) * 4096n, new_addr: newAddr, handle, status: 0 }));
      expect(call(b, HYPERCALL.grant_table_op, GNTTABOP.unmap_and_replace, ARG, 1)).toBe(0);
      return gnttabUnmapAndReplace.decode(b.memory.read(ARG, gnttabUnmapAndReplace.size)).status;
    };
    expect(replace(BigInt(RAM))).toBe(GNTST.general_error);
    expect(replace(0n)).toBe(GNTST.okay);
    expect(b.p2m.lookup(MAP_GFN)).toBe(-1);
  });
});
