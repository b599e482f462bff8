// A tiny RV64 assembler for test programs, so tests run without the cross compiler.
// Labels resolve on `assemble()`; branches and jumps may reference later labels.

type Fixup = { at: number; label: string; kind: 'b' | 'j' | 'pcrel_hi' | 'pcrel_lo'; hiAt?: number };

const REG_NAMES = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'] as const;
export type Reg = (typeof REG_NAMES)[number];
const r = (name: Reg): number => REG_NAMES.indexOf(name);

export const CSR = { mstatus: 0x300, mie: 0x304, mtvec: 0x305, mscratch: 0x340, mepc: 0x341, mcause: 0x342, mtval: 0x343, mip: 0x344, mhartid: 0xf14, time: 0xc01, instret: 0xc02 } as const;

export class Asm {
  private readonly words: number[] = [];
  private readonly labels = new Map<string, number>();
  private readonly fixups: Fixup[] = [];

  constructor(readonly base = 0x8000_0000n) {}

  get here(): number { return this.words.length * 4; }

  label(name: string): this { this.labels.set(name, this.here); return this; }

  word(w: number): this { this.words.push(w >>> 0); return this; }

  /** 8-byte aligned data: a zero-initialised dword block. */
  dwords(count: number): this { for (let i = 0; i < count * 2; i++) this.word(0); return this; }
  align(bytes: number): this { while (this.here % bytes !== 0) this.word(0); return this; }

  // Formats.
  private i(op: number, f3: number, rd: number, rs1: number, imm: number): this {
    return this.word(((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op);
  }
  private s(op: number, f3: number, rs1: number, rs2: number, imm: number): this {
    return this.word((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 0x1f) << 7) | op);
  }
  private rtype(op: number, f3: number, f7: number, rd: number, rs1: number, rs2: number): this {
    return this.word((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op);
  }

  addi(rd: Reg, rs1: Reg, imm: number): this { return this.i(0x13, 0, r(rd), r(rs1), imm); }
  andi(rd: Reg, rs1: Reg, imm: number): this { return this.i(0x13, 7, r(rd), r(rs1), imm); }
  slli(rd: Reg, rs1: Reg, sh: number): this { return this.i(0x13, 1, r(rd), r(rs1), sh); }
  add(rd: Reg, rs1: Reg, rs2: Reg): this { return this.rtype(0x33, 0, 0, r(rd), r(rs1), r(rs2)); }
  sub(rd: Reg, rs1: Reg, rs2: Reg): this { return this.rtype(0x33, 0, 0x20, r(rd), r(rs1), r(rs2)); }
  srl(rd: Reg, rs1: Reg, rs2: Reg): this { return this.rtype(0x33, 5, 0, r(rd), r(rs1), r(rs2)); }
  or(rd: Reg, rs1: Reg, rs2: Reg): this { return this.rtype(0x33, 6, 0, r(rd), r(rs1), r(rs2)); }
  lui(rd: Reg, imm20: number): this { return this.word(((imm20 & 0xfffff) << 12) | (r(rd) << 7) | 0x37); }
  auipc(rd: Reg, imm20: number): this { return this.word(((imm20 & 0xfffff) << 12) | (r(rd) << 7) | 0x17); }
  ld(rd: Reg, rs1: Reg, imm = 0): this { return this.i(0x03, 3, r(rd), r(rs1), imm); }
  lw(rd: Reg, rs1: Reg, imm = 0): this { return this.i(0x03, 2, r(rd), r(rs1), imm); }
  lbu(rd: Reg, rs1: Reg, imm = 0): this { return this.i(0x03, 4, r(rd), r(rs1), imm); }
  sd(rs2: Reg, rs1: Reg, imm = 0): this { return this.s(0x23, 3, r(rs1), r(rs2), imm); }
  sw(rs2: Reg, rs1: Reg, imm = 0): this { return this.s(0x23, 2, r(rs1), r(rs2), imm); }
  sb(rs2: Reg, rs1: Reg, imm = 0): this { return this.s(0x23, 0, r(rs1), r(rs2), imm); }
  amoaddD(rd: Reg, rs2: Reg, rs1: Reg): this { return this.rtype(0x2f, 3, 0x00 << 2 | 0b11, r(rd), r(rs1), r(rs2)); }
  lrD(rd: Reg, rs1: Reg): this { return this.rtype(0x2f, 3, (0x02 << 2) | 0b11, r(rd), r(rs1), 0); }
  scD(rd: Reg, rs2: Reg, rs1: Reg): this { return this.rtype(0x2f, 3, (0x03 << 2) | 0b11, r(rd), r(rs1), r(rs2)); }
  csrr(rd: Reg, csr: number): this { return this.i(0x73, 2, r(rd), 0, csr); }
  csrw(csr: number, rs1: Reg): this { return this.i(0x73, 1, 0, r(rs1), csr); }
  csrs(csr: number, rs1: Reg): this { return this.i(0x73, 2, 0, r(rs1), csr); }
  ecall(): this { return this.word(0x0000_0073); }
  wfi(): this { return this.word(0x1050_0073); }
  mret(): this { return this.word(0x3020_0073); }
  nop(): this { return this.addi('zero', 'zero', 0); }

  /** Load a constant that fits in 32 signed bits (lui + addi). */
  li(rd: Reg, value: number): this {
    if (value >= -2048 && value < 2048) return this.addi(rd, 'zero', value);
    const lo = (value << 20) >> 20;
    const hi = ((value - lo) >>> 12) & 0xfffff;
    this.lui(rd, hi);
    return lo === 0 ? this : this.addi(rd, rd, lo);
  }
  /** Load a 32-bit unsigned physical address such as 0x8000_1000 or 0x1000_0000. */
  la32(rd: Reg, address: number): this {
    if (address < 0x8000_0000) return this.li(rd, address);
    // lui sign-extends to 64 bits; clear the upper half.
    this.li(rd, address | 0);
    this.slli(rd, rd, 32);
    return this.srli(rd, rd, 32);
  }
  /** Load the address of a label (auipc + addi). */
  la(rd: Reg, label: string): this {
    const hiAt = this.here;
    this.fixups.push({ at: hiAt, label, kind: 'pcrel_hi' });
    this.auipc(rd, 0);
    this.fixups.push({ at: this.here, label, kind: 'pcrel_lo', hiAt });
    return this.addi(rd, rd, 0);
  }

  beq(a: Reg, b: Reg, label: string): this { return this.branch(0, a, b, label); }
  bne(a: Reg, b: Reg, label: string): this { return this.branch(1, a, b, label); }
  blt(a: Reg, b: Reg, label: string): this { return this.branch(4, a, b, label); }
  bge(a: Reg, b: Reg, label: string): this { return this.branch(5, a, b, label); }
  bltu(a: Reg, b: Reg, label: string): this { return this.branch(6, a, b, label); }
  j(label: string): this { return this.jal('zero', label); }
  call(label: string): this { return this.jal('ra', label); }
  jal(rd: Reg, label: string): this { this.fixups.push({ at: this.here, label, kind: 'j' }); return this.word((r(rd) << 7) | 0x6f); }
  ret(): this { return this.i(0x67, 0, 0, r('ra'), 0); }
  srli(rd: Reg, rs1: Reg, sh: number): this { return this.i(0x13, 5, r(rd), r(rs1), sh); }

  private branch(f3: number, a: Reg, b: Reg, label: string): this {
    this.fixups.push({ at: this.here, label, kind: 'b' });
    return this.s(0x63, f3, r(a), r(b), 0);
  }

  address(label: string): bigint {
    const at = this.labels.get(label);
    if (at === undefined) throw new Error(`unknown label ${label}`);
    return this.base + BigInt(at);
  }

  assemble(): Uint8Array {
    const words = [...this.words];
    for (const f of this.fixups) {
      const target = this.labels.get(f.label);
      if (target === undefined) throw new Error(`unknown label ${f.label}`);
      const from = f.kind === 'pcrel_lo' ? f.hiAt! : f.at;
      const off = target - from;
      const idx = f.at / 4;
      if (f.kind === 'b') {
        words[idx] = (words[idx]! | (((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) | (((off >> 1) & 0xf) << 8) | (((off >> 11) & 1) << 7)) >>> 0;
      } else if (f.kind === 'j') {
        words[idx] = (words[idx]! | (((off >> 20) & 1) << 31) | (((off >> 1) & 0x3ff) << 21) | (((off >> 11) & 1) << 20) | (((off >> 12) & 0xff) << 12)) >>> 0;
      } else if (f.kind === 'pcrel_hi') {
        const hi = ((off + 0x800) >> 12) & 0xfffff;
        words[idx] = (words[idx]! | (hi << 12)) >>> 0;
      } else {
        const lo = (off << 20) >> 20;
        words[idx] = (words[idx]! | ((lo & 0xfff) << 20)) >>> 0;
      }
    }
    const bytes = new Uint8Array(words.length * 4);
    const view = new DataView(bytes.buffer);
    words.forEach((w, i) => view.setUint32(i * 4, w, true));
    return bytes;
  }
}
