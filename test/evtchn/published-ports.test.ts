// The published port table a hart reads to serve send and unmask: what the main thread
// writes is what a reader gets, and a reader never takes an entry mid-rewrite.
import { describe, expect, it } from 'vitest';
import { PUBLISHED_PORTS, type PortEntry, PortKind, PublishedPorts, UNPUBLISHED_ENTRY } from '../../src/evtchn/published-ports.js';

const FRAME = 4096;

function table(): { ports: PublishedPorts; i32: Int32Array } {
  const i32 = new Int32Array(new SharedArrayBuffer(3 * FRAME));
  return { ports: new PublishedPorts(i32, FRAME), i32 };
}

describe('published port table', () => {
  it('an entry reads back as written; an unpublished one, or one past the table, sends the caller to the slow path', () => {
    const { ports } = table();
    const out: PortEntry = { ...UNPUBLISHED_ENTRY };
    expect(ports.read(5, out)).toBe(false);
    ports.write(5, { kind: PortKind.DELIVER, targetPort: 4095, targetFrame: 7 * FRAME, ownFrame: 9 * FRAME });
    expect(ports.read(5, out)).toBe(true);
    expect(out).toEqual({ kind: PortKind.DELIVER, targetPort: 4095, targetFrame: 7 * FRAME, ownFrame: 9 * FRAME });
    ports.write(5, UNPUBLISHED_ENTRY);
    expect(ports.read(5, out)).toBe(false);
    for (const port of [PUBLISHED_PORTS, -1, 1.5, 2 ** 32]) expect(ports.read(port, out)).toBe(false);
  });

  it('an entry being rewritten (odd sequence) is not taken', () => {
    const { ports, i32 } = table();
    const out: PortEntry = { ...UNPUBLISHED_ENTRY };
    ports.write(3, { kind: PortKind.UNBOUND, targetPort: 0, targetFrame: 0, ownFrame: FRAME });
    const seq = FRAME / 4 + 3 * 4;
    Atomics.add(i32, seq, 1); // the main thread is between its two bumps
    expect(ports.read(3, out)).toBe(false);
    Atomics.add(i32, seq, 1);
    expect(ports.read(3, out)).toBe(true);
    expect(out.kind).toBe(PortKind.UNBOUND);
  });
});
