// The toolstack's seeding of refs 0 and 1, seen from the hypervisor and from the guest side.
import { afterEach, describe, expect, it } from 'vitest';
import { XEN_DOMCTL } from '../../src/hypervisor/abi/decl/domctl.js';
import { XenErrno } from '../../src/hypervisor/abi/decl/errno.js';
import { GNTMAP, GNTST, GNTTAB, GNTTABOP, GTF, gnttabMapGrantRef, grantEntryV1 } from '../../src/hypervisor/abi/decl/grant-table.js';
import { GUEST_LAYOUT, MAGIC_PAGES } from '../../src/hypervisor/abi/decl/guest-layout.js';
import { HYPERCALL } from '../../src/hypervisor/abi/decl/hypercalls.js';
import { DOM0_RAM_BASE } from '../../src/hypervisor/dom0.js';
import { PAGE_SIZE } from '../../src/hypervisor/memory/machine-ram.js';
import { SEED_SCRATCH_GFN, seedGrantTable } from '../../src/toolstack/gnttab-seed.js';
import { HypercallFailed } from '../../src/toolstack/privcmd.js';
import { type GuestHost, bootGuestHost, consoleLines, runGuests, startGuest } from '../guests/support/guest-host.js';
import { DOM0_BYTES, createDomU, testHost } from '../hypervisor/test-host.js';

const MAGIC = 0x39000;

function entryOf(frameBytes: Uint8Array, ref: number) {
  return grantEntryV1.decode(frameBytes.subarray(ref * 8, ref * 8 + 8));
}

describe('seedGrantTable', () => {
  it('grants the console page to the console backend and the xenstore page to xenstored', () => {
    const host = testHost();
    const domU = createDomU(host);
    seedGrantTable(host.xc, domU.domid, { consoleGfn: MAGIC, consoleDomid: 0, xenstoreGfn: MAGIC + 1, xenstoreDomid: 0 });
    const frame = host.hv.ram.bytes.subarray(domU.grantFrames[0] * PAGE_SIZE - host.hv.ram.base);
    expect(entryOf(frame, 0)).toEqual({ flags: GTF.permit_access, domid: 0, frame: MAGIC });
    expect(entryOf(frame, 1)).toEqual({ flags: GTF.permit_access, domid: 0, frame: MAGIC + 1 });
    expect(entryOf(frame, 2)).toEqual({ flags: 0, domid: 0, frame: 0 });
    // The scratch page is out of the guest's physmap again, free for the guest's own mapping.
    expect(domU.p2m.lookup(SEED_SCRATCH_GFN)).toBe(-1);
    expect(domU.grants.frameGfn(0)).toBe(-1);
  });

  it('lets dom0 map the seeded console page by grant, as the console backend does', () => {
    const host = testHost();
    const domU = createDomU(host);
    domU.maxPages = 8;
    expect(domU.populate(MAGIC, 2)).toBe(2);
    domU.memory.write(MAGIC * PAGE_SIZE, new TextEncoder().encode('console ring'));
    seedGrantTable(host.xc, domU.domid, { consoleGfn: MAGIC, consoleDomid: 0, xenstoreGfn: MAGIC + 1, xenstoreDomid: 0 });
    const hostAddr = BigInt(DOM0_RAM_BASE + DOM0_BYTES + 16 * PAGE_SIZE);
    const { privcmd } = host;
    const status = privcmd.withBuffers(() => {
      const op = privcmd.allocStruct(gnttabMapGrantRef, { host_addr: hostAddr, flags: GNTMAP.host_map, ref: GNTTAB.RESERVED_CONSOLE, dom: domU.domid });
      expect(privcmd.hypercall(HYPERCALL.grant_table_op, GNTTABOP.map_grant_ref, op, 1)).toBe(0);
      return privcmd.readStruct(gnttabMapGrantRef, op).status;
    });
    expect(status).toBe(GNTST.okay);
    expect(new TextDecoder().decode(host.dom0.memory.read(Number(hostAddr), 12))).toBe('console ring');
  });

  it('leaves out an entry whose backend is the domain itself', () => {
    const host = testHost();
    const domU = createDomU(host);
    seedGrantTable(host.xc, domU.domid, { consoleGfn: MAGIC, consoleDomid: domU.domid, xenstoreGfn: MAGIC + 1, xenstoreDomid: 0 });
    const frame = host.hv.ram.bytes.subarray(domU.grantFrames[0] * PAGE_SIZE - host.hv.ram.base);
    expect(entryOf(frame, 0).flags).toBe(GTF.invalid);
    expect(entryOf(frame, 1).frame).toBe(MAGIC + 1);
  });

  it('fails with ESRCH for a domain that does not exist', () => {
    const host = testHost();
    expect(() => seedGrantTable(host.xc, 77, { consoleGfn: MAGIC, consoleDomid: 0, xenstoreGfn: MAGIC + 1, xenstoreDomid: 0 }))
      .toThrow(expect.objectContaining({ errno: XenErrno.ESRCH }) as HypercallFailed);
  });
});

describe('the domain builder', () => {
  let gh: GuestHost | undefined;
  afterEach(() => gh?.host.shutdown());

  it('seeds refs 0 and 1 of every guest, which finds them when it maps its table at the grant region', async () => {
    gh = await bootGuestHost(1);
    const guest = await startGuest(gh, 'grant-share', { name: 'seeded', paused: true, bootargs: 'role=granter peer=0 timeout_ms=1' });
    const { domid } = guest.domain;
    const consoleGfn = GUEST_LAYOUT.MAGIC_BASE / PAGE_SIZE + MAGIC_PAGES.CONSOLE_PFN_OFFSET;
    const xenstoreGfn = GUEST_LAYOUT.MAGIC_BASE / PAGE_SIZE + MAGIC_PAGES.XENSTORE_PFN_OFFSET;
    gh.host.xc.domctl(XEN_DOMCTL.unpausedomain, domid, {});
    expect(await runGuests(gh, [guest])).toBe(true);
    const lines = consoleLines(gh, domid);
    expect(lines).toContain('ok 1 - map the grant table');
    expect(guest.domain.grants.frameGfn(0)).toBe(GUEST_LAYOUT.GNTTAB_BASE / PAGE_SIZE);
    const table = guest.domain.memory;
    expect(grantEntryV1.decode(table.read(GUEST_LAYOUT.GNTTAB_BASE, 8))).toEqual({ flags: GTF.permit_access, domid: 0, frame: consoleGfn });
    expect(grantEntryV1.decode(table.read(GUEST_LAYOUT.GNTTAB_BASE + 8, 8))).toEqual({ flags: GTF.permit_access, domid: 0, frame: xenstoreGfn });
  });
});
