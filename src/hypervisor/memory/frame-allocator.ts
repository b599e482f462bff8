// Xen's heap: every 4 KiB machine frame of RAM is free or owned by a domain (or by Xen,
// DOMID_XEN, for page tables and shared_info pages). Frames are scrubbed
// (zeroed) when freed, so an allocated frame always reads as zero; RAM starts zeroed.
import { type MachineRam, PAGE_SIZE, firstMfn, mfnOffset } from './machine-ram.js';

/** Owner of Xen's own frames (DOMID_XEN). */
export const DOMID_XEN = 0x7ff2;

export class FrameAllocator {
  readonly totalFrames: number;
  private readonly baseMfn: number;
  /** One bit per frame, set when the frame is in use. */
  private readonly used: Uint32Array;
  /** Owner domid of each frame in use (Xen's page_info owner). */
  private readonly owners: Uint16Array;
  private freeCount: number;
  /** Lowest frame index that may be free: allocation scans from here. */
  private hint = 0;

  constructor(private readonly ram: MachineRam) {
    this.baseMfn = firstMfn(ram);
    this.totalFrames = ram.size / PAGE_SIZE;
    this.used = new Uint32Array(Math.ceil(this.totalFrames / 32));
    this.owners = new Uint16Array(this.totalFrames);
    this.freeCount = this.totalFrames;
  }

  get freeFrames(): number {
    return this.freeCount;
  }

  /** The highest machine frame number of RAM. */
  get maxMfn(): number {
    return this.baseMfn + this.totalFrames - 1;
  }

  /** One zeroed frame, or undefined when RAM is exhausted. */
  alloc(owner: number): number | undefined {
    const index = this.findFree(this.hint);
    if (index < 0) return undefined;
    this.mark(index, owner);
    this.hint = index + 1;
    return this.baseMfn + index;
  }

  /**
   * `count` contiguous zeroed frames whose first frame number is a multiple of `align`
   * (G-stage root tables need 4 frames aligned to 16 KiB). Returns the first mfn.
   */
  allocContiguous(count: number, align: number, owner: number): number | undefined {
    let start = this.alignUp(this.findFree(0), align);
    while (start >= 0 && start + count <= this.totalFrames) {
      const taken = this.firstUsedIn(start, count);
      if (taken < 0) {
        for (let i = 0; i < count; i++) this.mark(start + i, owner);
        return this.baseMfn + start;
      }
      start = this.alignUp(taken + 1, align);
    }
    return undefined;
  }

  free(mfn: number): void {
    const index = mfn - this.baseMfn;
    if (index < 0 || index >= this.totalFrames || !this.isUsed(index)) {
      throw new Error(`freeing frame ${mfn.toString(16)} that is not allocated`);
    }
    const offset = mfnOffset(this.ram, mfn);
    this.ram.bytes.fill(0, offset, offset + PAGE_SIZE);
    this.used[index >>> 5] &= ~(1 << (index & 31));
    this.freeCount++;
    if (index < this.hint) this.hint = index;
  }

  /** The domid owning `mfn`, or undefined when it is free or not RAM. */
  ownerOf(mfn: number): number | undefined {
    const index = mfn - this.baseMfn;
    if (!(index >= 0 && index < this.totalFrames) || !this.isUsed(index)) return undefined;
    return this.owners[index];
  }

  private isUsed(index: number): boolean {
    return (this.used[index >>> 5] & (1 << (index & 31))) !== 0;
  }

  private mark(index: number, owner: number): void {
    this.used[index >>> 5] |= 1 << (index & 31);
    this.owners[index] = owner;
    this.freeCount--;
  }

  /** Index of the first free frame at or after `from`, or -1. Skips full words. */
  private findFree(from: number): number {
    for (let word = from >>> 5; word < this.used.length; word++) {
      const bits = this.used[word];
      if (bits === 0xffffffff) continue;
      for (let bit = word === from >>> 5 ? from & 31 : 0; bit < 32; bit++) {
        const index = word * 32 + bit;
        if (index >= this.totalFrames) return -1;
        if ((bits & (1 << bit)) === 0) return index;
      }
    }
    return -1;
  }

  private firstUsedIn(start: number, count: number): number {
    for (let i = start; i < start + count; i++) if (this.isUsed(i)) return i;
    return -1;
  }

  private alignUp(index: number, align: number): number {
    if (index < 0) return -1;
    return Math.ceil((index + this.baseMfn) / align) * align - this.baseMfn;
  }
}
