// Records what devices drive on the harts' interrupt lines and timer compares.
import type { HartLines } from '../../src/devices/device.js';

export class RecordingLines implements HartLines {
  readonly mip: number[];
  readonly compare: bigint[];

  constructor(readonly hartCount: number) {
    this.mip = new Array<number>(hartCount).fill(0);
    this.compare = new Array<bigint>(hartCount).fill(0n);
  }

  setInterruptPending(hart: number, bit: number, pending: boolean): void {
    this.mip[hart] = pending ? this.mip[hart]! | (1 << bit) : this.mip[hart]! & ~(1 << bit);
  }

  interruptPending(hart: number, bit: number): boolean {
    return ((this.mip[hart]! >> bit) & 1) === 1;
  }

  setTimerCompare(hart: number, value: bigint): void {
    this.compare[hart] = value;
  }
}
