// The mapping side of a grant table: one maptrack entry per grant a domain has mapped,
// named by the handle map_grant_ref returns. Xen sizes it in frames of 8-byte entries
// (max_maptrack_frames from createdomain); a freed handle is the next one given out.
import type { Domain } from '../domain.js';
import { PAGE_SIZE } from '../memory/machine-ram.js';

/** sizeof(struct grant_mapping): ref u32, flags u16, domid u16. */
const MAPTRACK_ENTRY_BYTES = 8;
export const MAPTRACK_PER_FRAME = PAGE_SIZE / MAPTRACK_ENTRY_BYTES;

export interface GrantMapping {
  /** The granting domain (kept even after it died: it stays until the last unmap). */
  readonly granter: Domain;
  readonly ref: number;
  /** GNTMAP_* flags of the map request. */
  readonly flags: number;
  /** Where the frame is mapped in the mapper's physmap. */
  readonly gfn: number;
  readonly mfn: number;
}

export class Maptrack {
  private readonly entries: (GrantMapping | undefined)[] = [];
  private readonly freeHandles: number[] = [];
  private readonly byGfn = new Map<number, number>();

  constructor(readonly limit: number) {}

  get size(): number {
    return this.entries.length - this.freeHandles.length;
  }

  /** A handle for `mapping`, or -1 when the domain's maptrack is full. */
  add(mapping: GrantMapping): number {
    let handle: number;
    const reused = this.freeHandles.pop();
    if (reused !== undefined) {
      handle = reused;
    } else {
      if (this.entries.length >= this.limit) return -1;
      handle = this.entries.length;
      this.entries.push(undefined);
    }
    this.entries[handle] = mapping;
    this.byGfn.set(mapping.gfn, handle);
    return handle;
  }

  get(handle: number): GrantMapping | undefined {
    return Number.isInteger(handle) && handle >= 0 ? this.entries[handle] : undefined;
  }

  /** The handle of the mapping at `gfn`, or -1. */
  handleAt(gfn: number): number {
    return this.byGfn.get(gfn) ?? -1;
  }

  remove(handle: number): void {
    const mapping = this.entries[handle];
    if (mapping === undefined) return;
    this.entries[handle] = undefined;
    this.freeHandles.push(handle);
    if (this.byGfn.get(mapping.gfn) === handle) this.byGfn.delete(mapping.gfn);
  }

  /** Every live mapping with its handle. */
  *all(): IterableIterator<[number, GrantMapping]> {
    for (let handle = 0; handle < this.entries.length; handle++) {
      const mapping = this.entries[handle];
      if (mapping !== undefined) yield [handle, mapping];
    }
  }
}
