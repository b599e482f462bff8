// GNTTABOP_copy: a bounded memcpy between two frames, each named by a grant reference of
// some domain or by a gfn of the caller's own (only DOMID_SELF may name a frame by gfn).
// A granted frame is pinned for the copy (read for the source, write for the
// destination) exactly as a mapping pins it, and unpinned after, so GTF_readonly and the
// grant's domid are honoured; neither end may run past its page.
import { GNTCOPY, GNTMAP, GNTST } from '../abi/decl/grant-table.js';
import { DOMID } from '../abi/decl/xen.js';
import type { Domain } from '../domain.js';
import { type MachineRam, PAGE_SIZE, mfnOffset } from '../memory/machine-ram.js';

export interface CopyEnd {
  /** The grant reference (GNTCOPY_*_gref) or the caller's gfn; -1 for a gfn beyond any physmap. */
  frame: number;
  domid: number;
  offset: number;
}

/** Performs one copy for `caller`; returns its GNTST status. */
export function grantCopy(
  caller: Domain, lookup: (domid: number) => Domain | undefined,
  source: CopyEnd, dest: CopyEnd, length: number, flags: number,
): number {
  const sourceIsGref = (flags & GNTCOPY.source_gref) !== 0;
  const destIsGref = (flags & GNTCOPY.dest_gref) !== 0;
  const from = endDomain(caller, lookup, source.domid, sourceIsGref);
  if (typeof from === 'number') return from;
  const to = endDomain(caller, lookup, dest.domid, destIsGref);
  if (typeof to === 'number') return to;
  const fromMfn = claim(caller, from, source.frame, sourceIsGref, true);
  if (fromMfn < 0) return fromMfn;
  const toMfn = claim(caller, to, dest.frame, destIsGref, false);
  let status: number = toMfn;
  if (toMfn >= 0) {
    status = source.offset + length > PAGE_SIZE || dest.offset + length > PAGE_SIZE ? GNTST.bad_copy_arg : GNTST.okay;
    if (status === GNTST.okay) copyBytes(caller.memory.ram, mfnOffset(caller.memory.ram, fromMfn) + source.offset, mfnOffset(caller.memory.ram, toMfn) + dest.offset, length);
    if (destIsGref) to.grants.active.release(dest.frame, false);
  }
  if (sourceIsGref) from.grants.active.release(source.frame, true);
  return status;
}

const ramWords = new WeakMap<MachineRam, Uint32Array>();

/** memcpy within machine RAM, a word at a time when it can (a shared buffer copies bytes slowly). */
function copyBytes(ram: MachineRam, from: number, to: number, length: number): void {
  if (((from | to | length) & 3) === 0) {
    let words = ramWords.get(ram);
    if (words === undefined) ramWords.set(ram, (words = new Uint32Array(ram.bytes.buffer, ram.bytes.byteOffset, ram.size >>> 2)));
    words.copyWithin(to >>> 2, from >>> 2, (from + length) >>> 2);
  } else {
    ram.bytes.copyWithin(to, from, from + length);
  }
}

/** The domain of one end: a frame named by gfn must be the caller's own (DOMID_SELF). */
function endDomain(caller: Domain, lookup: (domid: number) => Domain | undefined, domid: number, isGref: boolean): Domain | number {
  if (!isGref && domid !== DOMID.SELF) return GNTST.permission_denied;
  return (domid === DOMID.SELF ? caller : lookup(domid)) ?? GNTST.bad_domain;
}

/** The machine frame of one end (pinned when it is a grant), or a GNTST error. */
function claim(caller: Domain, owner: Domain, frame: number, isGref: boolean, isSource: boolean): number {
  if (isGref) {
    return owner.grants.active.acquire(frame, caller.domid, isSource, false);
  }
  const mfn = caller.p2m.lookup(frame);
  if (mfn < 0) return GNTST.bad_page;
  // A frame the caller maps read-only by grant cannot be written through a copy either.
  if (!isSource && isReadonlyGrantMapping(caller, frame)) return GNTST.general_error;
  return mfn;
}

function isReadonlyGrantMapping(domain: Domain, gfn: number): boolean {
  const mapping = domain.grants.maptrack.get(domain.grants.maptrack.handleAt(gfn));
  return mapping !== undefined && (mapping.flags & GNTMAP.readonly) !== 0;
}
