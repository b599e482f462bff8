// `xenrv run-elf`: run a bare-metal RV64 ELF and exit with its verdict.
import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';

interface RunElfFlags {
  harts: number;
  deterministic?: boolean;
  maxInstructions?: bigint;
  memory: number;
  stats?: boolean;
  json?: boolean;
}

export function registerRunElf(program: Command): void {
  program
    .command('run-elf')
    .description('run a bare-metal RV64 ELF on N harts; exit 0 on pass, 1 (FAIL: test N) or the finisher code on failure, 2 otherwise')
    .argument('<file>', 'the ELF image (PT_LOAD segments at physical addresses in RAM at 0x80000000)')
    .option('--harts <n>', 'number of harts, one worker thread each', positiveInteger, 1)
    .option('--deterministic', 'run all harts on one thread in a fixed order: repeatable output and counts')
    .option('--max-instructions <n>', 'stop (exit 2) when a hart has retired this many instructions', (v) => BigInt(positiveInteger(v)))
    .option('--memory <size>', 'RAM size, e.g. 128M, 1G or a byte count', memorySize, 128 * 1024 * 1024)
    .option('--stats', 'print instructions, wall time and MIPS per hart (on stderr)')
    .option('--json', 'print the verdict, stats and console output as one JSON object instead of streaming the console')
    // Usage errors exit 2, like every other run that ends without a verdict.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
    .action(async (file: string, flags: RunElfFlags) => {
      process.exitCode = await runElfCommand(file, flags);
    });
}

async function runElfCommand(file: string, flags: RunElfFlags): Promise<number> {
  let elf: Uint8Array;
  try {
    elf = await readFile(file);
  } catch (error) {
    process.stderr.write(`xenrv run-elf: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 2;
  }
  const { runElf } = await import('../harts/run-elf.js');
  const { ElfError } = await import('../harts/elf.js');
  try {
    const result = await runElf({
      elf,
      harts: flags.harts,
      deterministic: flags.deterministic ?? false,
      maxInstructions: flags.maxInstructions,
      ramBytes: flags.memory,
      onOutput: flags.json ? undefined : (bytes) => process.stdout.write(bytes),
    });
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return result.exitCode;
    }
    if (result.message) process.stderr.write(`${result.message}\n`);
    if (flags.stats) process.stderr.write(statsTable(result.harts, result.wallMs));
    return result.exitCode;
  } catch (error) {
    if (error instanceof ElfError) {
      process.stderr.write(`xenrv run-elf: ${file}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof RangeError) {
      // A machine configuration the memory cannot hold (e.g. --memory too large).
      process.stderr.write(`xenrv run-elf: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function statsTable(harts: readonly { hart: number; instructions: number; wallMs: number; mips: number }[], wallMs: number): string {
  const rows = harts.map((h) => `${String(h.hart).padStart(4)}  ${String(h.instructions).padStart(14)}  ${h.wallMs.toFixed(1).padStart(10)}  ${h.mips.toFixed(1).padStart(8)}`);
  const total = harts.reduce((sum, h) => sum + h.instructions, 0);
  const aggregate = wallMs > 0 ? total / wallMs / 1000 : 0;
  return [
    'hart    instructions     wall ms      MIPS',
    ...rows,
    ` all  ${String(total).padStart(14)}  ${wallMs.toFixed(1).padStart(10)}  ${aggregate.toFixed(1).padStart(8)}`,
    '',
  ].join('\n');
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

function memorySize(value: string): number {
  const match = /^(\d+)\s*([KMG]?)(?:i?B)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a size such as 128M, 1G or a byte count');
  const bytes = Number(match[1]) * UNITS[match[2]!.toUpperCase()]!;
  if (bytes < 4096 || bytes % 4096 !== 0) throw new InvalidArgumentError('expected a multiple of 4 KiB');
  return bytes;
}
