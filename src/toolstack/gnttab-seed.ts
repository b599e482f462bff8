// Seeding a new domain's reserved grant entries, as libxenguest's xc_dom_gnttab_seed does
// for a translated guest: the toolstack puts grant frame 0 of the domain in the domain's
// own physmap at a scratch gfn, writes the entries through its foreign mapping of that
// gfn, and takes the frame out again. Ref 0 lets the console backend map the console
// page, ref 1 lets xenstored map the xenstore page. A domain never grants itself.
import { GNTTAB, GTF, grantEntryV1 } from '../hypervisor/abi/decl/grant-table.js';
import { GUEST_LAYOUT } from '../hypervisor/abi/decl/guest-layout.js';
import { HYPERCALL } from '../hypervisor/abi/decl/hypercalls.js';
import { XENMAPSPACE, XENMEM, xenAddToPhysmap, xenRemoveFromPhysmap } from '../hypervisor/abi/decl/memory.js';
import { PAGE_SIZE } from '../hypervisor/memory/machine-ram.js';
import { HypercallFailed } from './privcmd.js';
import type { Xc } from './xc.js';

export interface GrantSeed {
  consoleGfn: number;
  /** The console backend's domain. */
  consoleDomid: number;
  xenstoreGfn: number;
  /** The xenstore domain (xenstored's). */
  xenstoreDomid: number;
}

/**
 * Arm's scratch gfn (xc_core_arch_get_scratch_gpfn): the first page of the grant region,
 * which the guest does not use before it boots.
 */
export const SEED_SCRATCH_GFN = GUEST_LAYOUT.GNTTAB_BASE / PAGE_SIZE;

/** Writes grant refs 0 (console) and 1 (xenstore) of `domid`; throws HypercallFailed. */
export function seedGrantTable(xc: Xc, domid: number, entries: GrantSeed): void {
  physmapCall(xc, 'add_to_physmap', XENMEM.add_to_physmap, () =>
    xc.privcmd.allocStruct(xenAddToPhysmap, { domid, size: 0, space: XENMAPSPACE.grant_table, idx: 0n, gpfn: BigInt(SEED_SCRATCH_GFN) }),
  );
  try {
    const table = xc.privcmd.foreignMemory(domid);
    const seed = [
      { ref: GNTTAB.RESERVED_CONSOLE, backend: entries.consoleDomid, gfn: entries.consoleGfn },
      { ref: GNTTAB.RESERVED_XENSTORE, backend: entries.xenstoreDomid, gfn: entries.xenstoreGfn },
    ];
    for (const { ref, backend, gfn } of seed) {
      if (backend === domid || gfn < 0) continue;
      table.write(SEED_SCRATCH_GFN * PAGE_SIZE + ref * grantEntryV1.size, grantEntryV1.encode({ flags: GTF.permit_access, domid: backend, frame: gfn }));
    }
  } finally {
    physmapCall(xc, 'remove_from_physmap', XENMEM.remove_from_physmap, () =>
      xc.privcmd.allocStruct(xenRemoveFromPhysmap, { domid, gpfn: BigInt(SEED_SCRATCH_GFN) }),
    );
  }
}

function physmapCall(xc: Xc, what: string, cmd: number, argument: () => number): void {
  const result = xc.privcmd.withBuffers(() => xc.privcmd.hypercall(HYPERCALL.memory_op, cmd, argument()));
  if (result < 0) throw new HypercallFailed(what, -result);
}
