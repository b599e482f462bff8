// Runs a bare-metal RV64 ELF on an N-hart machine with QEMU virt's devices and reports
// its verdict: HTIF tohost (1 = pass, odd = fail with the test number), the SiFive test
// finisher, the instruction limit, a deadlock (every hart asleep, nothing armed) or an error.
import { SharedWords } from '../devices/device.js';
import { createVirtPlatform, virtPlatformWords } from '../devices/virt-platform.js';
import { createHartLoops, type BareMetalSetup } from './bare-metal-setup.js';
import { runDeterministic } from './deterministic.js';
import { parseElf } from './elf.js';
import { hartStats, type HartRunStats } from './hart-stats.js';
import { loadElfSegments } from './load-elf.js';
import { MachineLines } from './machine-lines.js';
import { MachineMemory, RAM_BASE, type MachineConfig } from './machine-memory.js';
import { runParallel } from './parallel.js';
import { RunControl, StopKind, type StopInfo } from './run-control.js';

export interface RunElfOptions {
  /** The ELF image. */
  readonly elf: Uint8Array;
  /** Number of harts (default 1); each starts at the entry in M-mode with a0 = hart id. */
  readonly harts?: number;
  /** One thread, fixed round-robin slices: repeatable output and counts. (A single hart always runs on the calling thread.) */
  readonly deterministic?: boolean;
  /** Stop when any hart has retired this many instructions (verdict 'limit'). */
  readonly maxInstructions?: bigint;
  /** RAM size in bytes at 0x8000_0000 (default 128 MiB). */
  readonly ramBytes?: number;
  /** Retired instructions per timebase tick (default 100: 1 GHz at CPI 1, 10 MHz timebase). */
  readonly instructionsPerTick?: number;
  /** Most virtual time, in ticks, harts may drift apart (default 10 000 = 1 ms). */
  readonly quantumTicks?: number;
  /** Instructions per slice (default: 10 000 deterministic, 1 000 000 parallel). */
  readonly sliceInstructions?: number;
  /** Bytes the UART receives (readable through RBR). */
  readonly input?: Uint8Array;
  /** Console bytes (UART and HTIF) as the program writes them. */
  readonly onOutput?: (bytes: Uint8Array) => void;
}

export type Verdict = 'pass' | 'fail' | 'limit' | 'deadlock' | 'error';

export interface RunElfResult {
  readonly verdict: Verdict;
  /** The process exit status: 0 pass, 1 tohost failure, the finisher's code, 2 otherwise. */
  readonly exitCode: number;
  /** One line for the user when the run did not pass, e.g. `FAIL: test 3`. */
  readonly message: string | undefined;
  /** Everything the program wrote to the console. */
  readonly output: string;
  readonly harts: HartRunStats[];
  readonly wallMs: number;
}

export const DEFAULT_RAM_BYTES = 128 * 1024 * 1024;

export async function runElf(options: RunElfOptions): Promise<RunElfResult> {
  const started = performance.now();
  const image = parseElf(options.elf);
  const config: MachineConfig = {
    harts: options.harts ?? 1,
    ramBytes: options.ramBytes ?? DEFAULT_RAM_BYTES,
    instructionsPerTick: options.instructionsPerTick ?? 100,
  };
  const machine = MachineMemory.create(config);
  const chunks: Uint8Array[] = [];
  const onOutput = (bytes: Uint8Array) => {
    chunks.push(bytes);
    options.onOutput?.(bytes);
  };
  const quantum = BigInt(options.quantumTicks ?? 10_000);
  const deterministic = options.deterministic ?? false;
  const setup: Omit<BareMetalSetup, 'controlBuffer' | 'deviceBuffer'> = {
    memory: machine.memory,
    config,
    quantum,
    sliceInstructions: options.sliceInstructions ?? (deterministic ? 10_000 : 1_000_000),
    maxInstructions: options.maxInstructions,
    entry: image.entry,
    tohost: image.symbols.get('tohost'),
    fromhost: image.symbols.get('fromhost'),
  };
  let totals: HartRunStats[] = [];
  // A finisher reset write reboots the machine: the image is reloaded, devices and harts
  // are reset, and the rest of RAM keeps its contents.
  for (;;) {
    const control = RunControl.create(config.harts, quantum);
    const boot = { ...setup, controlBuffer: control.buffer, deviceBuffer: SharedWords.create(virtPlatformWords(config.harts)).buffer };
    loadElfSegments(image, machine, RAM_BASE, config.ramBytes);
    const platform = createVirtPlatform(new SharedWords(boot.deviceBuffer), new MachineLines(machine, control), () => {}, () => {});
    platform.aclint.reset();
    if (options.input) platform.uart.receive(options.input);
    // A single hart has nothing to run in parallel with: it runs on this thread, which
    // saves starting a worker.
    const { stats, error } = deterministic || config.harts === 1
      ? await runOnThisThread(boot, onOutput)
      : await runParallel(boot, control, onOutput);
    totals = totals.length === 0 ? stats : totals.map((t, h) => hartStats(h, BigInt(t.instructions + stats[h]!.instructions), t.wallMs + stats[h]!.wallMs));
    const stop = control.stopInfo();
    if (stop.kind === StopKind.Reset) continue;
    const output = Buffer.concat(chunks).toString('utf8');
    return { ...verdictOf(stop, error, options.maxInstructions), output, harts: totals, wallMs: performance.now() - started };
  }
}

async function runOnThisThread(setup: BareMetalSetup, onOutput: (bytes: Uint8Array) => void): Promise<{ stats: HartRunStats[]; error: string | undefined }> {
  const loops = await createHartLoops(setup, Array.from({ length: setup.config.harts }, (_, i) => i), onOutput);
  const stats = runDeterministic(loops);
  return { stats, error: loops.find((loop) => loop.errorMessage)?.errorMessage };
}

function verdictOf(stop: StopInfo, error: string | undefined, limit: bigint | undefined): Pick<RunElfResult, 'verdict' | 'exitCode' | 'message'> {
  switch (stop.kind) {
    case StopKind.Pass:
      return { verdict: 'pass', exitCode: 0, message: undefined };
    case StopKind.Fail:
      return { verdict: 'fail', exitCode: 1, message: `FAIL: test ${stop.code}` };
    case StopKind.FinisherFail:
      return { verdict: 'fail', exitCode: stop.code === 0 ? 1 : stop.code, message: `FAIL: exit code ${stop.code}` };
    case StopKind.Limit:
      return { verdict: 'limit', exitCode: 2, message: `instruction limit reached: hart ${stop.hart} retired ${limit} instructions` };
    case StopKind.Deadlock:
      return { verdict: 'deadlock', exitCode: 2, message: 'deadlock: every hart waits in WFI with no timer armed and nothing to wake it' };
    default:
      return { verdict: 'error', exitCode: 2, message: error ?? 'the run ended without a verdict' };
  }
}
