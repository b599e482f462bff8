// One accessor per domain for guest-physical memory, through the domain's p2m. Every
// access is bounds-checked page by page; an address that is not mapped raises GuestFault,
// which the hypercall dispatcher turns into -EFAULT. Nothing here can touch host memory
// outside machine RAM.
import { type MachineRam, PAGE_SIZE, mfnOffset } from './machine-ram.js';
import { MAX_GFN, type P2m } from './p2m.js';

/** A guest-physical access outside the domain's memory. */
export class GuestFault extends Error {
  constructor(readonly gpa: number, readonly length: number) {
    super(`guest access of ${length} bytes at 0x${gpa.toString(16)} is not mapped`);
    this.name = 'GuestFault';
  }
}

const MAX_GPA = (MAX_GFN + 1) * PAGE_SIZE;

export class GuestMemory {
  private cachedGfn = -1;
  private cachedOffset = 0;
  private cachedGeneration = -1;

  constructor(
    readonly ram: MachineRam,
    private readonly p2m: P2m,
  ) {}

  /** True if every byte of [gpa, gpa + length) is mapped. */
  isMapped(gpa: number, length: number): boolean {
    if (!validRange(gpa, length)) return false;
    for (let page = Math.floor(gpa / PAGE_SIZE); page * PAGE_SIZE < gpa + length; page++) {
      if (this.p2m.lookup(page) < 0) return false;
    }
    return true;
  }

  /**
   * RAM offset (into `ram.bytes`/`ram.view`) of [gpa, gpa + length) when that range lies
   * in one guest page; -1 when it crosses a page or is not mapped.
   */
  offsetInPage(gpa: number, length: number): number {
    if (!validRange(gpa, length)) return -1;
    const inPage = gpa % PAGE_SIZE;
    if (inPage + length > PAGE_SIZE) return -1;
    const gfn = (gpa - inPage) / PAGE_SIZE;
    if (gfn !== this.cachedGfn || this.cachedGeneration !== this.p2m.generation) {
      const mfn = this.p2m.lookup(gfn);
      if (mfn < 0) return -1;
      this.cachedGfn = gfn;
      this.cachedOffset = mfnOffset(this.ram, mfn);
      this.cachedGeneration = this.p2m.generation;
    }
    return this.cachedOffset + inPage;
  }

  /** Copies guest bytes into `target` (its whole length). */
  readInto(gpa: number, target: Uint8Array): void {
    this.copy(gpa, target.length, (offset, done, count) =>
      target.set(this.ram.bytes.subarray(offset, offset + count), done),
    );
  }

  read(gpa: number, length: number): Uint8Array {
    // Checked before allocating: a guest's length may be anything up to 2^53.
    if (!validRange(gpa, length) || (length > PAGE_SIZE && !this.isMapped(gpa, length))) throw new GuestFault(gpa, length);
    const out = new Uint8Array(length);
    this.readInto(gpa, out);
    return out;
  }

  write(gpa: number, source: Uint8Array): void {
    this.copy(gpa, source.length, (offset, done, count) => this.ram.bytes.set(source.subarray(done, done + count), offset));
  }

  fill(gpa: number, length: number, value: number): void {
    this.copy(gpa, length, (offset, _done, count) => this.ram.bytes.fill(value, offset, offset + count));
  }

  readU8(gpa: number): number {
    return this.ram.bytes[this.scalar(gpa, 1)];
  }

  readU16(gpa: number): number {
    return this.ram.view.getUint16(this.scalar(gpa, 2), true);
  }

  readU32(gpa: number): number {
    return this.ram.view.getUint32(this.scalar(gpa, 4), true);
  }

  readU64(gpa: number): bigint {
    return this.ram.view.getBigUint64(this.scalar(gpa, 8), true);
  }

  writeU8(gpa: number, value: number): void {
    this.ram.bytes[this.scalar(gpa, 1)] = value;
  }

  writeU16(gpa: number, value: number): void {
    this.ram.view.setUint16(this.scalar(gpa, 2), value, true);
  }

  writeU32(gpa: number, value: number): void {
    this.ram.view.setUint32(this.scalar(gpa, 4), value, true);
  }

  writeU64(gpa: number, value: bigint): void {
    this.ram.view.setBigUint64(this.scalar(gpa, 8), BigInt.asUintN(64, value), true);
  }

  /** Offset of a naturally sized scalar; it may not cross a page (guests align them). */
  private scalar(gpa: number, size: number): number {
    const offset = this.offsetInPage(gpa, size);
    if (offset < 0) throw new GuestFault(gpa, size);
    return offset;
  }

  /** Splits [gpa, gpa + length) at page boundaries; checks every page before copying. */
  private copy(gpa: number, length: number, chunk: (offset: number, done: number, count: number) => void): void {
    if (!this.isMapped(gpa, length)) throw new GuestFault(gpa, length);
    let done = 0;
    while (done < length) {
      const here = gpa + done;
      const count = Math.min(length - done, PAGE_SIZE - (here % PAGE_SIZE));
      chunk(this.offsetInPage(here, count), done, count);
      done += count;
    }
  }
}

function validRange(gpa: number, length: number): boolean {
  return Number.isSafeInteger(gpa) && Number.isSafeInteger(length) && gpa >= 0 && length >= 0 && gpa + length <= MAX_GPA;
}
