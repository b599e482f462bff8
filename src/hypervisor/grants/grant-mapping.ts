// map_grant_ref and unmap_grant_ref for translated guests (Arm and RISC-V): a granted
// frame enters the mapper's physmap at the gfn of host_addr, read-only when the map asks
// for GNTMAP_readonly, so a guest store there faults that guest alone. The maptrack entry
// and the pin on the granter's entry live until the unmap, or until the mapper dies.
import { GNTMAP, GNTST } from '../abi/decl/grant-table.js';
import type { Domain } from '../domain.js';
import { PAGE_SHIFT, PAGE_SIZE } from '../memory/machine-ram.js';

export interface MapResult {
  status: number;
  handle: number;
  /** Machine address of the frame (Xen reports it for every successful map). */
  devBusAddr: bigint;
}

const failed = (status: number): MapResult => ({ status, handle: 0, devBusAddr: 0n });

/** Xen's map_grant_ref for `mapper` of `ref` granted by `granter` (undefined: no such domain), checks in Xen's order. */
export function mapGrant(mapper: Domain, granter: Domain | undefined, hostAddr: bigint, flags: number, ref: number): MapResult {
  if ((flags & (GNTMAP.device_map | GNTMAP.host_map)) === 0) return failed(GNTST.bad_gntref);
  // A translated guest has no device or PTE mappings.
  if ((flags & (GNTMAP.device_map | GNTMAP.application_map | GNTMAP.contains_pte)) !== 0) return failed(GNTST.general_error);
  if (granter === undefined) return failed(GNTST.bad_domain);
  const maptrack = mapper.grants.maptrack;
  if (maptrack.size >= maptrack.limit) return failed(GNTST.no_space);
  const readonly = (flags & GNTMAP.readonly) !== 0;
  const mfn = granter.grants.active.acquire(ref, mapper.domid, readonly, true);
  if (mfn < 0) return failed(mfn);
  const gfn = Number(hostAddr >> BigInt(PAGE_SHIFT));
  if (!placeInPhysmap(mapper, gfn, mfn, readonly)) {
    granter.grants.active.release(ref, readonly);
    return failed(GNTST.general_error);
  }
  const handle = maptrack.add({ granter, ref, flags, gfn, mfn });
  return { status: GNTST.okay, handle, devBusAddr: BigInt(mfn) * BigInt(PAGE_SIZE) };
}

/**
 * Xen's unmap_grant_ref: host_addr 0 unmaps nothing (and succeeds); a host_addr whose
 * gfn no longer maps the granted frame is a general error and keeps the mapping.
 */
export function unmapGrant(mapper: Domain, handle: number, hostAddr: bigint, devBusAddr: bigint, newAddr = 0n): number {
  const mapping = mapper.grants.maptrack.get(handle);
  if (mapping === undefined) return GNTST.bad_handle;
  if (devBusAddr !== 0n && devBusAddr !== BigInt(mapping.mfn) * BigInt(PAGE_SIZE)) return GNTST.general_error;
  if (hostAddr === 0n) return GNTST.okay;
  // Arm cannot replace a mapping with another page (unmap_and_replace with a new address).
  if (newAddr !== 0n) return GNTST.general_error;
  const gfn = Number(hostAddr >> BigInt(PAGE_SHIFT));
  if (mapper.p2m.lookup(gfn) !== mapping.mfn) return GNTST.general_error;
  mapper.p2m.unmap(gfn);
  dropMapping(mapper, handle);
  return GNTST.okay;
}

/**
 * A dying mapper lets go of everything it mapped (Xen's gnttab_release_mappings). The
 * mappings leave its physmap too, so that a page it granted itself is not seen twice.
 */
export function releaseMappings(mapper: Domain): void {
  for (const [handle, mapping] of mapper.grants.maptrack.all()) {
    if (mapper.p2m.lookup(mapping.gfn) === mapping.mfn) mapper.p2m.unmap(mapping.gfn);
    dropMapping(mapper, handle);
  }
}

/**
 * The mapper's physmap entry at `gfn` goes away by other means (remove_from_physmap, or
 * a frame mapped over it): the grant mapping there is released. Returns whether one was.
 */
export function releaseMappingAt(mapper: Domain, gfn: number): boolean {
  const handle = mapper.grants.maptrack.handleAt(gfn);
  if (handle < 0) return false;
  mapper.p2m.unmap(gfn);
  dropMapping(mapper, handle);
  return true;
}

function dropMapping(mapper: Domain, handle: number): void {
  const mapping = mapper.grants.maptrack.get(handle);
  if (mapping === undefined) return;
  mapper.grants.maptrack.remove(handle);
  mapping.granter.grants.active.release(mapping.ref, (mapping.flags & GNTMAP.readonly) !== 0);
}

/**
 * Maps `mfn` at `gfn` of the mapper. Whatever was there leaves the physmap as Xen's p2m
 * replacement leaves it: a page of the mapper's stays its own (unmapped), a grant mapped
 * there is released, a shared grant frame is no longer shown there.
 */
function placeInPhysmap(mapper: Domain, gfn: number, mfn: number, readonly: boolean): boolean {
  if (!vacate(mapper, gfn)) return false;
  return mapper.p2m.map(gfn, mfn, readonly ? 'r' : 'rw');
}

/** Empties `gfn` of `domain`'s physmap; false for a gfn out of range. */
export function vacate(domain: Domain, gfn: number): boolean {
  if (!Number.isSafeInteger(gfn) || gfn < 0) return false;
  const mfn = domain.p2m.lookup(gfn);
  if (mfn < 0) return true;
  if (releaseMappingAt(domain, gfn) || domain.detachPage(gfn)) return true;
  const frame = domain.grants.frameIndexAt(gfn);
  if (frame >= 0) domain.grants.setFrameGfn(frame, -1);
  if (domain.sharedInfoGfn === gfn) domain.sharedInfoGfn = -1;
  domain.p2m.unmap(gfn);
  return true;
}
