// Verdicts, devices and time as a bare-metal program sees them, in both scheduling modes.
import { describe, expect, it } from 'vitest';
import { runElf } from '../../src/harts/run-elf.js';
import { Asm, CSR } from './support/asm.js';
import { elfOf, exitWith, FINISHER, htifWords, UART } from './support/programs.js';

const ACLINT = 0x0200_0000;
const PLIC = 0x0c00_0000;
const modes = [['parallel', false], ['deterministic', true]] as const;

function program(build: (asm: Asm) => Asm): Uint8Array {
  return elfOf(htifWords(build(new Asm())));
}

const printString = (asm: Asm, text: string) => {
  asm.la32('t0', UART);
  for (const c of new TextEncoder().encode(text)) asm.li('t1', c).sb('t1', 't0');
  return asm;
};

describe.each(modes)('runElf verdicts (%s)', (_mode, deterministic) => {
  it('passes on tohost = 1 and streams UART output', async () => {
    const seen: string[] = [];
    const result = await runElf({
      elf: program((a) => exitWith(printString(a, 'hello\n'), 1)),
      deterministic,
      onOutput: (b) => seen.push(Buffer.from(b).toString()),
    });
    expect(result).toMatchObject({ verdict: 'pass', exitCode: 0, output: 'hello\n', message: undefined });
    expect(seen.join('')).toBe('hello\n');
    expect(result.harts[0]!.instructions).toBeGreaterThan(10);
  });

  it('fails with the test number on an odd tohost value', async () => {
    const result = await runElf({ elf: program((a) => exitWith(a, (3 << 1) | 1)), deterministic });
    expect(result).toMatchObject({ verdict: 'fail', exitCode: 1, message: 'FAIL: test 3' });
  });

  it.each([
    [0x5555, 0, 'pass'],
    [(7 << 16) | 0x3333, 7, 'fail'],
  ])('ends on a finisher write of %s', async (value, exitCode, verdict) => {
    const elf = program((a) => a.la32('t0', FINISHER).li('t1', value).sw('t1', 't0').label('x').j('x'));
    expect(await runElf({ elf, deterministic })).toMatchObject({ verdict, exitCode });
  });

  it('stops at the instruction limit', async () => {
    const result = await runElf({ elf: program((a) => a.label('x').j('x')), deterministic, maxInstructions: 5000n });
    expect(result).toMatchObject({ verdict: 'limit', exitCode: 2 });
    expect(result.message).toMatch(/instruction limit reached/);
    expect(result.harts[0]!.instructions).toBe(5000);
  });

  it('reports a deadlock when every hart waits in WFI with nothing armed', async () => {
    const result = await runElf({ elf: program((a) => a.label('x').wfi().j('x')), harts: 2, deterministic });
    expect(result).toMatchObject({ verdict: 'deadlock', exitCode: 2 });
  });

  it('jumps virtual time to the timer deadline in WFI instead of executing', async () => {
    // mtimecmp = mtime + 1 000 000 ticks (0.1 s), MTIE on, global MIE off: WFI returns.
    const elf = program((a) => a
      .la32('s0', ACLINT + 0xbff8).ld('s1', 's0')
      .li('t0', 1_000_000).add('s2', 's1', 't0')
      .la32('t1', ACLINT + 0x4000).sd('s2', 't1')
      .li('t2', 1 << 7).csrw(CSR.mie, 't2')
      .label('w').wfi().ld('t3', 's0').bltu('t3', 's2', 'w')
      .csrr('t4', CSR.mip).andi('t4', 't4', 0x80).beq('t4', 'zero', 'fail')
      .j('ok').label('fail').li('t6', 5).la('t5', 'tohost').sd('t6', 't5').label('f').j('f')
      .label('ok').li('t6', 1).la('t5', 'tohost').sd('t6', 't5').label('o').j('o'));
    const result = await runElf({ elf, deterministic });
    expect(result.message).toBeUndefined();
    expect(result.verdict).toBe('pass');
    expect(result.harts[0]!.instructions).toBeLessThan(1000); // 1e8 instructions were never run
  });

  it('wakes a hart sleeping in WFI with an IPI through msip', async () => {
    const elf = program((a) => a
      .bne('a0', 'zero', 'hart1')
      .la32('t0', ACLINT + 4).li('t1', 1).sw('t1', 't0')
      .label('idle').wfi().j('idle')
      .label('hart1')
      .li('t2', 1 << 3).csrw(CSR.mie, 't2')
      .label('sleep').wfi().csrr('t3', CSR.mip).andi('t3', 't3', 8).beq('t3', 'zero', 'sleep')
      .li('t6', 1).la('t5', 'tohost').sd('t6', 't5').label('o').j('o'));
    const result = await runElf({ elf, harts: 2, deterministic });
    expect(result).toMatchObject({ verdict: 'pass', exitCode: 0 });
  });

  it('takes the UART interrupt through the PLIC as a machine external interrupt', async () => {
    const elf = program((a) => a
      .la('t0', 'handler').csrw(CSR.mtvec, 't0')
      .la32('t0', PLIC + 4 * 10).li('t1', 1).sw('t1', 't0') // priority of source 10
      .la32('t0', PLIC + 0x2000).li('t1', 1 << 10).sw('t1', 't0') // enable for hart 0 M-mode
      .li('t1', 1 << 11).csrw(CSR.mie, 't1')
      .li('t1', 1 << 3).csrs(CSR.mstatus, 't1')
      .la32('t0', UART).li('t1', 2).sb('t1', 't0', 1) // IER.ETBEI: THR is empty, so it fires
      .label('spin').j('spin')
      .align(4).label('handler')
      .csrr('t2', CSR.mcause).andi('t3', 't2', 0xff).li('t4', 11).bne('t3', 't4', 'bad')
      .la32('t0', PLIC + 0x20_0004).lw('t4', 't0')
      .li('t5', 10).bne('t4', 't5', 'bad')
      .srli('t6', 't2', 63).beq('t6', 'zero', 'bad')
      .li('t6', 1).la('t5', 'tohost').sd('t6', 't5').label('o').j('o')
      .label('bad').li('t6', 7).la('t5', 'tohost').sd('t6', 't5').label('b').j('b'));
    expect(await runElf({ elf, deterministic })).toMatchObject({ verdict: 'pass' });
  });

  it('reads host input from the UART receive buffer', async () => {
    const elf = program((a) => a
      .la32('s0', UART)
      .label('poll').lbu('t0', 's0', 5).andi('t0', 't0', 1).beq('t0', 'zero', 'done')
      .lbu('t1', 's0', 0).addi('t1', 't1', 1).sb('t1', 's0', 0).j('poll')
      .label('done').li('t6', 1).la('t5', 'tohost').sd('t6', 't5').label('o').j('o'));
    const result = await runElf({ elf, deterministic, input: new TextEncoder().encode('HAL') });
    expect(result.output).toBe('IBM');
  });

  it('prints through HTIF console putchar', async () => {
    const elf = program((a) => {
      a.la('s0', 'tohost');
      for (const c of 'ok') a.li('t0', 0x0101).slli('t0', 't0', 48).addi('t0', 't0', c.charCodeAt(0)).sd('t0', 's0');
      return exitWith(a, 1);
    });
    expect(await runElf({ elf, deterministic })).toMatchObject({ verdict: 'pass', output: 'ok' });
  });

  it('reboots on a finisher reset: RAM outside the image survives, the image is reloaded', async () => {
    const elf = program((a) => {
      printString(a, 'boot\n');
      a.la32('s0', 0x8010_0000).ld('t2', 's0').addi('t2', 't2', 1).sd('t2', 's0')
        .li('t3', 2).bge('t2', 't3', 'done')
        .la32('t0', FINISHER).li('t1', 0x7777).sw('t1', 't0').label('x').j('x')
        .label('done');
      return exitWith(a, 1);
    });
    const result = await runElf({ elf, deterministic });
    expect(result).toMatchObject({ verdict: 'pass', output: 'boot\nboot\n' });
  });

  it('serves the riscv-tests write system call through HTIF', async () => {
    const elf = program((a) => a
      .la('s0', 'magic').la('s1', 'text')
      .li('t0', 64).sd('t0', 's0', 0).li('t0', 1).sd('t0', 's0', 8).sd('s1', 's0', 16).li('t0', 3).sd('t0', 's0', 24)
      .la('t1', 'tohost').sd('s0', 't1')
      .la('t2', 'fromhost').label('poll').ld('t3', 't2').beq('t3', 'zero', 'poll')
      .ld('t4', 's0').li('t5', 3).bne('t4', 't5', 'bad')
      .li('t6', 1).sd('t6', 't1').label('o').j('o')
      .label('bad').li('t6', 3).sd('t6', 't1').label('b').j('b')
      .align(8).label('magic').dwords(4)
      .label('text').word(0x0a216968)); // "hi!\n"
    expect(await runElf({ elf, deterministic })).toMatchObject({ verdict: 'pass', output: 'hi!' });
  });

  it('raises a load access fault for an address no device answers', async () => {
    const elf = program((a) => a
      .la('t0', 'handler').csrw(CSR.mtvec, 't0')
      .la32('s0', 0x4000_0000).lw('t1', 's0', 8).label('x').j('x')
      .align(4).label('handler')
      .csrr('t2', CSR.mcause).li('t3', 5).bne('t2', 't3', 'bad')
      .csrr('t2', CSR.mtval).addi('t3', 's0', 8).bne('t2', 't3', 'bad')
      .li('t6', 1).la('t5', 'tohost').sd('t6', 't5').label('o').j('o')
      .label('bad').li('t6', 3).la('t5', 'tohost').sd('t6', 't5').label('b').j('b'));
    expect(await runElf({ elf, deterministic })).toMatchObject({ verdict: 'pass' });
  });
});
