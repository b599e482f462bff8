import { describe, expect, it } from 'vitest';
import { Aclint } from '../../src/devices/aclint.js';
import { MIP, SharedWords } from '../../src/devices/device.js';
import { Plic } from '../../src/devices/plic.js';
import { TestFinisher, type FinisherEvent } from '../../src/devices/test-finisher.js';
import { Uart16550, UART_IRQ } from '../../src/devices/uart16550.js';
import { MmioBus } from '../../src/devices/bus.js';
import { RecordingLines } from './lines.js';

const hart0 = { hartId: 0, time: 0n };

function platform(harts = 2) {
  const shared = SharedWords.create(16384);
  const lines = new RecordingLines(harts);
  const plic = new Plic(shared, lines);
  const out: number[] = [];
  const uart = new Uart16550(shared, plic, (b) => out.push(b));
  const aclint = new Aclint(shared, lines);
  aclint.reset();
  return { shared, lines, plic, uart, aclint, out };
}

describe('16550 UART', () => {
  it('transmits THR bytes and reports an empty transmitter in LSR', () => {
    const { uart, out } = platform();
    for (const c of 'hi\n') uart.write(0, 1, BigInt(c.charCodeAt(0)));
    expect(String.fromCharCode(...out)).toBe('hi\n');
    expect(uart.read(5, 1) & 0x60n).toBe(0x60n);
    expect(uart.read(5, 1) & 1n).toBe(0n);
  });

  it('latches the divisor with DLAB without transmitting', () => {
    const { uart, out } = platform();
    uart.write(3, 1, 0x83n);
    uart.write(0, 1, 0x01n);
    uart.write(1, 1, 0x02n);
    expect(uart.read(0, 1)).toBe(1n);
    expect(uart.read(1, 1)).toBe(2n);
    uart.write(3, 1, 0x03n);
    expect(uart.read(1, 1)).toBe(0n); // IER, not DLM
    expect(uart.read(3, 1)).toBe(3n);
    expect(out).toEqual([]);
  });

  it('delivers input through RBR and LSR.DR, raising the receive interrupt when enabled', () => {
    const { uart, lines, plic } = platform();
    uart.receive(new TextEncoder().encode('ok'));
    expect(uart.read(5, 1) & 1n).toBe(1n);
    plic.write(4 * UART_IRQ, 4, 1n);
    plic.write(0x2000, 4, BigInt(1 << UART_IRQ));
    expect(lines.interruptPending(0, MIP.MEIP)).toBe(false);
    uart.write(1, 1, 1n); // IER.ERBFI
    expect(lines.interruptPending(0, MIP.MEIP)).toBe(true);
    expect(uart.read(2, 1) & 0x0fn).toBe(0x04n);
    expect(uart.read(0, 1)).toBe(BigInt('o'.charCodeAt(0)));
    expect(uart.read(0, 1)).toBe(BigInt('k'.charCodeAt(0)));
    expect(uart.read(5, 1) & 1n).toBe(0n);
    expect(uart.read(2, 1) & 0x0fn).toBe(0x01n);
  });

  it('raises THRE when enabled and acknowledges it on an IIR read', () => {
    const { uart, plic } = platform();
    uart.write(2, 1, 1n); // FIFOs on
    uart.write(1, 1, 2n); // IER.ETBEI
    expect(plic.read(0x1000, 4)).toBe(BigInt(1 << UART_IRQ));
    expect(uart.read(2, 1)).toBe(0xc2n);
    expect(uart.read(2, 1)).toBe(0xc1n);
    uart.write(0, 1, 0x41n);
    expect(uart.read(2, 1)).toBe(0xc2n);
  });
});

describe('PLIC', () => {
  it('claims the highest-priority enabled source above the threshold and re-pends a held line on complete', () => {
    const { plic, lines } = platform();
    plic.write(4 * 3, 4, 2n);
    plic.write(4 * 5, 4, 6n);
    plic.write(0x2000 + 0x80 * 1, 4, BigInt((1 << 3) | (1 << 5))); // hart 0 S-mode context
    plic.setLevel(3, true);
    plic.setLevel(5, true);
    expect(lines.interruptPending(0, MIP.SEIP)).toBe(true);
    expect(lines.interruptPending(0, MIP.MEIP)).toBe(false);
    const claim = 0x20_0004 + 0x1000 * 1;
    expect(plic.read(claim, 4)).toBe(5n);
    expect(plic.read(claim, 4)).toBe(3n);
    expect(plic.read(claim, 4)).toBe(0n);
    expect(lines.interruptPending(0, MIP.SEIP)).toBe(false);
    plic.setLevel(3, false);
    plic.write(claim, 4, 3n);
    plic.write(claim, 4, 5n); // line 5 still high: pending again
    expect(plic.read(0x1000, 4)).toBe(BigInt(1 << 5));
    expect(lines.interruptPending(0, MIP.SEIP)).toBe(true);
  });

  it('masks sources at or below the context threshold and routes contexts to their hart', () => {
    const { plic, lines } = platform();
    plic.write(4 * 7, 4, 3n);
    plic.write(0x2000 + 0x80 * 2, 4, BigInt(1 << 7)); // hart 1 M-mode
    plic.write(0x20_0000 + 0x1000 * 2, 4, 3n);
    plic.setLevel(7, true);
    expect(lines.interruptPending(1, MIP.MEIP)).toBe(false);
    plic.write(0x20_0000 + 0x1000 * 2, 4, 2n);
    expect(lines.interruptPending(1, MIP.MEIP)).toBe(true);
    expect(lines.interruptPending(0, MIP.MEIP)).toBe(false);
  });

  it('saves and restores its state', () => {
    const a = platform();
    a.plic.write(4 * 2, 4, 5n);
    a.plic.write(0x2000, 4, 4n);
    a.plic.setLevel(2, true);
    const b = platform();
    b.plic.restore(a.plic.save());
    expect(b.plic.read(8, 4)).toBe(5n);
    expect(b.lines.interruptPending(0, MIP.MEIP)).toBe(true);
  });
});

describe('ACLINT', () => {
  it('raises and clears software interrupts per hart through msip', () => {
    const { aclint, lines } = platform();
    aclint.write(4, 4, 1n);
    expect(lines.interruptPending(1, MIP.MSIP)).toBe(true);
    expect(lines.interruptPending(0, MIP.MSIP)).toBe(false);
    expect(aclint.read(4, 4, hart0)).toBe(1n);
    aclint.write(4, 4, 0n);
    expect(lines.interruptPending(1, MIP.MSIP)).toBe(false);
  });

  it('stores mtimecmp in 64-bit or 32-bit halves and reads mtime as the accessor\'s virtual time', () => {
    const { aclint, lines } = platform();
    expect(aclint.timerCompare(1)).toBe(0xffff_ffff_ffff_ffffn);
    aclint.write(0x4008, 8, 0x1234n);
    expect(lines.compare[1]).toBe(0x1234n);
    aclint.write(0x400c, 4, 0x5n);
    expect(aclint.read(0x4008, 8, hart0)).toBe(0x5_0000_1234n);
    expect(aclint.read(0x400c, 4, hart0)).toBe(5n);
    expect(aclint.read(0xbff8, 8, { hartId: 1, time: 777n })).toBe(777n);
  });
});

describe('SiFive test finisher', () => {
  it.each([
    [0x5555n, { kind: 'pass' }],
    [(3n << 16n) | 0x3333n, { kind: 'fail', code: 3 }],
    [0x7777n, { kind: 'reset' }],
  ])('decodes %s', (value, expected) => {
    const events: FinisherEvent[] = [];
    const finisher = new TestFinisher((e) => events.push(e));
    finisher.write(0, 4, value, hart0);
    expect(events).toEqual([expected]);
  });

  it('is reached through the bus at 0x100000, and unmapped addresses answer nothing', () => {
    const events: FinisherEvent[] = [];
    const bus = new MmioBus([new TestFinisher((e) => events.push(e))]);
    expect(bus.write(0x10_0000n, 4, 0x5555n, hart0)).toBe(true);
    expect(bus.write(0x20_0000n, 4, 0x5555n, hart0)).toBe(false);
    expect(bus.read(0x20_0000n, 4, hart0)).toBeUndefined();
    expect(events).toEqual([{ kind: 'pass' }]);
  });
});
