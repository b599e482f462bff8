import { describe, expect, it } from 'vitest';
import { MmioBus } from '../../src/devices/bus.js';
import { TestFinisher, type FinisherEvent } from '../../src/devices/test-finisher.js';

const hart0 = { hartId: 0, time: 0n };

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
