// Shared-memory programs on several harts: atomics must be exact in parallel mode, and
// deterministic mode must repeat a racy program's output and instruction counts exactly.
import { describe, expect, it } from 'vitest';
import { runElf } from '../../src/harts/run-elf.js';
import { Asm, type Reg } from './support/asm.js';
import { elfOf, exitWith, htifWords, printHexRoutine } from './support/programs.js';

type Increment = (asm: Asm, counter: Reg, one: Reg) => Asm;

const amoadd: Increment = (asm, counter, one) => asm.amoaddD('zero', one, counter);
const lrsc: Increment = (asm, counter) => asm
  .label('retry').lrD('t5', counter).addi('t5', 't5', 1).scD('t6', 't5', counter).bne('t6', 'zero', 'retry');
const racyLoadStore: Increment = (asm, counter) => asm.ld('t5', counter).addi('t5', 't5', 1).sd('t5', counter);

/**
 * Every hart adds 1 to `counter` `times` times, then counts itself in `done`. Hart 0 waits
 * for all, prints the counter in hex and passes if it equals harts*times (else fails test 2,
 * or passes anyway when `check` is false). Other harts park in WFI.
 */
function counterProgram(harts: number, times: number, increment: Increment, check = true): Uint8Array {
  const asm = new Asm()
    .la('s0', 'counter').la('s1', 'done').li('s2', times).li('s3', 1)
    .label('loop');
  increment(asm, 's0', 's3')
    .addi('s2', 's2', -1).bne('s2', 'zero', 'loop')
    .amoaddD('zero', 's3', 's1')
    .bne('a0', 'zero', 'park')
    .li('s4', harts)
    .label('wait').ld('t0', 's1').bne('t0', 's4', 'wait')
    .ld('a0', 's0').call('print_hex')
    .ld('t0', 's0').li('t1', harts * times);
  if (check) asm.bne('t0', 't1', 'fail');
  exitWith(asm, 1);
  asm.label('fail');
  exitWith(asm, (2 << 1) | 1);
  asm.label('park').wfi().j('park');
  printHexRoutine(asm);
  asm.align(64).label('counter').dwords(1).align(64).label('done').dwords(1);
  return elfOf(htifWords(asm));
}

const hex = (n: number) => `${n.toString(16).padStart(16, '0')}\n`;

describe('SMP in parallel mode (one worker per hart)', () => {
  it.each([
    ['amoadd.d', amoadd],
    ['an LR/SC loop', lrsc],
  ])('counts exactly with %s on 2 and 4 harts, run after run', async (_name, increment) => {
    for (const harts of [2, 4, 2]) {
      const times = 100_000;
      const result = await runElf({ elf: counterProgram(harts, times, increment), harts });
      expect(result.message).toBeUndefined();
      expect(result.output).toBe(hex(harts * times));
      expect(result.exitCode).toBe(0);
      expect(result.harts).toHaveLength(harts);
      for (const hart of result.harts) expect(hart.instructions).toBeGreaterThan(times * 3);
    }
  });
});

describe('deterministic mode', () => {
  it('repeats the output and per-hart instruction counts of a racy program', async () => {
    const elf = counterProgram(3, 50_000, racyLoadStore, false);
    const runs = [];
    for (let i = 0; i < 2; i++) runs.push(await runElf({ elf, harts: 3, deterministic: true, sliceInstructions: 997 }));
    const [a, b] = runs as [Awaited<ReturnType<typeof runElf>>, Awaited<ReturnType<typeof runElf>>];
    expect(a.verdict).toBe('pass');
    expect(a.output).toMatch(/^[0-9a-f]{16}\n$/);
    // Slices interleave the harts, so updates are lost: the race is real.
    expect(parseInt(a.output, 16)).toBeLessThan(3 * 50_000);
    expect(b.output).toBe(a.output);
    expect(b.harts.map((h) => h.instructions)).toEqual(a.harts.map((h) => h.instructions));
  });

  it('counts exactly with amoadd.d', async () => {
    const result = await runElf({ elf: counterProgram(3, 20_000, amoadd), harts: 3, deterministic: true, sliceInstructions: 101 });
    expect(result.output).toBe(hex(60_000));
    expect(result.verdict).toBe('pass');
  });
});
