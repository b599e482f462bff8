// Writes minimal ELF64 images for tests: PT_LOAD segments and a symbol table.
export interface TestSegment { paddr: bigint; data: Uint8Array; memsz?: number }
export interface TestElf {
  entry: bigint;
  segments: TestSegment[];
  symbols?: Record<string, bigint>;
  /** Override header fields to build bad images. */
  machine?: number;
  elfClass?: number;
}

export function writeElf(elf: TestElf): Uint8Array {
  const names = Object.keys(elf.symbols ?? {});
  const strtab = [0];
  const nameOffsets = names.map((n) => {
    const at = strtab.length;
    strtab.push(...new TextEncoder().encode(n), 0);
    return at;
  });
  const phoff = 64;
  let cursor = phoff + 56 * elf.segments.length;
  const dataOffsets = elf.segments.map((s) => {
    cursor = align(cursor, 16);
    const at = cursor;
    cursor += s.data.length;
    return at;
  });
  const symoff = align(cursor, 8);
  const symsize = 24 * (names.length + 1);
  const stroff = symoff + symsize;
  const shoff = align(stroff + strtab.length, 8);
  const shnum = 3; // null, .symtab, .strtab
  const bytes = new Uint8Array(shoff + 64 * shnum);
  const v = new DataView(bytes.buffer);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, elf.elfClass ?? 2, 1, 1]);
  v.setUint16(16, 2, true); // ET_EXEC
  v.setUint16(18, elf.machine ?? 243, true);
  v.setUint32(20, 1, true);
  v.setBigUint64(24, elf.entry, true);
  v.setBigUint64(32, BigInt(phoff), true);
  v.setBigUint64(40, BigInt(shoff), true);
  v.setUint16(52, 64, true);
  v.setUint16(54, 56, true);
  v.setUint16(56, elf.segments.length, true);
  v.setUint16(58, 64, true);
  v.setUint16(60, shnum, true);
  elf.segments.forEach((s, i) => {
    const at = phoff + 56 * i;
    v.setUint32(at, 1, true);
    v.setUint32(at + 4, 7, true);
    v.setBigUint64(at + 8, BigInt(dataOffsets[i]!), true);
    v.setBigUint64(at + 16, s.paddr, true);
    v.setBigUint64(at + 24, s.paddr, true);
    v.setBigUint64(at + 32, BigInt(s.data.length), true);
    v.setBigUint64(at + 40, BigInt(s.memsz ?? s.data.length), true);
    bytes.set(s.data, dataOffsets[i]!);
  });
  names.forEach((name, i) => {
    const at = symoff + 24 * (i + 1);
    v.setUint32(at, nameOffsets[i]!, true);
    bytes[at + 4] = 0x10; // STB_GLOBAL, STT_NOTYPE
    v.setUint16(at + 6, 1, true); // defined (any non-zero section index)
    v.setBigUint64(at + 8, elf.symbols![name]!, true);
  });
  bytes.set(strtab, stroff);
  const sh = (i: number, type: number, off: number, size: number, link: number, entsize: number) => {
    const at = shoff + 64 * i;
    v.setUint32(at + 4, type, true);
    v.setBigUint64(at + 24, BigInt(off), true);
    v.setBigUint64(at + 32, BigInt(size), true);
    v.setUint32(at + 40, link, true);
    v.setBigUint64(at + 56, BigInt(entsize), true);
  };
  sh(1, 2, symoff, symsize, 2, 24);
  sh(2, 3, stroff, strtab.length, 0, 0);
  return bytes;
}

function align(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}
