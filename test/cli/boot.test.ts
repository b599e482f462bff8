// `xenrv boot` as a user runs it: a child process fed commands on standard input.
// Needs the built CLI (npm run build).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = new URL('../../bin/xenrv.js', import.meta.url).pathname;
const SMALL = ['--memory', '256M', '--dom0-memory', '64M'];

function run(args: string[], input = ''): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', timeout: 30_000 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('xenrv boot', () => {
  it('prints the boot log, sets up dom0 and runs the lines of standard input', () => {
    const { stdout, status } = run(['boot', ...SMALL, '--harts', '2', '--sched', 'credit', '--cmdline', 'loglvl=all'],
      'xl info xen_scheduler\nxl info nr_cpus\nxl info xen_commandline\nxenstore-read /local/domain/0/name\nxl list\n');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^\(XEN\) Xen version 4\.18/m);
    expect(stdout).toMatch(/^\(XEN\) Harts: 2/m);
    expect(stdout).toMatch(/^\(XEN\) RAM: 256 MiB/m);
    expect(stdout).toMatch(/^\(XEN\) Using scheduler: SMP Credit Scheduler \(credit\)$/m);
    expect(stdout).toMatch(/^\(XEN\) Dom0: 64 MiB at 0x80000000, 1 vCPU$/m);
    const afterSetup = stdout.split('Done setting up Dom0\n')[1];
    expect(afterSetup.split('\n').slice(0, 5)).toEqual([
      'credit', '2', 'loglvl=all', 'Domain-0', 'Name                                        ID   Mem VCPUs\tState\tTime(s)',
    ]);
    expect(afterSetup).toMatch(/^Domain-0 +0 +64 +1 +r----- +0\.0$/m);
  });

  it('stops at exit and reports errors with xl\'s exit code', () => {
    const { stdout, stderr, status } = run(['boot', ...SMALL], 'xl list nosuch\nexit\nxl info\n');
    expect(stderr).toBe('nosuch is an invalid domain identifier (rc=-6)\n');
    expect(stdout).not.toMatch(/xen_caps/);
    expect(status).toBe(0);
    expect(run(['boot', ...SMALL], 'xl list nosuch\n').status).toBe(1);
  });

  it('refuses bad options with a clear message', () => {
    expect(run(['boot', '--memory', 'lots'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/--memory: 'lots' is not a size/) });
    expect(run(['boot', '--sched', 'fifo'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/unknown scheduler 'fifo'/) });
    expect(run(['boot', '--memory', '256M', '--dom0-memory', '1G'])).toMatchObject({ status: 2 });
  });

  it('`xenrv xl` runs one command on a fresh default host', () => {
    const { stdout, status } = run(['xl', 'info', 'total_memory']);
    expect(status).toBe(0);
    expect(stdout).toBe('2048\n');
  });

  it('--listen serves xl commands to `xenrv xl --connect`', async () => {
    const socket = join(mkdtempSync(join(tmpdir(), 'xenrv-')), 'xl.sock');
    const host = spawn(process.execPath, [CLI, 'boot', ...SMALL, '--listen', socket], { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve) => host.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('xl commands accepted') && resolve()));
      const remote = await new Promise<{ out: string; code: number | null }>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'xl', '--connect', socket, 'list', '-v']);
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.on('close', (code) => resolve({ out, code }));
      });
      expect(remote.code).toBe(0);
      expect(remote.out).toMatch(/^Domain-0 +0 +64 +1 +r-----/m);
    } finally {
      host.stdin.end('exit\n');
      await new Promise((resolve) => host.on('close', resolve));
    }
  });
});
