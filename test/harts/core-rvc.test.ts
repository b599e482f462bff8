// Every RV64C form: the compressed instruction must do exactly what its 32-bit expansion
// does (same registers and memory), jumps link to pc+2, and reserved encodings are illegal.
import { describe, expect, it } from 'vitest';
import { rv, c, encode, poke, testMachine, CSR, ExitReason, RAM_BASE, type TestMachine } from './core-support.js';

/** Scatters immediate bits into a 16-bit instruction: pairs of [instruction bit, immediate bit]. */
function imm(value: number, pairs: [number, number][]): number {
  return pairs.reduce((acc, [ib, vb]) => acc | (((value >> vb) & 1) << ib), 0);
}
const range = (hi: number, lo: number, vhi: number): [number, number][] =>
  Array.from({ length: hi - lo + 1 }, (_, k) => [hi - k, vhi - k] as [number, number]);
const p = (reg: number): number => reg - 8; // x8..x15 → 3-bit field

const CI = (f3: number, rd: number, v: number, op: number) => (f3 << 13) | imm(v, [[12, 5]]) | (rd << 7) | imm(v, range(6, 2, 4)) | op;
const CL = (f3: number, rd: number, rs1: number, v: number, low: [number, number][]) =>
  (f3 << 13) | imm(v, range(12, 10, 5)) | (p(rs1) << 7) | imm(v, low) | (p(rd) << 2);
const CA = (f6: number, rd: number, f2: number, rs2: number) => (f6 << 10) | (p(rd) << 7) | (f2 << 5) | (p(rs2) << 2) | 1;
const CR = (f4: number, rd: number, rs2: number) => (f4 << 12) | (rd << 7) | (rs2 << 2) | 2;
const LW_LOW: [number, number][] = [[6, 2], [5, 6]];
const LD_LOW: [number, number][] = [[6, 7], [5, 6]];

const DATA = RAM_BASE + 0x1000n;
const CODE = RAM_BASE + 0x8000n;

/** Straight-line forms: [name, compressed half, 32-bit expansion]. */
const forms: [string, number, number][] = [
  ['c.addi4spn', (imm(1020, [...range(12, 11, 5), ...range(10, 7, 9), [6, 2], [5, 3]]) | (p(9) << 2)), rv.addi(9, 2, 1020)],
  ['c.lw', CL(2, 10, 9, 124, LW_LOW), rv.lw(10, 9, 124)],
  ['c.ld', CL(3, 10, 9, 248, LD_LOW), rv.ld(10, 9, 248)],
  ['c.sw', CL(6, 10, 9, 124, LW_LOW), rv.sw(10, 9, 124)],
  ['c.sd', CL(7, 10, 9, 248, LD_LOW), rv.sd(10, 9, 248)],
  ['c.nop', CI(0, 0, 0, 1), rv.nop()],
  ['c.addi', CI(0, 5, -32, 1), rv.addi(5, 5, -32)],
  ['c.addiw', CI(1, 5, 31, 1), rv.addiw(5, 5, 31)],
  ['c.li', CI(2, 6, -1, 1), rv.addi(6, 0, -1)],
  ['c.addi16sp', (3 << 13) | imm(-512, [[12, 9], [6, 4], [5, 6], [4, 8], [3, 7], [2, 5]]) | (2 << 7) | 1, rv.addi(2, 2, -512)],
  ['c.addi16sp+', (3 << 13) | imm(496, [[12, 9], [6, 4], [5, 6], [4, 8], [3, 7], [2, 5]]) | (2 << 7) | 1, rv.addi(2, 2, 496)],
  ['c.lui', CI(3, 7, -32, 1), rv.lui(7, 0xfffe0)],
  ['c.lui+', CI(3, 7, 31, 1), rv.lui(7, 31)],
  ['c.srli', (4 << 13) | imm(63, [[12, 5]]) | (0 << 10) | (p(8) << 7) | imm(63, range(6, 2, 4)) | 1, rv.srli(8, 8, 63)],
  ['c.srai', (4 << 13) | (1 << 10) | (p(8) << 7) | (1 << 2) | 1, rv.srai(8, 8, 1)],
  ['c.andi', (4 << 13) | imm(-3, [[12, 5]]) | (2 << 10) | (p(8) << 7) | imm(-3, range(6, 2, 4)) | 1, rv.andi(8, 8, -3)],
  ['c.sub', CA(0x23, 8, 0, 9), rv.sub(8, 8, 9)],
  ['c.xor', CA(0x23, 8, 1, 9), rv.xor(8, 8, 9)],
  ['c.or', CA(0x23, 8, 2, 9), rv.or(8, 8, 9)],
  ['c.and', CA(0x23, 8, 3, 9), rv.and(8, 8, 9)],
  ['c.subw', CA(0x27, 8, 0, 9), rv.subw(8, 8, 9)],
  ['c.addw', CA(0x27, 8, 1, 9), rv.addw(8, 8, 9)],
  ['c.slli', CI(0, 5, 63, 2) , rv.slli(5, 5, 63)],
  ['c.lwsp', (2 << 13) | imm(252, [[12, 5], ...range(6, 4, 4), ...range(3, 2, 7)]) | (5 << 7) | 2, rv.lw(5, 2, 252)],
  ['c.ldsp', (3 << 13) | imm(504, [[12, 5], ...range(6, 5, 4), ...range(4, 2, 8)]) | (5 << 7) | 2, rv.ld(5, 2, 504)],
  ['c.mv', CR(8, 5, 6), rv.add(5, 0, 6)],
  ['c.add', CR(9, 5, 6), rv.add(5, 5, 6)],
  ['c.swsp', (6 << 13) | imm(252, [...range(12, 9, 5), ...range(8, 7, 7)]) | (6 << 2) | 2, rv.sw(6, 2, 252)],
  ['c.sdsp', (7 << 13) | imm(504, [...range(12, 10, 5), ...range(9, 7, 8)]) | (6 << 2) | 2, rv.sd(6, 2, 504)],
];

function setup(t: TestMachine, program: (number | { half: number })[]): void {
  const regs = t.hart;
  for (let r = 1; r < 32; r++) regs.setX(r, 0x0123_4567_89ab_cdefn * BigInt(r) ^ (BigInt(r) << 60n));
  regs.setX(2, DATA + 0x400n); // sp
  regs.setX(9, DATA);
  const bytes = new Uint8Array(0x1000).map((_, k) => (k * 37 + 11) & 0xff);
  poke(t.machine, DATA, bytes);
  poke(t.machine, CODE, encode(program));
  regs.pc = CODE;
}

function snapshot(t: TestMachine): string {
  const regs = Array.from({ length: 32 }, (_, r) => t.hart.getX(r).toString(16));
  const off = t.machine.physToOffset(DATA, 0x1000);
  return JSON.stringify([regs, Buffer.from(new Uint8Array(t.machine.memory.buffer, off, 0x1000)).toString('hex')]);
}

describe('hart core: RV64C', () => {
  it.each(forms)('%s behaves as its 32-bit expansion', async (_name, half, word) => {
    const a = await testMachine();
    setup(a, [c(half), c(0), rv.wfi()]);
    expect(a.hart.run(1)).toBe(ExitReason.BudgetDone);
    expect(a.hart.pc).toBe(CODE + 2n);
    const b = await testMachine();
    setup(b, [word, rv.wfi()]);
    expect(b.hart.run(1)).toBe(ExitReason.BudgetDone);
    expect(snapshot(a)).toBe(snapshot(b));
  });

  it('jumps and branches: c.j, c.jal-less c.jr/c.jalr link pc+2, c.beqz/c.bnez both ways', async () => {
    const t = await testMachine();
    const cj = (off: number) => (5 << 13) | imm(off, [[12, 11], [11, 4], [10, 9], [9, 8], [8, 10], [7, 6], [6, 7], [5, 3], [4, 2], [3, 1], [2, 5]]) | 1;
    const cb = (f3: number, rs1: number, off: number) => (f3 << 13) | imm(off, [[12, 8], [11, 4], [10, 3], [6, 7], [5, 6], [4, 2], [3, 1], [2, 5]]) | (p(rs1) << 7) | 1;
    setup(t, [
      c(cj(6)), // 0: → 6
      c(0), c(0), // 2, 4: illegal if reached
      c(cb(6, 8, 4)), // 6: x8 != 0 so not taken → 8
      c(cb(7, 8, 6)), // 8: taken → 14
      c(0), c(0), // 10, 12
      c(CR(9, 1, 0)), // 14: c.jalr x1 → x1 = target (set below), link 16
      c(0),
    ]);
    t.hart.setX(8, 5n);
    t.hart.setX(1, CODE + 0x20n);
    poke(t.machine, CODE + 0x20n, encode([c(CR(8, 5, 0)), c(0)])); // c.jr x5
    t.hart.setX(5, CODE + 0x40n);
    poke(t.machine, CODE + 0x40n, encode([rv.wfi()]));
    expect(t.hart.run(10)).toBe(ExitReason.Wfi);
    expect(t.hart.getX(1)).toBe(CODE + 16n);
    expect(t.hart.instret).toBe(6n);
  });

  it.each([
    ['all-zero', 0x0000], ['c.addi4spn 0', 0x0000 | (p(9) << 2)], ['c.fld', 0x2000], ['c.lwsp x0', (2 << 13) | 2 | (1 << 4)],
    ['c.jr x0', CR(8, 0, 0)], ['c.lui 0', CI(3, 7, 0, 1)], ['c.addi16sp 0', CI(3, 2, 0, 1)], ['c.addiw x0', CI(1, 0, 1, 1)],
    ['c.fsdsp', (5 << 13) | 2], ['reserved CA', CA(0x27, 8, 2, 9)],
  ])('%s is an illegal instruction with mtval = the 16 bits', async (_name, half) => {
    const t = await testMachine();
    poke(t.machine, RAM_BASE + 0x100n, encode([rv.wfi()]));
    t.hart.writeCsr(CSR.mtvec, RAM_BASE + 0x100n);
    setup(t, [c(half), c(0)]);
    expect(t.hart.run(10)).toBe(ExitReason.Wfi);
    expect(t.hart.readCsr(CSR.mcause)).toBe(2n);
    expect(t.hart.readCsr(CSR.mtval)).toBe(BigInt(half));
    expect(t.hart.readCsr(CSR.mepc)).toBe(CODE);
  });

  it('c.ebreak raises a breakpoint', async () => {
    const t = await testMachine();
    poke(t.machine, RAM_BASE + 0x100n, encode([rv.wfi()]));
    t.hart.writeCsr(CSR.mtvec, RAM_BASE + 0x100n);
    setup(t, [c(CR(9, 0, 0))]);
    expect(t.hart.run(10)).toBe(ExitReason.Wfi);
    expect(t.hart.readCsr(CSR.mcause)).toBe(3n);
  });
});
