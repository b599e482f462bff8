// A virt platform over fresh shared state, with recorded hart lines and UART output.
import { Aclint } from '../../src/devices/aclint.js';
import { SharedWords } from '../../src/devices/device.js';
import { Plic } from '../../src/devices/plic.js';
import { Uart16550 } from '../../src/devices/uart16550.js';
import { RecordingLines } from './lines.js';

export const hart0 = { hartId: 0, time: 0n };

export function platform(harts = 2) {
  const shared = SharedWords.create(16384);
  const lines = new RecordingLines(harts);
  const plic = new Plic(shared, lines);
  const out: number[] = [];
  const uart = new Uart16550(shared, plic, (b) => out.push(b));
  const aclint = new Aclint(shared, lines);
  aclint.reset();
  return { shared, lines, plic, uart, aclint, out };
}
