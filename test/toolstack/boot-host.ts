import { type Host, bootHost } from '../../src/toolstack/host.js';
import { collectOutput } from '../../src/toolstack/xl/output.js';
import { runXl } from '../../src/toolstack/xl/xl.js';

export function smallHost(overrides: { nrCpus?: number; scheduler?: string; commandLine?: string } = {}): Promise<Host> {
  return bootHost({
    nrCpus: overrides.nrCpus ?? 2, ramBytes: 64 * 2 ** 20, timebaseHz: 10_000_000, scheduler: overrides.scheduler ?? 'credit2',
    commandLine: overrides.commandLine ?? '', dom0MemoryBytes: 16 * 2 ** 20, dom0Vcpus: 1,
  });
}

export async function xl(host: Host, ...argv: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const output = collectOutput();
  const code = await runXl(host, argv, output);
  return { stdout: output.stdout, stderr: output.stderr, code };
}
