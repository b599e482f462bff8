// `xenrv run-elf` end to end: the built CLI on small programs and on bad files.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Asm } from '../harts/support/asm.js';
import { writeElf } from '../harts/support/elf-writer.js';
import { elfOf, exitWith, htifWords, UART } from '../harts/support/programs.js';

const cli = fileURLToPath(new URL('../../bin/xenrv.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'xenrv-run-elf-'));

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function xenrv(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const hello = file('hello.elf', elfOf(htifWords(exitWith(
  new Asm().la32('t0', UART).li('t1', 'h'.charCodeAt(0)).sb('t1', 't0').li('t1', 10).sb('t1', 't0'), 1))));
const failing = file('fail.elf', elfOf(htifWords(exitWith(new Asm(), (4 << 1) | 1))));
const forever = file('forever.elf', elfOf(htifWords(new Asm().label('x').j('x'))));

describe('xenrv run-elf', () => {
  it('streams the UART to stdout and exits 0 on pass', async () => {
    expect(await xenrv('run-elf', hello)).toEqual({ code: 0, stdout: 'h\n', stderr: '' });
  });

  it('exits 1 with FAIL: test N on a failing tohost value', async () => {
    const run = await xenrv('run-elf', failing);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('FAIL: test 4\n');
  });

  it('exits 2 with a message when the instruction limit is reached', async () => {
    const run = await xenrv('run-elf', '--max-instructions', '10000', forever);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^instruction limit reached: hart 0 retired 10000 instructions\n$/);
  });

  it('prints per-hart stats and JSON on request, on 2 harts and deterministically', async () => {
    const stats = await xenrv('run-elf', '--harts', '2', '--stats', hello);
    expect(stats.code).toBe(0);
    expect(stats.stderr).toMatch(/^hart +instructions +wall ms +MIPS\n +0 +\d+/);
    const json = await xenrv('run-elf', '--json', '--deterministic', '--harts', '2', failing);
    expect(json.code).toBe(1);
    const result = JSON.parse(json.stdout) as { verdict: string; exitCode: number; message: string; harts: { instructions: number }[] };
    expect(result).toMatchObject({ verdict: 'fail', exitCode: 1, message: 'FAIL: test 4' });
    expect(result.harts).toHaveLength(2);
  });

  it.each([
    [['--harts', '0'], /argument '0' is invalid/],
    [['--memory', '5000M'], /does not fit in a 4 GiB wasm memory/],
  ])('exits 2 with one line on a bad option %j', async (args, message) => {
    const run = await xenrv('run-elf', ...args, hello);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it.each([
    ['a file that is not an ELF', () => file('text.elf', new TextEncoder().encode('hello')), /: not an ELF file$/],
    ['a 32-bit ELF', () => file('rv32.elf', writeElf({ entry: 0x8000_0000n, segments: [{ paddr: 0x8000_0000n, data: new Uint8Array(4) }], elfClass: 1 })), /: not an RV64 ELF: it is a 32-bit ELF$/],
    ['a segment outside RAM', () => file('low.elf', writeElf({ entry: 0x1000n, segments: [{ paddr: 0x1000n, data: new Uint8Array(4) }] })), /: segment 0 at 0x1000-0x1004 lies outside RAM 0x80000000-0x88000000$/],
    ['a missing file', () => join(dir, 'missing.elf'), /cannot read .*missing\.elf: ENOENT$/],
  ])('rejects %s with a one-line error and exit 2', async (_what, make, message) => {
    const run = await xenrv('run-elf', make());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr.trimEnd()).toMatch(message);
  });
});
