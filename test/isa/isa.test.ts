// Every committed ISA test program passes on xenrv's harts, in both scheduling modes.
import { describe, expect, it } from 'vitest';
import { runElf } from '../../src/harts/run-elf.js';
import { isaPrograms, readProgram } from './isa-programs.js';

const programs = isaPrograms();

describe('ISA test programs on xenrv', () => {
  it('finds the committed programs', () => {
    expect(programs.map((p) => p.name)).toEqual(expect.arrayContaining(['rv64ui', 'rv64uc', 'sv39', 'interrupts']));
  });

  describe.each([
    ['parallel', false],
    ['deterministic', true],
  ] as const)('%s', (_mode, deterministic) => {
    it.each(programs.map((p) => [p.name, p] as const))('%s passes', async (_name, program) => {
      const result = await runElf({
        elf: readProgram(program),
        harts: program.harts,
        deterministic,
        maxInstructions: 50_000_000n,
      });
      expect({ verdict: result.verdict, message: result.message }).toEqual({ verdict: 'pass', message: undefined });
    });
  });
});
