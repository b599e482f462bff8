import { describe, expect, it } from 'vitest';
import { FrameAllocator } from '../../src/hypervisor/memory/frame-allocator.js';
import { GuestFault, GuestMemory } from '../../src/hypervisor/memory/guest-memory.js';
import { PAGE_SIZE, allocateMachineRam, mfnOffset } from '../../src/hypervisor/memory/machine-ram.js';
import { P2m } from '../../src/hypervisor/memory/p2m.js';

const BASE = 0x8000_0000;

function machine(frames = 64) {
  const ram = allocateMachineRam(BASE, frames * PAGE_SIZE);
  return { ram, frames: new FrameAllocator(ram) };
}

describe('frame allocator', () => {
  it('hands out every frame once, records the owner, and reports exhaustion', () => {
    const { frames } = machine(8);
    const got = Array.from({ length: 8 }, () => frames.alloc(3));
    expect(new Set(got).size).toBe(8);
    expect(got.every((mfn) => mfn !== undefined && mfn >= BASE / PAGE_SIZE)).toBe(true);
    expect(frames.alloc(3)).toBeUndefined();
    expect(frames.ownerOf(got[0] as number)).toBe(3);
    expect(frames.freeFrames).toBe(0);
  });

  it('scrubs a frame when it is freed, so the next owner reads zeros', () => {
    const { ram, frames } = machine(4);
    const mfn = frames.alloc(1) as number;
    ram.bytes.fill(0x5a, mfnOffset(ram, mfn), mfnOffset(ram, mfn) + PAGE_SIZE);
    frames.free(mfn);
    expect(frames.ownerOf(mfn)).toBeUndefined();
    const again = frames.alloc(2) as number;
    expect(again).toBe(mfn);
    expect(ram.bytes.subarray(mfnOffset(ram, again), mfnOffset(ram, again) + PAGE_SIZE).every((b) => b === 0)).toBe(true);
  });

  it('allocates aligned contiguous runs around used frames', () => {
    const { frames } = machine(16);
    frames.alloc(1);
    const run = frames.allocContiguous(4, 4, 1) as number;
    expect(run % 4).toBe(0);
    for (let i = 0; i < 4; i++) expect(frames.ownerOf(run + i)).toBe(1);
    expect(() => frames.free(run + 100)).toThrow(/not allocated/);
  });
});

describe('p2m (G-stage Sv39x4)', () => {
  it('maps, looks up and unmaps guest frames, and builds the tables a hart walks', () => {
    const { ram, frames } = machine();
    const p2m = P2m.create(ram, frames) as P2m;
    const mfn = frames.alloc(1) as number;
    const gfn = 0x80000 + 5;
    expect(p2m.map(gfn, mfn)).toBe(true);
    expect(p2m.lookup(gfn)).toBe(mfn);
    expect(p2m.lookup(gfn + 1)).toBe(-1);
    // Walk by hand: root index = gfn >> 18, then (gfn >> 9) & 511, then gfn & 511.
    const view = ram.view;
    const pte = (table: number, index: number) => view.getBigUint64(mfnOffset(ram, table) + index * 8, true);
    const root = pte(p2m.rootMfn, Math.floor(gfn / 2 ** 18));
    expect(root & 0xfn).toBe(1n); // valid, non-leaf
    const mid = pte(Number(root >> 10n), (gfn >>> 9) & 511);
    const leaf = pte(Number(mid >> 10n), gfn & 511);
    expect(Number(leaf >> 10n)).toBe(mfn);
    expect(leaf & 0xdfn).toBe(0xdfn); // V R W X U A D
    expect(p2m.hgatp(3)).toBe((8n << 60n) | (3n << 44n) | BigInt(p2m.rootMfn));
    expect(p2m.rootMfn % 4).toBe(0);
    expect(p2m.unmap(gfn)).toBe(mfn);
    expect(p2m.lookup(gfn)).toBe(-1);
    expect(p2m.map(2 ** 29, mfn)).toBe(false);
  });

  it('returns its table frames to the heap on destroy', () => {
    const { ram, frames } = machine();
    const before = frames.freeFrames;
    const p2m = P2m.create(ram, frames) as P2m;
    p2m.map(0, frames.alloc(1) as number);
    p2m.map(2 ** 20, frames.alloc(1) as number);
    expect(frames.freeFrames).toBe(before - 2 - p2m.tableFrameCount);
    p2m.destroy();
    expect(frames.freeFrames).toBe(before - 2);
  });
});

describe('guest memory accessor', () => {
  function guest() {
    const { ram, frames } = machine();
    const p2m = P2m.create(ram, frames) as P2m;
    // Two consecutive guest frames backed by machine frames that are not consecutive.
    const first = frames.alloc(1) as number;
    frames.alloc(1);
    const second = frames.alloc(1) as number;
    p2m.map(0x80000, first);
    p2m.map(0x80001, second);
    return { ram, memory: new GuestMemory(ram, p2m), first, second };
  }

  it('copies across a page boundary into the right machine frames', () => {
    const { ram, memory, first, second } = guest();
    const gpa = 0x8000_0000 + PAGE_SIZE - 3;
    memory.write(gpa, Uint8Array.of(1, 2, 3, 4, 5));
    expect([...ram.bytes.subarray(mfnOffset(ram, first) + PAGE_SIZE - 3, mfnOffset(ram, first) + PAGE_SIZE)]).toEqual([1, 2, 3]);
    expect([...ram.bytes.subarray(mfnOffset(ram, second), mfnOffset(ram, second) + 2)]).toEqual([4, 5]);
    expect([...memory.read(gpa, 5)]).toEqual([1, 2, 3, 4, 5]);
    memory.writeU64(0x8000_0008, 0x1122334455667788n);
    expect(memory.readU32(0x8000_0008)).toBe(0x55667788);
    expect(memory.readU64(0x8000_0008)).toBe(0x1122334455667788n);
  });

  it('raises GuestFault, not a host error, for any address outside the domain', () => {
    const { memory } = guest();
    const bad = [0, 0x8000_0000 + 2 * PAGE_SIZE, -8, Number.NaN, 2 ** 60, 1.5];
    for (const gpa of bad) expect(() => memory.read(gpa, 8)).toThrow(GuestFault);
    // A range that starts mapped and runs off the end fails as a whole, writing nothing.
    expect(() => memory.write(0x8000_0000 + 2 * PAGE_SIZE - 2, new Uint8Array(4).fill(9))).toThrow(GuestFault);
    expect(memory.readU16(0x8000_0000 + 2 * PAGE_SIZE - 2)).toBe(0);
    expect(() => memory.readU32(0x8000_0000 + PAGE_SIZE - 2)).toThrow(GuestFault);
  });
});
