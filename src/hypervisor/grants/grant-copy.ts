// GNTTABOP_copy: a bounded memcpy between two frames, each named by a grant reference of
// some domain or by a gfn of the caller's own (only DOMID_SELF may name a frame by gfn).
// A granted frame is pinned for the copy (read for the source, write for the
// destination) exactly as a mapping pins it, and unpinned after, so GTF_readonly and the
// grant's domid are honoured; neither end may run past its page.
import { GNTCOPY, GNTMAP, GNTST } from '../abi/decl/grant-table.js';
import { DOMID } from '../abi/decl/xen.js';
import type { Domain } from '../domain.js';
import { PAGE_SIZE, mfnOffset } from '../memory/machine-ram.js';
import { MAX_GFN } from '../memory/p2m.js';

export interface CopyEnd {
  /** The grant reference (GNTCOPY_*_gref) or the caller's gfn. */
  readonly frame: bigint;
  readonly domid: number;
  readonly offset: number;
}

interface Claimed {
  readonly mfn: number;
  release(): void;
}

/** A frame of the caller's own needs no pin. */
const noRelease = (): void => {};

/** Performs one copy for `caller`; returns its GNTST status. */
export function grantCopy(
  caller: Domain, lookup: (domid: number) => Domain | undefined,
  source: CopyEnd, dest: CopyEnd, length: number, flags: number,
): number {
  const sourceIsGref = (flags & GNTCOPY.source_gref) !== 0;
  const destIsGref = (flags & GNTCOPY.dest_gref) !== 0;
  const sourceDomain = endDomain(caller, lookup, source.domid, sourceIsGref);
  if (typeof sourceDomain === 'number') return sourceDomain;
  const destDomain = endDomain(caller, lookup, dest.domid, destIsGref);
  if (typeof destDomain === 'number') return destDomain;
  const from = claim(caller, sourceDomain, source.frame, sourceIsGref, true);
  if (typeof from === 'number') return from;
  const to = claim(caller, destDomain, dest.frame, destIsGref, false);
  if (typeof to === 'number') {
    from.release();
    return to;
  }
  try {
    if (source.offset + length > PAGE_SIZE || dest.offset + length > PAGE_SIZE) return GNTST.bad_copy_arg;
    const ram = caller.memory.ram;
    const at = mfnOffset(ram, from.mfn) + source.offset;
    ram.bytes.copyWithin(mfnOffset(ram, to.mfn) + dest.offset, at, at + length);
    return GNTST.okay;
  } finally {
    to.release();
    from.release();
  }
}

/** The domain of one end: a frame named by gfn must be the caller's own (DOMID_SELF). */
function endDomain(caller: Domain, lookup: (domid: number) => Domain | undefined, domid: number, isGref: boolean): Domain | number {
  if (!isGref && domid !== DOMID.SELF) return GNTST.permission_denied;
  return (domid === DOMID.SELF ? caller : lookup(domid)) ?? GNTST.bad_domain;
}

function claim(caller: Domain, owner: Domain, frame: bigint, isGref: boolean, isSource: boolean): Claimed | number {
  if (isGref) {
    const ref = Number(BigInt.asUintN(32, frame));
    const pinned = owner.grants.active.acquire(ref, caller.domid, isSource, false);
    if (!('mfn' in pinned)) return pinned.status;
    return { mfn: pinned.mfn, release: () => owner.grants.active.release(ref, isSource) };
  }
  const gfn = frame > BigInt(MAX_GFN) ? -1 : Number(frame);
  const mfn = caller.p2m.lookup(gfn);
  if (mfn < 0) return GNTST.bad_page;
  // A frame the caller maps read-only by grant cannot be written through a copy either.
  if (!isSource && isReadonlyGrantMapping(caller, gfn)) return GNTST.general_error;
  return { mfn, release: noRelease };
}

function isReadonlyGrantMapping(domain: Domain, gfn: number): boolean {
  const mapping = domain.grants.maptrack.get(domain.grants.maptrack.handleAt(gfn));
  return mapping !== undefined && (mapping.flags & GNTMAP.readonly) !== 0;
}
