// A domain's physical-to-machine map: the G-stage Sv39x4 page tables the harts walk,
// built in machine RAM. Guest-physical addresses have 41 bits: the 16 KiB root (2048
// entries) indexes bits 40..30, then two 512-entry levels index bits 29..21 and 20..12.
import { DOMID_XEN, FrameAllocator } from './frame-allocator.js';
import { type MachineRam, PAGE_SHIFT, machineRamOver, mfnOffset } from './machine-ram.js';

export const GUEST_PHYS_BITS = 41;
export const MAX_GFN = 2 ** (GUEST_PHYS_BITS - PAGE_SHIFT) - 1;

const PTE_V = 1 << 0;
const PTE_R = 1 << 1;
const PTE_W = 1 << 2;
const PTE_X = 1 << 3;
/** G-stage leaves must have U set: every guest access counts as a user access. */
const PTE_U = 1 << 4;
const PTE_A = 1 << 6;
const PTE_D = 1 << 7;
const PTE_FLAG_BITS = 10;

export type P2mAccess = 'rwx' | 'rw' | 'r';
const LEAF_FLAGS: Record<P2mAccess, number> = {
  rwx: PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D,
  rw: PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D,
  r: PTE_V | PTE_R | PTE_U | PTE_A,
};

const ROOT_FRAMES = 4;
const HGATP_MODE_SV39X4 = 8n;

export class P2m {
  /** First frame of the 16 KiB root table. */
  readonly rootMfn: number;
  /** Every frame holding this p2m's tables, released by destroy(). */
  private readonly tableFrames: number[] = [];
  private mappedCount = 0;
  /** Bumped on every unmap or remap, so harts know to flush cached translations. */
  generation = 0;
  /** Told when a translation was taken away (the data plane shoots down the harts' TLBs). */
  onUnmapped: (() => void) | undefined;

  private constructor(
    private readonly ram: MachineRam,
    private readonly frames: FrameAllocator,
    rootMfn: number,
  ) {
    this.rootMfn = rootMfn;
    for (let i = 0; i < ROOT_FRAMES; i++) this.tableFrames.push(rootMfn + i);
  }

  /** A new, empty p2m; undefined when no RAM is left for its root. */
  static create(ram: MachineRam, frames: FrameAllocator): P2m | undefined {
    const root = frames.allocContiguous(ROOT_FRAMES, ROOT_FRAMES, DOMID_XEN);
    return root === undefined ? undefined : new P2m(ram, frames, root);
  }

  /**
   * Lookups in tables another thread owns (a hart worker reading a guest's memory for a
   * fast-path hypercall). Only lookup() and hgatp() are meaningful on the result: map,
   * unmap and destroy belong to the owner on the main thread.
   */
  static attach(ram: MachineRam, rootMfn: number): P2m {
    return new P2m(ram, new FrameAllocator(machineRamOver(new ArrayBuffer(0), 0, 0, 0)), rootMfn);
  }

  /** Number of guest frames currently mapped. */
  get mappedFrames(): number {
    return this.mappedCount;
  }

  /** Number of machine frames used by the tables themselves. */
  get tableFrameCount(): number {
    return this.tableFrames.length;
  }

  /** The hgatp CSR value that selects these tables for `vmid`. */
  hgatp(vmid: number): bigint {
    return (HGATP_MODE_SV39X4 << 60n) | (BigInt(vmid) << 44n) | BigInt(this.rootMfn);
  }

  /** Machine frame mapped at `gfn`, or -1. */
  lookup(gfn: number): number {
    if (!(gfn >= 0 && gfn <= MAX_GFN)) return -1;
    const leaf = this.leafOffset(gfn, false);
    if (leaf < 0) return -1;
    const low = this.ram.view.getUint32(leaf, true);
    if ((low & PTE_V) === 0) return -1;
    return readPpn(this.ram.view, leaf);
  }

  /**
   * Maps `gfn` to `mfn`. Returns false when a table frame could not be allocated or
   * `gfn` is out of range. An existing mapping is replaced.
   */
  map(gfn: number, mfn: number, access: P2mAccess = 'rwx'): boolean {
    if (!(gfn >= 0 && gfn <= MAX_GFN)) return false;
    const leaf = this.leafOffset(gfn, true);
    if (leaf < 0) return false;
    const view = this.ram.view;
    const wasMapped = (view.getUint32(leaf, true) & PTE_V) !== 0;
    if (wasMapped) {
      view.setUint32(leaf, 0, true);
      this.unmapped();
    }
    // High word first: the valid bit lives in the low word, so a concurrent walker
    // never sees a valid entry with a stale frame number.
    view.setUint32(leaf + 4, Math.floor(mfn / 2 ** (32 - PTE_FLAG_BITS)), true);
    view.setUint32(leaf, ((mfn << PTE_FLAG_BITS) | LEAF_FLAGS[access]) >>> 0, true);
    if (!wasMapped) this.mappedCount++;
    return true;
  }

  /** Removes the mapping of `gfn`; returns the machine frame it had, or -1. */
  unmap(gfn: number): number {
    const mfn = this.lookup(gfn);
    if (mfn < 0) return -1;
    const leaf = this.leafOffset(gfn, false);
    this.ram.view.setUint32(leaf, 0, true);
    this.ram.view.setUint32(leaf + 4, 0, true);
    this.mappedCount--;
    this.unmapped();
    return mfn;
  }

  /** Calls `visit(gfn, mfn)` for every mapping, in gfn order. */
  forEachMapping(visit: (gfn: number, mfn: number) => void): void {
    const view = this.ram.view;
    const rootOffset = mfnOffset(this.ram, this.rootMfn);
    for (let i0 = 0; i0 < 2048; i0++) {
      const mid = childTable(this.ram, rootOffset + i0 * 8);
      if (mid < 0) continue;
      for (let i1 = 0; i1 < 512; i1++) {
        const leafTable = childTable(this.ram, mid + i1 * 8);
        if (leafTable < 0) continue;
        for (let i2 = 0; i2 < 512; i2++) {
          const entry = leafTable + i2 * 8;
          if ((view.getUint32(entry, true) & PTE_V) === 0) continue;
          visit(i0 * 2 ** 18 + i1 * 512 + i2, readPpn(view, entry));
        }
      }
    }
  }

  /** Releases the tables (not the mapped frames: their owner frees those). */
  destroy(): void {
    for (const mfn of this.tableFrames) this.frames.free(mfn);
    this.tableFrames.length = 0;
    this.mappedCount = 0;
    this.unmapped();
  }

  private unmapped(): void {
    this.generation++;
    this.onUnmapped?.();
  }

  /** Byte offset in RAM of the leaf entry for `gfn`; -1 if a table is missing. */
  private leafOffset(gfn: number, create: boolean): number {
    let table = mfnOffset(this.ram, this.rootMfn);
    for (let level = 0; level < 2; level++) {
      const index = level === 0 ? Math.floor(gfn / 2 ** 18) : (gfn >>> 9) & 511;
      const entry = table + index * 8;
      let next = childTable(this.ram, entry);
      if (next < 0) {
        if (!create) return -1;
        const mfn = this.frames.alloc(DOMID_XEN);
        if (mfn === undefined) return -1;
        this.tableFrames.push(mfn);
        this.ram.view.setUint32(entry + 4, Math.floor(mfn / 2 ** (32 - PTE_FLAG_BITS)), true);
        this.ram.view.setUint32(entry, ((mfn << PTE_FLAG_BITS) | PTE_V) >>> 0, true);
        next = mfnOffset(this.ram, mfn);
      }
      table = next;
    }
    return table + (gfn & 511) * 8;
  }
}

function readPpn(view: DataView, entry: number): number {
  const low = view.getUint32(entry, true);
  const high = view.getUint32(entry + 4, true) & 0x3fffff;
  return high * 2 ** (32 - PTE_FLAG_BITS) + (low >>> PTE_FLAG_BITS);
}

/** RAM offset of the table a non-leaf entry points to, or -1 if the entry is invalid. */
function childTable(ram: MachineRam, entry: number): number {
  if ((ram.view.getUint32(entry, true) & PTE_V) === 0) return -1;
  return mfnOffset(ram, readPpn(ram.view, entry));
}
