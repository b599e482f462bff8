import { describe, expect, it } from 'vitest';
import { rv, li, encode, poke, runProgram, testMachine, CSR, ExitReason, RAM_BASE } from './core-support.js';

const MIN = 1n << 63n;
const ALL = (1n << 64n) - 1n;

describe('hart core: M extension edge cases', () => {
  it.each([
    ['div by zero', rv.div, 7n, 0n, ALL],
    ['divu by zero', rv.divu, 7n, 0n, ALL],
    ['rem by zero', rv.rem, 7n, 0n, 7n],
    ['remu by zero', rv.remu, 7n, 0n, 7n],
    ['div overflow', rv.div, MIN, ALL, MIN],
    ['rem overflow', rv.rem, MIN, ALL, 0n],
    ['div signs', rv.div, -7n, 2n, BigInt.asUintN(64, -3n)],
    ['rem signs', rv.rem, -7n, 2n, BigInt.asUintN(64, -1n)],
    ['mulh', rv.mulh, -2n, 3n, ALL],
    ['mulhu', rv.mulhu, ALL, ALL, ALL - 1n],
    ['mulhsu', rv.mulhsu, -1n, ALL, ALL],
    ['mulh min', rv.mulh, MIN, MIN, 1n << 62n],
    ['mulw', rv.mulw, 0x7fff_ffffn, 2n, BigInt.asUintN(64, -2n)],
    ['divw by zero', rv.divw, 5n, 0n, ALL],
    ['divw overflow', rv.divw, 0x8000_0000n, ALL, BigInt.asUintN(64, -(1n << 31n))],
    ['divuw', rv.divuw, 0xffff_fffen, 2n, 0x7fff_ffffn],
    ['remw overflow', rv.remw, 0x8000_0000n, ALL, 0n],
    ['remuw by zero', rv.remuw, 0x8000_0001n, 0n, BigInt.asUintN(64, -(1n << 31n)) | 1n],
  ] as const)('%s', async (_name, op, a, b, want) => {
    const t = await testMachine();
    runProgram(t, [...li(10, a), ...li(11, b), op(12, 10, 11), rv.wfi()]);
    expect(t.hart.getX(12)).toBe(want);
  });
});

describe('hart core: CSRs and privilege', () => {
  it('reports misa IMAC+S+U+H on RV64, hart id, and reads cycle/instret/time', async () => {
    const t = await testMachine();
    runProgram(t, [rv.csrrs(10, CSR.misa, 0), rv.csrrs(11, CSR.mhartid, 0), rv.csrrs(12, CSR.instret, 0), rv.csrrs(13, CSR.instret, 0), rv.wfi()]);
    expect(t.hart.getX(10)).toBe((2n << 62n) | 0x14_1185n);
    expect(t.hart.getX(11)).toBe(0n);
    expect(t.hart.getX(13) - t.hart.getX(12)).toBe(1n);
  });

  it('keeps WARL masks: mstatus MPP=2 is ignored, mie only takes interrupt bits, mtvec mode 2 is not kept', async () => {
    const t = await testMachine();
    t.hart.writeCsr(CSR.mstatus, 1n << 11n);
    t.hart.writeCsr(CSR.mstatus, 2n << 11n);
    expect((t.hart.readCsr(CSR.mstatus) >> 11n) & 3n).toBe(1n);
    expect((t.hart.readCsr(CSR.mstatus) >> 32n) & 0xfn).toBe(0xan); // UXL = SXL = 64
    t.hart.writeCsr(CSR.mie, ALL);
    expect(t.hart.readCsr(CSR.mie)).toBe(0x0eeen);
    t.hart.writeCsr(CSR.mtvec, 0x8000_0102n);
    expect(t.hart.readCsr(CSR.mtvec) & 3n).toBe(0n);
    t.hart.writeCsr(CSR.mideleg, ALL);
    expect(t.hart.readCsr(CSR.mideleg)).toBe(0x666n);
    t.hart.writeCsr(CSR.medeleg, ALL);
    expect((t.hart.readCsr(CSR.medeleg) >> 11n) & 1n).toBe(0n);
    t.hart.writeCsr(CSR.satp, (9n << 60n) | 5n); // Sv48: unsupported, write ignored
    expect(t.hart.readCsr(CSR.satp)).toBe(0n);
    expect(() => t.hart.readCsr(0x7c0)).toThrow(/unknown CSR/);
  });

  it('raises illegal instruction for unknown CSRs, M CSRs from S, writes to read-only CSRs, and counters without mcounteren', async () => {
    const handler = RAM_BASE + 0x800n;
    for (const [insn, priv] of [
      [rv.csrrs(10, 0x7c0, 0), 3], [rv.csrrs(10, CSR.mscratch, 0), 1], [rv.csrrw(0, CSR.mhartid, 10), 3],
      [rv.csrrs(10, CSR.cycle, 0), 1], [rv.mret(), 1], [0x0000_0007, 3] /* flw: no F */,
    ] as const) {
      const t = await testMachine();
      poke(t.machine, handler, encode([rv.wfi()]));
      t.hart.writeCsr(CSR.mtvec, handler);
      t.hart.privilege = priv;
      expect(runProgram(t, [insn, rv.wfi()])).toBe(ExitReason.Wfi);
      expect(t.hart.readCsr(CSR.mcause)).toBe(2n);
      expect(t.hart.readCsr(CSR.mtval)).toBe(BigInt(insn));
    }
  });

  it('delegates U ecall to S through medeleg, sret returns to U, and an undelegated ebreak goes to M', async () => {
    const t = await testMachine();
    const sHandler = RAM_BASE + 0x400n;
    poke(t.machine, sHandler, encode([rv.csrrs(20, CSR.sepc, 0), rv.addi(20, 20, 4), rv.csrrw(0, CSR.sepc, 20), rv.sret()]));
    poke(t.machine, RAM_BASE + 0x800n, encode([rv.wfi()]));
    t.hart.writeCsr(CSR.stvec, sHandler);
    t.hart.writeCsr(CSR.mtvec, RAM_BASE + 0x800n);
    t.hart.writeCsr(CSR.medeleg, 1n << 8n);
    t.hart.privilege = 0;
    expect(runProgram(t, [rv.ecall(), rv.addi(5, 0, 9), rv.ebreak()])).toBe(ExitReason.Wfi);
    expect(t.hart.readCsr(CSR.scause)).toBe(8n);
    expect(t.hart.getX(5)).toBe(9n);
    expect(t.hart.readCsr(CSR.mcause)).toBe(3n);
    expect((t.hart.readCsr(CSR.mstatus) >> 11n) & 3n).toBe(0n); // MPP = U: sret went back to U
  });

  it('takes a machine timer interrupt exactly when time reaches mtimecmp (vectored mtvec)', async () => {
    const t = await testMachine();
    const base = RAM_BASE + 0x1000n;
    poke(t.machine, base + 7n * 4n, encode([rv.csrrw(0, CSR.mie, 0), rv.csrrs(20, CSR.time, 0), rv.wfi()]));
    t.hart.writeCsr(CSR.mtvec, base | 1n);
    t.machine.setTimerCompare(0, 'mtimecmp', 50n); // 50 ticks × 100 instructions
    t.hart.writeCsr(CSR.mie, 1n << 7n);
    t.hart.writeCsr(CSR.mstatus, 1n << 3n);
    expect(runProgram(t, [rv.addi(5, 5, 1), rv.jal(0, -4)], RAM_BASE, 1_000_000)).toBe(ExitReason.Wfi);
    expect(t.hart.readCsr(CSR.mcause)).toBe(MIN | 7n);
    expect(t.hart.getX(20)).toBe(50n);
    expect(t.hart.instret).toBe(5000n + 3n); // the loop, then the handler
  });

  it('wfi exits, advanceTimeTo skips to the deadline, and the interrupt is then taken', async () => {
    const t = await testMachine();
    poke(t.machine, RAM_BASE + 0x100n, encode([rv.csrrw(0, CSR.mie, 0), rv.csrrs(21, CSR.mcause, 0), rv.wfi()]));
    t.hart.writeCsr(CSR.mtvec, RAM_BASE + 0x100n);
    t.machine.setTimerCompare(0, 'mtimecmp', 1_000_000n);
    t.hart.writeCsr(CSR.mie, 1n << 7n);
    expect(runProgram(t, [rv.csrrsi(0, CSR.mstatus, 8), rv.wfi(), rv.addi(5, 0, 1)])).toBe(ExitReason.Wfi);
    expect(t.hart.nextTimerDeadline()).toBe(1_000_000n);
    t.hart.advanceTimeTo(1_000_000n);
    expect(t.hart.time).toBe(1_000_000n);
    expect(t.hart.run(100)).toBe(ExitReason.Wfi);
    expect(t.hart.getX(21)).toBe(MIN | 7n);
    expect(t.hart.readCsr(CSR.mepc)).toBe(RAM_BASE + 8n);
  });

  it('posts MSIP from the doorbell API and wakes a waiter', async () => {
    const t = await testMachine();
    const { array, index } = t.machine.doorbell(0);
    const seen = Atomics.load(array, index);
    t.machine.setInterruptPending(0, 3, true);
    expect(Atomics.load(array, index)).not.toBe(seen);
    expect(t.hart.readCsr(CSR.mip) & 8n).toBe(8n);
    t.machine.setInterruptPending(0, 3, false);
    expect(t.hart.readCsr(CSR.mip) & 8n).toBe(0n);
  });
});
