// ACLINT as on QEMU's virt machine: MSWI (msip, one word per hart) and MTIMER (mtimecmp
// per hart, mtime). mtime is the accessing hart's virtual time; writes to it are ignored
// because time is derived from retired instructions.
import { MIP, readPart, SharedStateDevice, SharedWords, writePart, type AccessSize, type Accessor, type HartLines } from './device.js';

export const ACLINT_BASE = 0x0200_0000n;
const MSIP = 0x0000;
const MTIMECMP = 0x4000;
const MTIME = 0xbff8;

export class Aclint extends SharedStateDevice {
  readonly name = 'aclint';
  readonly base = ACLINT_BASE;
  readonly size = 0x1_0000;

  /** State: msip[hart] then mtimecmp[hart] as (low, high) words. */
  constructor(shared: SharedWords, private readonly lines: HartLines) {
    super(shared, lines.hartCount * 3);
  }

  /** Words of a fresh ACLINT: mtimecmp = all ones (never fires). */
  reset(): void {
    this.locked(() => {
      for (let hart = 0; hart < this.lines.hartCount; hart++) {
        this.state[hart] = 0;
        this.storeCompare(hart, 0xffff_ffff_ffff_ffffn);
      }
    });
  }

  read(offset: number, size: AccessSize, by: Accessor): bigint {
    const harts = this.lines.hartCount;
    if (offset >= MSIP && offset < MSIP + 4 * harts) {
      return readPart(BigInt(this.state[offset >> 2]! & 1), offset & 3, size);
    }
    if (offset >= MTIMECMP && offset < MTIMECMP + 8 * harts) {
      const hart = (offset - MTIMECMP) >> 3;
      return readPart(this.timerCompare(hart), offset & 7, size);
    }
    if (offset >= MTIME && offset < MTIME + 8) return readPart(by.time, offset - MTIME, size);
    return 0n;
  }

  write(offset: number, size: AccessSize, value: bigint): void {
    const harts = this.lines.hartCount;
    if (offset >= MSIP && offset < MSIP + 4 * harts) {
      if ((offset & 3) !== 0) return;
      const hart = offset >> 2;
      const pending = (value & 1n) === 1n;
      Atomics.store(this.state, hart, pending ? 1 : 0);
      this.lines.setInterruptPending(hart, MIP.MSIP, pending);
    } else if (offset >= MTIMECMP && offset < MTIMECMP + 8 * harts) {
      const hart = (offset - MTIMECMP) >> 3;
      this.locked(() => this.storeCompare(hart, writePart(this.loadCompare(hart), offset & 7, size, value)));
    }
  }

  timerCompare(hart: number): bigint {
    return this.locked(() => this.loadCompare(hart));
  }

  override restore(saved: Uint8Array): void {
    super.restore(saved);
    for (let hart = 0; hart < this.lines.hartCount; hart++) {
      this.lines.setInterruptPending(hart, MIP.MSIP, (this.state[hart]! & 1) === 1);
      this.lines.setTimerCompare(hart, this.loadCompare(hart));
    }
  }

  private loadCompare(hart: number): bigint {
    const at = this.lines.hartCount + 2 * hart;
    return (BigInt(this.state[at + 1]! >>> 0) << 32n) | BigInt(this.state[at]! >>> 0);
  }

  private storeCompare(hart: number, value: bigint): void {
    const at = this.lines.hartCount + 2 * hart;
    this.state[at] = Number(value & 0xffff_ffffn) | 0;
    this.state[at + 1] = Number(value >> 32n) | 0;
    this.lines.setTimerCompare(hart, value);
  }
}
