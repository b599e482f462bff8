// SiFive test finisher (QEMU virt's "sifive,test1" at 0x100000): a 32-bit write ends the run.
import type { AccessSize, Accessor, Device } from './device.js';

export const FINISHER_BASE = 0x0010_0000n;
const FINISHER_FAIL = 0x3333;
const FINISHER_PASS = 0x5555;
const FINISHER_RESET = 0x7777;

export type FinisherEvent = { kind: 'pass' } | { kind: 'fail'; code: number } | { kind: 'reset' };

export class TestFinisher implements Device {
  readonly name = 'finisher';
  readonly base = FINISHER_BASE;
  readonly size = 0x1000;

  constructor(private readonly onFinish: (event: FinisherEvent, hartId: number) => void) {}

  read(): bigint {
    return 0n;
  }

  write(offset: number, size: AccessSize, value: bigint, by: Accessor): void {
    if (offset !== 0 || size < 4) return;
    const status = Number(value & 0xffffn);
    const code = Number((value >> 16n) & 0xffffn);
    if (status === FINISHER_PASS) this.onFinish({ kind: 'pass' }, by.hartId);
    else if (status === FINISHER_FAIL) this.onFinish({ kind: 'fail', code }, by.hartId);
    else if (status === FINISHER_RESET) this.onFinish({ kind: 'reset' }, by.hartId);
  }

  /** Stateless: nothing to save. */
  save(): Uint8Array {
    return new Uint8Array(0);
  }

  restore(): void {}
}
