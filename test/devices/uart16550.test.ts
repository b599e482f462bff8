import { describe, expect, it } from 'vitest';
import { MIP } from '../../src/devices/device.js';
import { UART_IRQ } from '../../src/devices/uart16550.js';
import { platform } from './platform.js';

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
