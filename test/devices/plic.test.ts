import { describe, expect, it } from 'vitest';
import { MIP } from '../../src/devices/device.js';
import { platform } from './platform.js';

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
