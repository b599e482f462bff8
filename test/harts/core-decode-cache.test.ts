import { describe, expect, it } from 'vitest';
import { DECODE_SLOTS } from '../../src/harts/block-layout.js';
import { rv, c, li, encode, poke, testMachine, runProgram, ExitReason, RAM_BASE, CSR } from './core-support.js';

// The decode cache keeps predecoded instructions per hart; these check that whatever
// changes code bytes (the guest itself, another writer, code at an aliasing address) is
// what runs next.
describe('hart core: decode cache and fetch', () => {
  it('runs an instruction the program itself overwrote, in code that already ran it', async () => {
    const t = await testMachine();
    const callee = RAM_BASE + 0x100n;
    poke(t.machine, callee, encode([rv.addi(5, 5, 1), rv.jalr(0, 1, 0)]));
    const prefix = [rv.addi(5, 0, 0), ...li(6, callee), ...li(7, BigInt(rv.addi(5, 5, 100)))];
    const firstCall = prefix.length * 4;
    const exit = runProgram(t, [
      ...prefix,
      rv.jal(1, 0x100 - firstCall), // t0 += 1
      rv.sw(7, 6, 0), // the callee becomes t0 += 100
      rv.jal(1, 0x100 - (firstCall + 8)),
      rv.wfi(),
    ]);
    expect(exit).toBe(ExitReason.Wfi);
    expect(t.hart.getX(5)).toBe(101n);
  });

  it('runs code the host rewrote between runs', async () => {
    const t = await testMachine();
    runProgram(t, [rv.addi(5, 0, 7), rv.wfi()]);
    expect(t.hart.getX(5)).toBe(7n);
    runProgram(t, [rv.addi(5, 0, 9), rv.wfi()]);
    expect(t.hart.getX(5)).toBe(9n);
  });

  it('tells apart code at addresses that share a cache slot, compressed or not', async () => {
    const t = await testMachine();
    const alias = RAM_BASE + BigInt(DECODE_SLOTS * 2) + 4n; // shares its slot with RAM_BASE + 4
    poke(t.machine, alias, encode([c(0x0285), c(0x8082)])); // c.addi t0, 1; c.jr ra
    const callAlias = [...li(8, alias), rv.jalr(1, 8, 0)];
    const exit = runProgram(t, [
      rv.addi(6, 0, 50),
      rv.addi(7, 7, 2), // loop: runs alternately with the c.addi at `alias`
      ...callAlias,
      rv.addi(6, 6, -1),
      rv.bne(6, 0, -4 * (callAlias.length + 2)),
      rv.wfi(),
    ]);
    expect(exit).toBe(ExitReason.Wfi);
    expect(t.hart.getX(5)).toBe(50n);
    expect(t.hart.getX(7)).toBe(100n);
  });

  it('decodes a 32-bit instruction that straddles a page boundary', async () => {
    const t = await testMachine();
    const exit = runProgram(t, [rv.addi(5, 0, 1), c(0x0001), rv.addi(5, 5, 41), rv.wfi()], RAM_BASE + 0xff8n);
    expect(exit).toBe(ExitReason.Wfi);
    expect(t.hart.getX(5)).toBe(42n);
  });

  it('jumps with jalr to a target more than 2 GiB away (here: no memory, so a fetch fault there)', async () => {
    const t = await testMachine();
    const far = 0x4000_0000_0000n;
    t.hart.writeCsr(CSR.mtvec, RAM_BASE + 0x100n);
    poke(t.machine, RAM_BASE + 0x100n, encode([rv.wfi()]));
    const load = li(5, far);
    const exit = runProgram(t, [...load, rv.jalr(1, 5, 8), rv.wfi()]);
    expect(exit).toBe(ExitReason.Wfi);
    expect(t.hart.readCsr(CSR.mcause)).toBe(1n); // instruction access fault
    expect(t.hart.readCsr(CSR.mepc)).toBe(far + 8n);
    expect(t.hart.getX(1)).toBe(RAM_BASE + BigInt(load.length * 4 + 4));
  });
});
