import { describe, expect, it } from 'vitest';
import { rv, li, testMachine, runProgram, ExitReason, RAM_BASE, peek64 } from './core-support.js';

describe('hart core: RV64I basics', () => {
  it('runs a counted loop and stops at wfi', async () => {
    const t = await testMachine();
    const exit = runProgram(t, [
      rv.addi(5, 0, 0), // t0 = 0
      rv.addi(6, 0, 100), // t1 = 100
      rv.addi(5, 5, 3), // loop: t0 += 3
      rv.addi(6, 6, -1),
      rv.bne(6, 0, -8),
      rv.wfi(),
    ]);
    expect(exit).toBe(ExitReason.Wfi);
    expect(t.hart.getX(5)).toBe(300n);
    expect(t.hart.instret).toBe(2n + 300n + 1n);
    expect(t.hart.pc).toBe(RAM_BASE + 24n);
  });

  it('loads and stores every width with sign and zero extension', async () => {
    const t = await testMachine();
    runProgram(t, [
      ...li(10, 0x8000_1000n),
      ...li(11, 0xfedc_ba98_7654_3210n),
      rv.sd(11, 10, 0),
      rv.lb(12, 10, 7), rv.lbu(13, 10, 7), rv.lh(14, 10, 6), rv.lhu(15, 10, 6),
      rv.lw(16, 10, 4), rv.lwu(17, 10, 4), rv.ld(18, 10, 0),
      rv.sb(0, 10, 0), rv.sh(0, 10, 2), rv.ld(19, 10, 0),
      rv.wfi(),
    ]);
    const h = t.hart;
    expect(h.getX(12)).toBe(0xffff_ffff_ffff_fffen);
    expect(h.getX(13)).toBe(0xfen);
    expect(h.getX(14)).toBe(0xffff_ffff_ffff_fedcn);
    expect(h.getX(15)).toBe(0xfedcn);
    expect(h.getX(16)).toBe(0xffff_ffff_fedc_ba98n);
    expect(h.getX(17)).toBe(0xfedc_ba98n);
    expect(h.getX(18)).toBe(0xfedc_ba98_7654_3210n);
    expect(h.getX(19)).toBe(0xfedc_ba98_0000_3200n);
    expect(peek64(t.machine, 0x8000_1000n)).toBe(0xfedc_ba98_0000_3200n);
  });

  it('exits on MMIO loads and stores with the decoded access, and completeMmio finishes them', async () => {
    const t = await testMachine();
    let exit = runProgram(t, [
      ...li(10, 0x1000_0000n), // a device
      ...li(11, 0x1234_5678_9abcn),
      rv.sw(11, 10, 8),
      rv.lb(12, 10, 5),
      rv.lhu(13, 10, 6),
      rv.wfi(),
    ]);
    expect(exit).toBe(ExitReason.Mmio);
    const storePc = t.hart.exit.pc;
    expect(t.hart.exit.access).toEqual({ paddr: 0x1000_0008n, size: 4, store: true, value: 0x5678_9abcn, rd: 0, signed: true });
    const before = t.hart.instret;
    t.hart.completeMmio();
    expect(t.hart.pc).toBe(storePc + 4n);
    expect(t.hart.instret).toBe(before + 1n);
    exit = t.hart.run(100);
    expect(exit).toBe(ExitReason.Mmio);
    expect(t.hart.exit.access).toMatchObject({ paddr: 0x1000_0005n, size: 1, store: false, rd: 12, signed: true });
    t.hart.completeMmio(0x80n);
    expect(t.hart.getX(12)).toBe(0xffff_ffff_ffff_ff80n);
    expect(t.hart.run(100)).toBe(ExitReason.Mmio);
    expect(t.hart.exit.access).toMatchObject({ paddr: 0x1000_0006n, size: 2, store: false, rd: 13, signed: false });
    t.hart.completeMmio(0xffff_8001n);
    expect(t.hart.getX(13)).toBe(0x8001n);
    expect(t.hart.run(100)).toBe(ExitReason.Wfi);
  });

  it('exits with Htif after a store to the watched word completes', async () => {
    const t = await testMachine();
    t.hart.watchStores(0x8000_1000n);
    const exit = runProgram(t, [...li(10, 0x8000_1000n), rv.addi(11, 0, 1), rv.sd(11, 10, 0), rv.wfi()]);
    expect(exit).toBe(ExitReason.Htif);
    expect(peek64(t.machine, 0x8000_1000n)).toBe(1n);
    expect(t.hart.pc).toBe(RAM_BASE + BigInt(4 * (li(10, 0x8000_1000n).length + 2)));
  });
});
