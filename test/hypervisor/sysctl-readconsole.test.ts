// sysctl readconsole as Xen's read_console_ring: indices count every byte ever written, an
// incremental read resumes at its index only while that index is still in the ring (else
// from the oldest byte kept), `count` bounds a read, and `clear` drops only what was read.
import { describe, expect, it } from 'vitest';
import { XenErrno } from '../../src/hypervisor/abi/decl/errno.js';
import { XEN_SYSCTL } from '../../src/hypervisor/abi/decl/sysctl.js';
import { testHost } from './test-host.js';

const latin1 = new TextDecoder('latin1');

describe('sysctl readconsole', () => {
  it('reads from an index inside the ring, else from the oldest byte kept', () => {
    const { xc, hv } = testHost();
    hv.console.write('0123456789');
    const all = xc.readConsoleRing(4096, false);
    expect(latin1.decode(all.bytes)).toBe('0123456789');
    expect(all.index).toBe(hv.console.totalWritten);
    expect(latin1.decode(xc.readConsoleRing(4096, false, all.index - 3).bytes)).toBe('789');
    // Past the end (or at the oldest byte) is not inside the ring: the whole ring comes back.
    expect(latin1.decode(xc.readConsoleRing(4096, false, all.index + 5).bytes)).toBe('0123456789');
    const first = xc.readConsoleRing(4, false, 0);
    expect({ text: latin1.decode(first.bytes), index: first.index }).toEqual({ text: '0123', index: 4 });
    expect(latin1.decode(xc.readConsoleRing(4, false, first.index).bytes)).toBe('4567');
  });

  it('clear drops what was read and keeps the rest', () => {
    const { xc, hv } = testHost();
    hv.console.write('abcdefgh');
    expect(latin1.decode(xc.readConsoleRing(3, true).bytes)).toBe('abc');
    expect(hv.console.contents()).toBe('defgh');
    expect(latin1.decode(xc.readConsoleRing(4096, true).bytes)).toBe('defgh');
    expect(hv.console.contents()).toBe('');
    hv.console.write('new');
    expect(latin1.decode(xc.readConsoleRing(4096, false).bytes)).toBe('new');
  });

  it('keeps guest bytes as they were written and refuses a buffer dom0 does not have', () => {
    const { xc, hv } = testHost();
    hv.console.write('caf\xe9 \xff');
    expect([...xc.readConsoleRing(16, false).bytes]).toEqual([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff]);
    expect(() =>
      xc.sysctl(XEN_SYSCTL.readconsole, { readconsole: { clear: 1, incremental: 0, pad0: 0, pad1: 0, index: 0, buffer: 0x10n, count: 16 } }),
    ).toThrow(expect.objectContaining({ errno: XenErrno.EFAULT }));
    expect(hv.console.contents()).toBe('caf\xe9 \xff');
  });
});
