// ELF64 little-endian RISC-V reader for bare-metal images: loadable segments placed at
// their physical addresses, plus the symbol table (for HTIF's tohost/fromhost).

const EM_RISCV = 243;
const PT_LOAD = 1;
const SHT_SYMTAB = 2;
const ELF_HEADER_SIZE = 64;
const PROGRAM_HEADER_SIZE = 56;
const SECTION_HEADER_SIZE = 64;
const SYMBOL_SIZE = 24;

/** A bad image: the message is one line meant for the user. */
export class ElfError extends Error {
  override readonly name = 'ElfError';
}

export interface ElfSegment {
  /** Physical load address (p_paddr). */
  readonly paddr: bigint;
  /** Size in memory; bytes past `data.length` are zero (.bss). */
  readonly memsz: number;
  /** The file bytes of the segment. */
  readonly data: Uint8Array;
}

export interface ElfImage {
  readonly entry: bigint;
  readonly segments: readonly ElfSegment[];
  /** Defined symbols by name (first definition wins). */
  readonly symbols: ReadonlyMap<string, bigint>;
}

export function parseElf(bytes: Uint8Array): ElfImage {
  if (bytes.length < 16 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    throw new ElfError('not an ELF file');
  }
  if (bytes[4] !== 2) throw new ElfError('not an RV64 ELF: it is a 32-bit ELF');
  if (bytes[5] !== 1) throw new ElfError('not an RV64 ELF: it is big-endian');
  if (bytes.length < ELF_HEADER_SIZE) throw new ElfError('truncated ELF header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const machine = view.getUint16(18, true);
  if (machine !== EM_RISCV) throw new ElfError(`not an RV64 ELF: machine ${machine} is not RISC-V (243)`);
  const entry = view.getBigUint64(24, true);
  const phoff = checkedNumber(view.getBigUint64(32, true), 'program header offset');
  const shoff = checkedNumber(view.getBigUint64(40, true), 'section header offset');
  const phentsize = view.getUint16(54, true);
  const phnum = view.getUint16(56, true);
  const shentsize = view.getUint16(58, true);
  const shnum = view.getUint16(60, true);
  if (phnum > 0 && phentsize < PROGRAM_HEADER_SIZE) throw new ElfError(`bad program header size ${phentsize}`);
  checkRange(bytes, phoff, phnum * phentsize, 'program headers');

  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (view.getUint32(at, true) !== PT_LOAD) continue;
    const offset = checkedNumber(view.getBigUint64(at + 8, true), `segment ${i} offset`);
    const paddr = view.getBigUint64(at + 24, true);
    const filesz = checkedNumber(view.getBigUint64(at + 32, true), `segment ${i} file size`);
    const memsz = checkedNumber(view.getBigUint64(at + 40, true), `segment ${i} memory size`);
    if (filesz > memsz) throw new ElfError(`segment ${i}: file size ${filesz} exceeds memory size ${memsz}`);
    checkRange(bytes, offset, filesz, `segment ${i}`);
    if (memsz === 0) continue;
    segments.push({ paddr, memsz, data: bytes.subarray(offset, offset + filesz) });
  }
  if (segments.length === 0) throw new ElfError('no loadable segments');

  let symbols = new Map<string, bigint>();
  if (shnum > 0 && shentsize >= SECTION_HEADER_SIZE) {
    checkRange(bytes, shoff, shnum * shentsize, 'section headers');
    symbols = readSymbols(bytes, view, shoff, shentsize, shnum);
  }
  return { entry, segments, symbols };
}

function readSymbols(bytes: Uint8Array, view: DataView, shoff: number, shentsize: number, shnum: number): Map<string, bigint> {
  const symbols = new Map<string, bigint>();
  const decoder = new TextDecoder();
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * shentsize;
    if (view.getUint32(at + 4, true) !== SHT_SYMTAB) continue;
    const offset = checkedNumber(view.getBigUint64(at + 24, true), 'symbol table offset');
    const size = checkedNumber(view.getBigUint64(at + 32, true), 'symbol table size');
    const link = view.getUint32(at + 40, true);
    if (link >= shnum) throw new ElfError(`symbol table ${i} links to missing section ${link}`);
    const strAt = shoff + link * shentsize;
    const strOffset = checkedNumber(view.getBigUint64(strAt + 24, true), 'string table offset');
    const strSize = checkedNumber(view.getBigUint64(strAt + 32, true), 'string table size');
    checkRange(bytes, offset, size, 'symbol table');
    checkRange(bytes, strOffset, strSize, 'string table');
    const strings = bytes.subarray(strOffset, strOffset + strSize);
    for (let s = offset + SYMBOL_SIZE; s + SYMBOL_SIZE <= offset + size; s += SYMBOL_SIZE) {
      const nameOffset = view.getUint32(s, true);
      const sectionIndex = view.getUint16(s + 6, true);
      if (nameOffset === 0 || sectionIndex === 0 || nameOffset >= strings.length) continue;
      const end = strings.indexOf(0, nameOffset);
      const name = decoder.decode(strings.subarray(nameOffset, end < 0 ? strings.length : end));
      if (!symbols.has(name)) symbols.set(name, view.getBigUint64(s + 8, true));
    }
  }
  return symbols;
}

function checkedNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ElfError(`${what} 0x${value.toString(16)} is too large`);
  return Number(value);
}

function checkRange(bytes: Uint8Array, offset: number, length: number, what: string): void {
  if (offset + length > bytes.length) {
    throw new ElfError(`truncated ELF: ${what} at offset ${offset} (${length} bytes) run past the end of the file (${bytes.length} bytes)`);
  }
}
