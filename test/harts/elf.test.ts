import { describe, expect, it } from 'vitest';
import { ElfError, parseElf } from '../../src/harts/elf.js';
import { loadElfSegments } from '../../src/harts/load-elf.js';
import { writeElf } from './support/elf-writer.js';

const RAM_BASE = 0x8000_0000n;
const code = new Uint8Array([0x13, 0, 0, 0, 0x6f, 0, 0, 0]);

/** A RAM stand-in with the MachineMemory addressing rule: RAM at offset 0 of the buffer. */
function fakeRam(size: number) {
  const bytes = new Uint8Array(size);
  return {
    memory: { buffer: bytes.buffer },
    ram: () => bytes,
    physToOffset: (paddr: bigint, length: number) =>
      paddr >= RAM_BASE && paddr + BigInt(length) <= RAM_BASE + BigInt(size) ? Number(paddr - RAM_BASE) : -1,
  };
}

describe('parseElf', () => {
  it('reads entry, loadable segments and the tohost/fromhost symbols', () => {
    const image = parseElf(writeElf({
      entry: RAM_BASE,
      segments: [{ paddr: RAM_BASE, data: code, memsz: 64 }],
      symbols: { tohost: RAM_BASE + 0x1000n, fromhost: RAM_BASE + 0x1040n },
    }));
    expect(image.entry).toBe(RAM_BASE);
    expect(image.segments).toHaveLength(1);
    expect(image.segments[0]!.memsz).toBe(64);
    expect([...image.segments[0]!.data]).toEqual([...code]);
    expect(image.symbols.get('tohost')).toBe(RAM_BASE + 0x1000n);
    expect(image.symbols.get('fromhost')).toBe(RAM_BASE + 0x1040n);
  });

  it.each([
    ['a text file', new TextEncoder().encode('#!/bin/sh\necho hi\n'), 'not an ELF file'],
    ['an empty file', new Uint8Array(0), 'not an ELF file'],
    ['a 32-bit ELF', writeElf({ entry: RAM_BASE, segments: [{ paddr: RAM_BASE, data: code }], elfClass: 1 }), 'not an RV64 ELF: it is a 32-bit ELF'],
    ['an x86-64 ELF', writeElf({ entry: RAM_BASE, segments: [{ paddr: RAM_BASE, data: code }], machine: 62 }), 'not an RV64 ELF: machine 62 is not RISC-V (243)'],
    ['a truncated ELF', writeElf({ entry: RAM_BASE, segments: [{ paddr: RAM_BASE, data: code }] }).subarray(0, 100), 'truncated ELF'],
  ])('rejects %s with a one-line error', (_what, bytes, message) => {
    expect(() => parseElf(bytes)).toThrow(ElfError);
    expect(() => parseElf(bytes)).toThrow(message);
  });
});

describe('loadElfSegments', () => {
  it('copies segment bytes and zero-fills the rest of memsz', () => {
    const ram = fakeRam(0x2000);
    ram.ram().fill(0xaa);
    loadElfSegments(parseElf(writeElf({ entry: RAM_BASE, segments: [{ paddr: RAM_BASE + 0x100n, data: code, memsz: 16 }] })), ram, RAM_BASE, 0x2000);
    const bytes = ram.ram();
    expect([...bytes.subarray(0x100, 0x108)]).toEqual([...code]);
    expect([...bytes.subarray(0x108, 0x110)]).toEqual(new Array(8).fill(0));
    expect(bytes[0x110]).toBe(0xaa);
    expect(bytes[0xff]).toBe(0xaa);
  });

  it('rejects a segment outside RAM and writes nothing', () => {
    const ram = fakeRam(0x2000);
    const image = parseElf(writeElf({
      entry: RAM_BASE,
      segments: [{ paddr: RAM_BASE, data: code }, { paddr: 0x1000n, data: code }],
    }));
    expect(() => loadElfSegments(image, ram, RAM_BASE, 0x2000)).toThrow('segment 1 at 0x1000-0x1008 lies outside RAM 0x80000000-0x80002000');
    expect(ram.ram()[0]).toBe(0);
  });

  it('rejects a segment that runs past the end of RAM', () => {
    const ram = fakeRam(0x2000);
    const image = parseElf(writeElf({ entry: RAM_BASE, segments: [{ paddr: RAM_BASE + 0x1ff8n, data: code, memsz: 16 }] }));
    expect(() => loadElfSegments(image, ram, RAM_BASE, 0x2000)).toThrow(/segment 0 at 0x80001ff8-0x80002008 lies outside RAM/);
  });
});
