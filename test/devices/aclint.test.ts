import { describe, expect, it } from 'vitest';
import { MIP } from '../../src/devices/device.js';
import { hart0, platform } from './platform.js';

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
