// Instruction encoders and machine helpers for the hart-core tests, so they run without
// a cross compiler. Registers are numbers (x0..x31); branch/jump offsets are in bytes.
import { MachineMemory, RAM_BASE } from '../../src/harts/machine-memory.js';
import { ExitReason, Hart } from '../../src/harts/hart.js';

const r = (op: number, f3: number, f7: number, rd: number, rs1: number, rs2: number): number =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const i = (op: number, f3: number, rd: number, rs1: number, imm: number): number =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const s = (op: number, f3: number, rs1: number, rs2: number, imm: number): number =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 0x1f) << 7) | op) >>> 0;
const b = (f3: number, rs1: number, rs2: number, off: number): number =>
  ((((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12)
    | (((off >> 1) & 0xf) << 8) | (((off >> 11) & 1) << 7) | 0x63) >>> 0;
const amo = (f5: number, wide: boolean, rd: number, rs1: number, rs2: number): number =>
  r(0x2f, wide ? 3 : 2, f5 << 2, rd, rs1, rs2);

/** 32-bit instruction encoders. */
export const rv = {
  lui: (rd: number, imm20: number) => (((imm20 & 0xfffff) << 12) | (rd << 7) | 0x37) >>> 0,
  auipc: (rd: number, imm20: number) => (((imm20 & 0xfffff) << 12) | (rd << 7) | 0x17) >>> 0,
  jal: (rd: number, off: number) => ((((off >> 20) & 1) << 31) | (((off >> 1) & 0x3ff) << 21)
    | (((off >> 11) & 1) << 20) | (((off >> 12) & 0xff) << 12) | (rd << 7) | 0x6f) >>> 0,
  jalr: (rd: number, rs1: number, imm: number) => i(0x67, 0, rd, rs1, imm),
  beq: (a: number, c: number, off: number) => b(0, a, c, off),
  bne: (a: number, c: number, off: number) => b(1, a, c, off),
  blt: (a: number, c: number, off: number) => b(4, a, c, off),
  bge: (a: number, c: number, off: number) => b(5, a, c, off),
  bltu: (a: number, c: number, off: number) => b(6, a, c, off),
  bgeu: (a: number, c: number, off: number) => b(7, a, c, off),
  lb: (rd: number, rs1: number, imm = 0) => i(0x03, 0, rd, rs1, imm),
  lh: (rd: number, rs1: number, imm = 0) => i(0x03, 1, rd, rs1, imm),
  lw: (rd: number, rs1: number, imm = 0) => i(0x03, 2, rd, rs1, imm),
  ld: (rd: number, rs1: number, imm = 0) => i(0x03, 3, rd, rs1, imm),
  lbu: (rd: number, rs1: number, imm = 0) => i(0x03, 4, rd, rs1, imm),
  lhu: (rd: number, rs1: number, imm = 0) => i(0x03, 5, rd, rs1, imm),
  lwu: (rd: number, rs1: number, imm = 0) => i(0x03, 6, rd, rs1, imm),
  sb: (rs2: number, rs1: number, imm = 0) => s(0x23, 0, rs1, rs2, imm),
  sh: (rs2: number, rs1: number, imm = 0) => s(0x23, 1, rs1, rs2, imm),
  sw: (rs2: number, rs1: number, imm = 0) => s(0x23, 2, rs1, rs2, imm),
  sd: (rs2: number, rs1: number, imm = 0) => s(0x23, 3, rs1, rs2, imm),
  addi: (rd: number, rs1: number, imm: number) => i(0x13, 0, rd, rs1, imm),
  slti: (rd: number, rs1: number, imm: number) => i(0x13, 2, rd, rs1, imm),
  sltiu: (rd: number, rs1: number, imm: number) => i(0x13, 3, rd, rs1, imm),
  xori: (rd: number, rs1: number, imm: number) => i(0x13, 4, rd, rs1, imm),
  ori: (rd: number, rs1: number, imm: number) => i(0x13, 6, rd, rs1, imm),
  andi: (rd: number, rs1: number, imm: number) => i(0x13, 7, rd, rs1, imm),
  slli: (rd: number, rs1: number, sh: number) => i(0x13, 1, rd, rs1, sh),
  srli: (rd: number, rs1: number, sh: number) => i(0x13, 5, rd, rs1, sh),
  srai: (rd: number, rs1: number, sh: number) => i(0x13, 5, rd, rs1, sh | 0x400),
  addiw: (rd: number, rs1: number, imm: number) => i(0x1b, 0, rd, rs1, imm),
  slliw: (rd: number, rs1: number, sh: number) => i(0x1b, 1, rd, rs1, sh),
  srliw: (rd: number, rs1: number, sh: number) => i(0x1b, 5, rd, rs1, sh),
  sraiw: (rd: number, rs1: number, sh: number) => i(0x1b, 5, rd, rs1, sh | 0x400),
  add: (rd: number, a: number, c: number) => r(0x33, 0, 0, rd, a, c),
  sub: (rd: number, a: number, c: number) => r(0x33, 0, 0x20, rd, a, c),
  sll: (rd: number, a: number, c: number) => r(0x33, 1, 0, rd, a, c),
  slt: (rd: number, a: number, c: number) => r(0x33, 2, 0, rd, a, c),
  sltu: (rd: number, a: number, c: number) => r(0x33, 3, 0, rd, a, c),
  xor: (rd: number, a: number, c: number) => r(0x33, 4, 0, rd, a, c),
  srl: (rd: number, a: number, c: number) => r(0x33, 5, 0, rd, a, c),
  sra: (rd: number, a: number, c: number) => r(0x33, 5, 0x20, rd, a, c),
  or: (rd: number, a: number, c: number) => r(0x33, 6, 0, rd, a, c),
  and: (rd: number, a: number, c: number) => r(0x33, 7, 0, rd, a, c),
  addw: (rd: number, a: number, c: number) => r(0x3b, 0, 0, rd, a, c),
  subw: (rd: number, a: number, c: number) => r(0x3b, 0, 0x20, rd, a, c),
  sllw: (rd: number, a: number, c: number) => r(0x3b, 1, 0, rd, a, c),
  srlw: (rd: number, a: number, c: number) => r(0x3b, 5, 0, rd, a, c),
  sraw: (rd: number, a: number, c: number) => r(0x3b, 5, 0x20, rd, a, c),
  mul: (rd: number, a: number, c: number) => r(0x33, 0, 1, rd, a, c),
  mulh: (rd: number, a: number, c: number) => r(0x33, 1, 1, rd, a, c),
  mulhsu: (rd: number, a: number, c: number) => r(0x33, 2, 1, rd, a, c),
  mulhu: (rd: number, a: number, c: number) => r(0x33, 3, 1, rd, a, c),
  div: (rd: number, a: number, c: number) => r(0x33, 4, 1, rd, a, c),
  divu: (rd: number, a: number, c: number) => r(0x33, 5, 1, rd, a, c),
  rem: (rd: number, a: number, c: number) => r(0x33, 6, 1, rd, a, c),
  remu: (rd: number, a: number, c: number) => r(0x33, 7, 1, rd, a, c),
  mulw: (rd: number, a: number, c: number) => r(0x3b, 0, 1, rd, a, c),
  divw: (rd: number, a: number, c: number) => r(0x3b, 4, 1, rd, a, c),
  divuw: (rd: number, a: number, c: number) => r(0x3b, 5, 1, rd, a, c),
  remw: (rd: number, a: number, c: number) => r(0x3b, 6, 1, rd, a, c),
  remuw: (rd: number, a: number, c: number) => r(0x3b, 7, 1, rd, a, c),
  lr: (wide: boolean, rd: number, rs1: number) => amo(0x02, wide, rd, rs1, 0),
  sc: (wide: boolean, rd: number, rs1: number, rs2: number) => amo(0x03, wide, rd, rs1, rs2),
  amoswap: (wide: boolean, rd: number, rs1: number, rs2: number) => amo(0x01, wide, rd, rs1, rs2),
  amoadd: (wide: boolean, rd: number, rs1: number, rs2: number) => amo(0x00, wide, rd, rs1, rs2),
  amoxor: (wide: boolean, rd: number, rs1: number, rs2: number) => amo(0x04, wide, rd, rs1, rs2),
  amoand: (wide: boolean, rd: number, rs1: number, rs2: number) => amo(0x0c, wide, rd, rs1, rs2),
  amoor: (wide: boolean, rd: number, rs1: number, rs2: number) => amo(0x08, wide, rd, rs1, rs2),
  amomin: (wide: boolean, rd: number, rs1: number, rs2: number) => amo(0x10, wide, rd, rs1, rs2),
  amomax: (wide: boolean, rd: number, rs1: number, rs2: number) => amo(0x14, wide, rd, rs1, rs2),
  amominu: (wide: boolean, rd: number, rs1: number, rs2: number) => amo(0x18, wide, rd, rs1, rs2),
  amomaxu: (wide: boolean, rd: number, rs1: number, rs2: number) => amo(0x1c, wide, rd, rs1, rs2),
  csrrw: (rd: number, csr: number, rs1: number) => i(0x73, 1, rd, rs1, csr),
  csrrs: (rd: number, csr: number, rs1: number) => i(0x73, 2, rd, rs1, csr),
  csrrc: (rd: number, csr: number, rs1: number) => i(0x73, 3, rd, rs1, csr),
  csrrwi: (rd: number, csr: number, uimm: number) => i(0x73, 5, rd, uimm, csr),
  csrrsi: (rd: number, csr: number, uimm: number) => i(0x73, 6, rd, uimm, csr),
  csrrci: (rd: number, csr: number, uimm: number) => i(0x73, 7, rd, uimm, csr),
  ecall: () => 0x00000073,
  ebreak: () => 0x00100073,
  mret: () => 0x30200073,
  sret: () => 0x10200073,
  wfi: () => 0x10500073,
  sfenceVma: (rs1 = 0, rs2 = 0) => r(0x73, 0, 0x09, 0, rs1, rs2),
  hfenceGvma: () => r(0x73, 0, 0x31, 0, 0, 0),
  fence: () => 0x0ff0000f,
  fenceI: () => 0x0000100f,
  nop: () => 0x00000013,
};

/** A compressed (16-bit) instruction in a program. */
export interface Half { half: number }
export const c = (half: number): Half => ({ half });

/** Encodes a program: numbers are 32-bit words, c(...) entries 16-bit halves. */
export function encode(program: (number | Half)[]): Uint8Array {
  const bytes: number[] = [];
  for (const item of program) {
    const [v, n] = typeof item === 'number' ? [item, 4] : [item.half, 2];
    for (let k = 0; k < n; k++) bytes.push((v >>> (8 * k)) & 0xff);
  }
  return Uint8Array.from(bytes);
}

/** li for any 64-bit constant, as a sequence (lui/addi/slli); clobbers only rd. */
export function li(rd: number, value: bigint): number[] {
  const v = BigInt.asIntN(64, value);
  if (v >= -2048n && v < 2048n) return [rv.addi(rd, 0, Number(v))];
  if (v >= -(1n << 31n) && v < (1n << 31n)) {
    const n = Number(v);
    const lo = (n << 20) >> 20;
    const hi = ((n - lo) >>> 12) & 0xfffff;
    return lo === 0 ? [rv.lui(rd, hi)] : [rv.lui(rd, hi), rv.addiw(rd, rd, lo)];
  }
  const lo = Number(BigInt.asIntN(12, v));
  const rest = (v - BigInt(lo)) >> 12n;
  return [...li(rd, rest), rv.slli(rd, rd, 12), ...(lo === 0 ? [] : [rv.addi(rd, rd, lo)])];
}

export interface TestMachine { machine: MachineMemory; hart: Hart }

export async function testMachine(ramBytes = 4 << 20, harts = 1): Promise<TestMachine> {
  const machine = MachineMemory.create({ harts, ramBytes, instructionsPerTick: 100 });
  const hart = await Hart.load(machine, 0);
  hart.reset(RAM_BASE, 0n);
  return { machine, hart };
}

/** Copies bytes into RAM at a physical address. */
export function poke(machine: MachineMemory, paddr: bigint, bytes: Uint8Array): void {
  const off = machine.physToOffset(paddr, bytes.length);
  if (off < 0) throw new Error(`0x${paddr.toString(16)} is not RAM`);
  new Uint8Array(machine.memory.buffer).set(bytes, off);
}

export function poke64(machine: MachineMemory, paddr: bigint, value: bigint): void {
  const off = machine.physToOffset(paddr, 8);
  new DataView(machine.memory.buffer).setBigUint64(off, BigInt.asUintN(64, value), true);
}

export function peek64(machine: MachineMemory, paddr: bigint): bigint {
  return new DataView(machine.memory.buffer).getBigUint64(machine.physToOffset(paddr, 8), true);
}

/** Loads `program` at `at` (default RAM_BASE), points pc there, runs until WFI (or throws). */
export function runProgram(t: TestMachine, program: (number | Half)[], at = RAM_BASE, budget = 1_000_000): ExitReason {
  poke(t.machine, at, encode(program));
  t.hart.pc = at;
  return t.hart.run(budget);
}

export { RAM_BASE, ExitReason };

export const PTE = { V: 1n, R: 2n, W: 4n, X: 8n, U: 16n, G: 32n, A: 64n, D: 128n } as const;

/** Builds Sv39 (or, with `x4`, Sv39x4 G-stage) page tables in RAM from a bump allocator. */
export class PageTables {
  constructor(private readonly machine: MachineMemory, private next: bigint) {}

  alloc(bytes = 4096n): bigint {
    const at = this.next;
    this.next += bytes;
    new Uint8Array(this.machine.memory.buffer, this.machine.physToOffset(at, Number(bytes)), Number(bytes)).fill(0);
    return at;
  }

  /** Maps va → pa with a leaf at `level` (0 = 4 KiB, 1 = 2 MiB, 2 = 1 GiB); returns the leaf's address. */
  map(root: bigint, va: bigint, pa: bigint, flags: bigint, level = 0, x4 = false): bigint {
    let table = root;
    for (let l = 2; ; l--) {
      const index = (va >> BigInt(12 + 9 * l)) & (l === 2 && x4 ? 0x7ffn : 0x1ffn);
      const slot = table + index * 8n;
      if (l === level) {
        poke64(this.machine, slot, ((pa >> 12n) << 10n) | flags | PTE.V);
        return slot;
      }
      let pte = peek64(this.machine, slot);
      if ((pte & PTE.V) === 0n) {
        pte = ((this.alloc() >> 12n) << 10n) | PTE.V;
        poke64(this.machine, slot, pte);
      }
      table = (pte >> 10n) << 12n;
    }
  }
}

export const CSR = {
  sstatus: 0x100, sie: 0x104, stvec: 0x105, sepc: 0x141, scause: 0x142, stval: 0x143, sip: 0x144, satp: 0x180,
  vsstatus: 0x200, vsie: 0x204, vstvec: 0x205, vsepc: 0x241, vscause: 0x242, vstval: 0x243, vsip: 0x244, vsatp: 0x280,
  mstatus: 0x300, misa: 0x301, medeleg: 0x302, mideleg: 0x303, mie: 0x304, mtvec: 0x305, mcounteren: 0x306,
  menvcfg: 0x30a, mscratch: 0x340, mepc: 0x341, mcause: 0x342, mtval: 0x343, mip: 0x344, mtval2: 0x34b,
  hstatus: 0x600, hedeleg: 0x602, hideleg: 0x603, hie: 0x604, hcounteren: 0x606, henvcfg: 0x60a, htval: 0x643,
  hip: 0x644, hvip: 0x645, hgatp: 0x680, stimecmp: 0x14d, vstimecmp: 0x24d, htimedelta: 0x605,
  cycle: 0xc00, time: 0xc01, instret: 0xc02, mhartid: 0xf14,
} as const;
