// GNTTABOP_swap_grant_ref: a domain swaps two of its own v1 entries, neither in use.
import { GNTST } from '../abi/decl/grant-table.js';
import type { GrantTable } from './grant-table.js';

export function swapGrantRefs(table: GrantTable, refA: number, refB: number): number {
  if (refA >= table.nrEntries || refB >= table.nrEntries) return GNTST.bad_gntref;
  if (refA === refB) return GNTST.okay;
  if (table.active.isPinned(refA) || table.active.isPinned(refB)) return GNTST.eagain;
  const frameA = table.sharedFrame(refA);
  const frameB = table.sharedFrame(refB);
  if (frameA === undefined || frameB === undefined) return GNTST.general_error;
  const a = table.entries.read(frameA, refA);
  table.entries.write(frameA, refA, table.entries.read(frameB, refB));
  table.entries.write(frameB, refB, a);
  return GNTST.okay;
}
