import { describe, expect, it } from 'vitest';
import { rv, li, encode, poke, peek64, testMachine, PageTables, PTE, CSR, ExitReason, type TestMachine } from './core-support.js';

const SV39 = 8n << 60n;
const ROOT = 0x8010_0000n;
const CODE_PA = 0x8000_2000n;
const DATA_PA = 0x8000_3000n;
const HANDLER = 0x8000_0000n; // M-mode: wfi

/** S-mode at VA 0x1000 over Sv39; faults go to an M-mode wfi. */
function supervisor(t: TestMachine, program: number[]): void {
  const pt = new PageTables(t.machine, ROOT);
  const root = pt.alloc();
  pt.map(root, 0x1000n, CODE_PA, PTE.R | PTE.X | PTE.A);
  pt.map(root, 0x2000n, DATA_PA, PTE.R | PTE.W);
  poke(t.machine, HANDLER, encode([rv.wfi()]));
  poke(t.machine, CODE_PA, encode(program));
  t.hart.writeCsr(CSR.mtvec, HANDLER);
  t.hart.writeCsr(CSR.satp, SV39 | (root >> 12n));
  t.hart.privilege = 1;
  t.hart.pc = 0x1000n;
}

describe('hart core: Sv39', () => {
  it('translates, sets A and D atomically, and reports a load page fault with the address', async () => {
    const t = await testMachine();
    supervisor(t, [
      ...li(10, 0x2000n), rv.addi(11, 0, 42), rv.sd(11, 10, 8), rv.ld(12, 10, 8),
      ...li(13, 0x5000n), rv.ld(14, 13, 0),
    ]);
    expect(t.hart.run(1000)).toBe(ExitReason.Wfi);
    expect(t.hart.getX(12)).toBe(42n);
    expect(peek64(t.machine, DATA_PA + 8n)).toBe(42n);
    expect(t.hart.readCsr(CSR.mcause)).toBe(13n);
    expect(t.hart.readCsr(CSR.mtval)).toBe(0x5000n);
    expect(t.hart.readCsr(CSR.mepc)).toBe(0x1000n + 4n * BigInt(li(10, 0x2000n).length + 3 + li(13, 0x5000n).length));
    expect((t.hart.readCsr(CSR.mstatus) >> 11n) & 3n).toBe(1n); // MPP = S
  });

  it('sets A on a read and D on a write in the PTE', async () => {
    const t = await testMachine();
    const pt = new PageTables(t.machine, ROOT);
    const root = pt.alloc();
    pt.map(root, 0x1000n, CODE_PA, PTE.R | PTE.X | PTE.A);
    const readLeaf = pt.map(root, 0x2000n, DATA_PA, PTE.R | PTE.W);
    const writeLeaf = pt.map(root, 0x3000n, DATA_PA, PTE.R | PTE.W);
    poke(t.machine, HANDLER, encode([rv.wfi()]));
    poke(t.machine, CODE_PA, encode([...li(10, 0x2000n), rv.ld(11, 10, 0), ...li(10, 0x3000n), rv.sd(11, 10, 0), rv.ecall()]));
    t.hart.writeCsr(CSR.mtvec, HANDLER);
    t.hart.writeCsr(CSR.satp, SV39 | (root >> 12n));
    t.hart.privilege = 1;
    t.hart.pc = 0x1000n;
    expect(t.hart.run(1000)).toBe(ExitReason.Wfi);
    expect(t.hart.readCsr(CSR.mcause)).toBe(9n); // ecall from S: the accesses worked
    expect(peek64(t.machine, readLeaf) & (PTE.A | PTE.D)).toBe(PTE.A);
    expect(peek64(t.machine, writeLeaf) & (PTE.A | PTE.D)).toBe(PTE.A | PTE.D);
  });

  it('faults on a misaligned superpage, a store to a read-only page, and U pages from S without SUM', async () => {
    const cases: { flags: bigint; level: number; pa: bigint; store: boolean; cause: bigint; sum?: boolean }[] = [
      { flags: PTE.R | PTE.W | PTE.A | PTE.D, level: 1, pa: 0x8000_1000n, store: false, cause: 13n },
      { flags: PTE.R | PTE.A, level: 0, pa: DATA_PA, store: true, cause: 15n },
      { flags: PTE.R | PTE.W | PTE.U | PTE.A | PTE.D, level: 0, pa: DATA_PA, store: false, cause: 13n },
      { flags: PTE.R | PTE.W | PTE.U | PTE.A | PTE.D, level: 0, pa: DATA_PA, store: false, cause: 9n, sum: true },
    ];
    for (const k of cases) {
      const t = await testMachine();
      const pt = new PageTables(t.machine, ROOT);
      const root = pt.alloc();
      pt.map(root, 0x1000n, CODE_PA, PTE.R | PTE.X | PTE.A);
      const va = k.level === 1 ? 0x4000_0000n : 0x2000n;
      pt.map(root, va, k.pa, k.flags, k.level);
      poke(t.machine, HANDLER, encode([rv.wfi()]));
      poke(t.machine, CODE_PA, encode([...li(10, va), k.store ? rv.sd(0, 10, 0) : rv.ld(11, 10, 0), rv.ecall()]));
      t.hart.writeCsr(CSR.mtvec, HANDLER);
      t.hart.writeCsr(CSR.satp, SV39 | (root >> 12n));
      if (k.sum) t.hart.writeCsr(CSR.mstatus, 1n << 18n);
      t.hart.privilege = 1;
      t.hart.pc = 0x1000n;
      expect(t.hart.run(1000)).toBe(ExitReason.Wfi);
      expect(t.hart.readCsr(CSR.mcause)).toBe(k.cause);
      if (k.cause !== 9n) expect(t.hart.readCsr(CSR.mtval)).toBe(va);
    }
  });

  it('flushes on sfence.vma: a changed PTE takes effect only after it', async () => {
    const t = await testMachine();
    const pt = new PageTables(t.machine, ROOT);
    const root = pt.alloc();
    pt.map(root, 0x1000n, CODE_PA, PTE.R | PTE.X | PTE.A);
    const leaf = pt.map(root, 0x2000n, DATA_PA, PTE.R | PTE.W | PTE.A | PTE.D);
    poke(t.machine, HANDLER, encode([rv.wfi()]));
    poke(t.machine, CODE_PA, encode([...li(10, 0x2000n), rv.ld(11, 10, 0), rv.wfi(), rv.ld(12, 10, 0), rv.sfenceVma(), rv.ld(13, 10, 0), rv.wfi()]));
    t.hart.writeCsr(CSR.mtvec, HANDLER);
    t.hart.writeCsr(CSR.satp, SV39 | (root >> 12n));
    t.hart.privilege = 1;
    t.hart.pc = 0x1000n;
    poke(t.machine, DATA_PA, encode([7, 0]));
    poke(t.machine, DATA_PA + 0x1000n, encode([9, 0]));
    expect(t.hart.run(1000)).toBe(ExitReason.Wfi);
    poke(t.machine, leaf, encode([Number((((DATA_PA + 0x1000n) >> 12n) << 10n) & 0xffffffffn) | 0xc7, 0]));
    expect(t.hart.run(1000)).toBe(ExitReason.Wfi);
    expect([t.hart.getX(11), t.hart.getX(12), t.hart.getX(13)]).toEqual([7n, 7n, 9n]);
  });
});
