// The ISA programs on QEMU (`-machine virt -bios none`, the reference) and on xenrv: the same
// outcome and the same UART output, except where QEMU 7.2 is known to depart from the
// specification (isa-programs.ts), where QEMU must fail exactly at the documented case.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runElf } from '../../src/harts/run-elf.js';
import { missingTools } from '../support/tools.js';
import { isaPrograms, qemuDeviations, readProgram, type IsaProgram } from './isa-programs.js';

const skip = missingTools('qemu-system-riscv64');

interface Outcome {
  /** 'pass' or the failing case number. */
  readonly result: 'pass' | number | string;
  readonly output: string;
}

function onQemu(program: IsaProgram): Promise<Outcome> {
  const args = ['-machine', 'virt', '-cpu', 'rv64,h=true', '-smp', String(program.harts), '-bios', 'none'];
  args.push('-display', 'none', '-serial', 'stdio', '-monitor', 'none', '-kernel', program.path);
  return new Promise((resolve) => {
    const child = execFile('qemu-system-riscv64', args, { timeout: 20_000 }, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : `killed (${error.signal ?? error.message})`) : 0;
      resolve({ result: code === 0 ? 'pass' : code, output: stdout });
    });
    child.stdin?.end();
  });
}

async function onXenrv(program: IsaProgram): Promise<Outcome> {
  const run = await runElf({ elf: readProgram(program), harts: program.harts, maxInstructions: 50_000_000n });
  const failed = /^FAIL: test (\d+)$/.exec(run.message ?? '');
  const result = run.verdict === 'pass' ? 'pass' : failed ? Number(failed[1]) : `${run.verdict}: ${run.message}`;
  return { result, output: run.output };
}

describe('ISA programs: xenrv against QEMU', () => {
  const programs = isaPrograms();

  it('includes programs that print through the UART', () => {
    expect(programs.map((p) => p.name)).toEqual(expect.arrayContaining(['uart_hello', 'uart_traps']));
  });

  it.skipIf(skip).each(programs.map((p) => [p.name, p] as const))(`%s behaves as on QEMU ${skip ?? ''}`, async (name, program) => {
    const [qemu, xenrv] = await Promise.all([onQemu(program), onXenrv(program)]);
    const deviation = qemuDeviations[name];
    if (deviation) {
      expect(qemu.result, `QEMU 7.2: ${deviation.reason}`).toBe(deviation.failsAt);
      expect(xenrv.result).toBe('pass');
    } else {
      expect(xenrv.result).toBe(qemu.result);
      expect(qemu.result).toBe('pass');
    }
    expect(xenrv.output).toBe(qemu.output);
  });
});
