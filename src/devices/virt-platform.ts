// The devices of QEMU's virt machine that bare-metal programs use, wired together:
// ACLINT 0x0200_0000, PLIC 0x0C00_0000, 16550 UART 0x1000_0000 (PLIC source 10),
// SiFive test finisher 0x0010_0000. Every thread builds one over the same shared state.
import { Aclint } from './aclint.js';
import { MmioBus } from './bus.js';
import { SharedWords, type HartLines } from './device.js';
import { Plic } from './plic.js';
import { TestFinisher, type FinisherEvent } from './test-finisher.js';
import { Uart16550 } from './uart16550.js';

/** Shared words needed by the platform of a machine with `harts` harts. */
export function virtPlatformWords(harts: number): number {
  return 8192 + 64 * harts;
}

export interface VirtPlatform {
  readonly bus: MmioBus;
  readonly aclint: Aclint;
  readonly plic: Plic;
  readonly uart: Uart16550;
}

export function createVirtPlatform(
  shared: SharedWords,
  lines: HartLines,
  transmit: (byte: number) => void,
  onFinish: (event: FinisherEvent, hartId: number) => void,
): VirtPlatform {
  const plic = new Plic(shared, lines);
  const uart = new Uart16550(shared, plic, transmit);
  const aclint = new Aclint(shared, lines);
  const bus = new MmioBus([uart, aclint, plic, new TestFinisher(onFinish)]);
  return { bus, aclint, plic, uart };
}
