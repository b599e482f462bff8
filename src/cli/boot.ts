// `xenrv boot`: boot a simulated host and give a dom0 prompt. Interactive on a terminal;
// otherwise it runs the lines of standard input in order and exits at end of input.
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { DEFAULT_HOST } from '../hypervisor/host-config.js';
import { schedulerId } from '../hypervisor/hypervisor.js';
import { PROMPT, runShellLine } from '../toolstack/dom0-shell.js';
import { type BootOptions, type Host, bootHost } from '../toolstack/host.js';
import { serveXl } from '../toolstack/xl-socket.js';
import type { ConsoleIo } from '../toolstack/xl/console.js';
import { readRawKeyboard } from './keyboard.js';

export interface BootCliOptions {
  harts: string;
  memory: string;
  dom0Memory: string;
  dom0Vcpus: string;
  sched: string;
  cmdline: string;
  deterministic?: boolean;
  seed: string;
  listen?: string;
}

export const BOOT_DEFAULTS: BootCliOptions = {
  harts: '4', memory: '2G', dom0Memory: '512M', dom0Vcpus: '1', sched: DEFAULT_HOST.scheduler, cmdline: '', seed: '0',
};

const UNITS: Readonly<Record<string, number>> = { '': 2 ** 20, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** "512M", "2G", "1048576K" or a plain number of MiB, in bytes. */
export function parseSize(text: string, what: string): number {
  const match = /^(\d+)([kmgt]?)(i?b)?$/i.exec(text.trim());
  if (!match) throw new Error(`${what}: '${text}' is not a size (examples: 512M, 2G)`);
  const bytes = Number(match[1]) * UNITS[match[2].toLowerCase()];
  if (bytes === 0 || bytes % 4096 !== 0) throw new Error(`${what}: ${text} is not a positive multiple of 4 KiB`);
  return bytes;
}

function parseCount(text: string, what: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${what}: '${text}' must be a whole number from 1 to ${max}`);
  return value;
}

export function bootOptionsFrom(cli: BootCliOptions, console?: (text: string) => void): BootOptions {
  const nrCpus = parseCount(cli.harts, '--harts', 64);
  const ramBytes = parseSize(cli.memory, '--memory');
  if (ramBytes > 3 * 2 ** 30) throw new Error(`--memory: at most 3G fits the machine's 4 GiB shared memory`);
  const dom0MemoryBytes = parseSize(cli.dom0Memory, '--dom0-memory');
  if (dom0MemoryBytes >= ramBytes) throw new Error(`--dom0-memory (${cli.dom0Memory}) must be less than --memory (${cli.memory})`);
  if (schedulerId(cli.sched) === undefined) throw new Error(`--sched: unknown scheduler '${cli.sched}' (credit, credit2, rtds, null, arinc653)`);
  if (!/^\d+$/.test(cli.seed)) throw new Error(`--seed: '${cli.seed}' is not a whole number`);
  return {
    nrCpus, ramBytes, timebaseHz: DEFAULT_HOST.timebaseHz, scheduler: cli.sched, commandLine: cli.cmdline,
    dom0MemoryBytes, dom0Vcpus: parseCount(cli.dom0Vcpus, '--dom0-vcpus', nrCpus * 32), console,
  };
}

/**
 * Runs prompt lines until `exit` (returns true) or the end of input (false). On a terminal
 * a console session takes the keyboard: the prompt's line editor is closed for it and a
 * new one opened when the session ends.
 */
async function runLines(host: Host, interactive: boolean): Promise<boolean> {
  for (;;) {
    const lines = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
    let keyboardTaken = false;
    const output: ConsoleIo = { out: (t: string) => process.stdout.write(t), err: (t: string) => process.stderr.write(t) };
    if (interactive) {
      output.input = (onInput) => {
        keyboardTaken = true;
        lines.close();
        return readRawKeyboard(onInput);
      };
      lines.setPrompt(PROMPT);
      lines.prompt();
    }
    for await (const line of lines) {
      const result = await runShellLine(host, line, output);
      process.exitCode = result.code;
      if (result.exit) {
        lines.close();
        return true;
      }
      if (keyboardTaken) break;
      if (interactive) lines.prompt();
    }
    if (!keyboardTaken) return false;
  }
}

export function registerBoot(program: Command): void {
  program
    .command('boot')
    .description('boot a simulated Xen host and give a dom0 prompt')
    .option('--harts <n>', 'physical harts', BOOT_DEFAULTS.harts)
    .option('--memory <size>', 'machine RAM (e.g. 2G)', BOOT_DEFAULTS.memory)
    .option('--dom0-memory <size>', "dom0's memory", BOOT_DEFAULTS.dom0Memory)
    .option('--dom0-vcpus <n>', "dom0's vCPUs", BOOT_DEFAULTS.dom0Vcpus)
    .option('--sched <name>', 'scheduler of Pool-0: credit, credit2, rtds, null, arinc653', BOOT_DEFAULTS.sched)
    .option('--cmdline <text>', "Xen's command line (shown by xl info)", BOOT_DEFAULTS.cmdline)
    .option('--deterministic', 'run one hart at a time in a fixed order (reproducible)')
    .option('--seed <n>', 'seed for deterministic runs', BOOT_DEFAULTS.seed)
    .option('--listen <socket>', 'also accept xl commands on a unix socket (xenrv xl --connect)')
    .action(async (cli: BootCliOptions) => {
      let options: BootOptions;
      try {
        options = bootOptionsFrom(cli, (text) => process.stdout.write(text));
      } catch (error) {
        process.stderr.write(`xenrv boot: ${(error as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      // Guests run on the harts: one worker per hart, or all harts on this thread in a fixed order.
      const host = await bootHost({ ...options, execution: { mode: cli.deterministic ? 'deterministic' : 'parallel' } });
      if (cli.deterministic) host.hv.console.log(`Deterministic mode, seed ${cli.seed}`);
      host.harts?.runInBackground();
      const server = cli.listen === undefined ? undefined : await serveXl(host, cli.listen);
      if (server !== undefined) host.hv.console.log(`xl commands accepted on ${cli.listen}`);
      const exitRequested = await runLines(host, process.stdin.isTTY === true);
      if (server !== undefined && !exitRequested) {
        // Input ended but other processes may still send xl commands: serve until a signal.
        await new Promise<void>((resolve) => {
          process.once('SIGTERM', resolve);
          process.once('SIGINT', resolve);
        });
      }
      server?.close();
      host.shutdown();
      process.exit();
    });
}
