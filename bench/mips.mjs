#!/usr/bin/env node
// bench/mips: guest instructions per second of xenrv's harts against QEMU TCG
// (`qemu-system-riscv64 -machine virt`), in the same run, on the bare-metal kernels in
// bench/mips/*.S. Each engine runs each kernel at two iteration counts (patched into a copy
// of the ELF through its `bench_iterations` symbol); the difference in wall time over the
// difference in instructions cancels start-up on both. Instruction counts come from xenrv's
// exact per-hart counts, fitted as a + b * iterations, which also gives QEMU's counts.
// QEMU's iteration counts are calibrated so its two runs differ by about a second.
// Also: a 2-hart aggregate row and the wall time of `xenrv run-elf` on an 8-instruction
// program. Prints a table and JSON (--json FILE writes it too).
//
//   node bench/mips.mjs [--runs R] [--scale S] [--kernels a,b] [--json FILE]
//
// Needs `npm run build` (xenrv runs from dist/) and qemu-system-riscv64.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const kernelDir = join(root, 'bench/mips/build');
const KERNELS = ['int_loop', 'compressed', 'memcpy', 'branchy', 'sv39_chase', 'guest_2stage'];
// Instructions in xenrv's first measured run (the second does twice as many iterations),
// and the wall time QEMU's two runs should differ by (QEMU's speed varies 100-fold between
// kernels, so its iteration count is calibrated).
const XENRV_TARGET = 40e6;
const QEMU_TARGET_MS = 800;

function parseArgs(argv) {
  const options = { runs: 3, scale: 1, kernels: KERNELS, json: undefined };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--runs') options.runs = Number(value);
    else if (flag === '--scale') options.scale = Number(value);
    else if (flag === '--kernels') options.kernels = value.split(',');
    else if (flag === '--json') options.json = value;
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

function fail(message) {
  process.stderr.write(`bench/mips: ${message}\n`);
  process.exit(1);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A copy of `elf` with the 64-bit words at the given symbols replaced. */
function patched(parseElf, elf, values) {
  const bytes = new Uint8Array(elf);
  const image = parseElf(bytes);
  for (const [name, value] of Object.entries(values)) {
    const address = image.symbols.get(name);
    if (address === undefined) fail(`kernel has no symbol ${name}`);
    const segment = image.segments.find((s) => address >= s.paddr && address + 8n <= s.paddr + BigInt(s.data.length));
    if (!segment) fail(`symbol ${name} is not in a loaded segment`);
    const view = new DataView(segment.data.buffer, segment.data.byteOffset, segment.data.byteLength);
    view.setBigUint64(Number(address - segment.paddr), BigInt(value), true);
  }
  return bytes;
}

async function onXenrv(runElf, elf, harts) {
  const result = await runElf({ elf, harts });
  if (result.verdict !== 'pass') fail(`xenrv: ${result.message ?? result.verdict}`);
  const instructions = result.harts.reduce((sum, h) => sum + h.instructions, 0);
  return { instructions, ms: result.wallMs };
}

function onQemu(path, harts) {
  const args = ['-machine', 'virt', '-cpu', 'rv64,h=true', '-smp', String(harts), '-bios', 'none'];
  args.push('-display', 'none', '-serial', 'none', '-monitor', 'none', '-kernel', path);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = execFile('qemu-system-riscv64', args, { timeout: 300_000 }, (error) => {
      if (error) fail(`qemu on ${path}: ${error.message}`);
      resolve(performance.now() - started);
    });
    child.stdin?.end();
  });
}

/** Measures one kernel on both engines; returns MIPS for each. */
async function measure({ runElf, parseElf }, name, harts, options, scratch) {
  const elf = readFileSync(join(kernelDir, `${name}.elf`));
  const at = (iterations) => patched(parseElf, elf, { bench_iterations: iterations, bench_harts: harts });
  // Instructions per hart as a + b * iterations, from two short one-hart xenrv runs (exact
  // counts). With several harts the useful work is harts times that: a hart waiting for the
  // others spins, and those instructions are not counted on either engine.
  const one = (iterations) => patched(parseElf, elf, { bench_iterations: iterations, bench_harts: 1 });
  const small = await onXenrv(runElf, one(1000), 1);
  const double = await onXenrv(runElf, one(2000), 1);
  const perIteration = (double.instructions - small.instructions) / 1000;
  const fixed = small.instructions - perIteration * 1000;
  const count = (iterations) => harts * (fixed + perIteration * iterations);

  const xenrvIterations = Math.max(1000, Math.round((XENRV_TARGET * options.scale) / perIteration));
  const qemuFiles = (iterations) =>
    [1, 2].map((k) => {
      const path = join(scratch, `${name}-${harts}-${k}.elf`);
      writeFileSync(path, at(iterations * k));
      return path;
    });
  let qemuIterations = Math.max(1000, Math.round(1e6 / perIteration));
  for (;;) {
    const [a, b] = qemuFiles(qemuIterations);
    const extra = (await onQemu(b, harts)) - (await onQemu(a, harts));
    if (extra > QEMU_TARGET_MS / 4) {
      qemuIterations = Math.max(1000, Math.round((qemuIterations * QEMU_TARGET_MS * options.scale) / extra));
      break;
    }
    qemuIterations *= 8;
  }
  const files = qemuFiles(qemuIterations);
  const xenrvRates = [];
  const qemuRates = [];
  for (let run = 0; run < options.runs; run++) {
    // Alternate the engines so machine noise hits both alike.
    const x1 = await onXenrv(runElf, at(xenrvIterations), harts);
    const x2 = await onXenrv(runElf, at(xenrvIterations * 2), harts);
    xenrvRates.push((count(xenrvIterations * 2) - count(xenrvIterations)) / (x2.ms - x1.ms) / 1000);
    // A machine hiccup can make the longer run the faster one: measure that pair again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const q1 = await onQemu(files[0], harts);
      const q2 = await onQemu(files[1], harts);
      if (q2 <= q1) continue;
      qemuRates.push((count(qemuIterations * 2) - count(qemuIterations)) / (q2 - q1) / 1000);
      break;
    }
  }
  if (qemuRates.length === 0) fail(`${name}: QEMU timings too noisy (longer runs were not slower)`);
  const xenrv = median(xenrvRates);
  const qemu = median(qemuRates);
  return { kernel: name, harts, instructionsPerIteration: perIteration, xenrvMips: xenrv, qemuMips: qemu, ratio: xenrv / qemu };
}

/** Median wall time of `xenrv run-elf` (a new node process) and of QEMU on the tiny program. */
async function startup(options) {
  const tiny = join(kernelDir, 'tiny.elf');
  const xenrv = [];
  const qemu = [];
  for (let run = 0; run < Math.max(options.runs, 3); run++) {
    const started = performance.now();
    execFileSync(process.execPath, [join(root, 'bin/xenrv.js'), 'run-elf', tiny], { stdio: 'ignore' });
    xenrv.push(performance.now() - started);
    qemu.push(await onQemu(tiny, 1));
  }
  return { program: 'tiny (8 instructions)', xenrvRunElfMs: median(xenrv), qemuMs: median(qemu) };
}

function table(result) {
  const lines = [
    'kernel          harts  instr/iter   xenrv MIPS    QEMU MIPS   xenrv/QEMU',
    ...result.kernels.map((k) =>
      [
        k.kernel.padEnd(14),
        String(k.harts).padStart(6),
        k.instructionsPerIteration.toFixed(1).padStart(11),
        k.xenrvMips.toFixed(1).padStart(12),
        k.qemuMips.toFixed(1).padStart(12),
        k.ratio.toFixed(3).padStart(12),
      ].join(' '),
    ),
    '',
    `start-up, ${result.startup.program}: xenrv run-elf ${result.startup.xenrvRunElfMs.toFixed(0)} ms, QEMU ${result.startup.qemuMs.toFixed(0)} ms`,
  ];
  return `${lines.join('\n')}\n`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  let engine;
  try {
    const { runElf } = await import('../dist/harts/run-elf.js');
    const { parseElf } = await import('../dist/harts/elf.js');
    engine = { runElf, parseElf };
  } catch {
    fail('xenrv is not built: run `npm run build` first');
  }
  try {
    execFileSync('qemu-system-riscv64', ['--version'], { stdio: 'ignore' });
  } catch {
    fail('qemu-system-riscv64 is not installed (Debian: qemu-system-misc)');
  }
  const scratch = mkdtempSync(join(tmpdir(), 'xenrv-mips-'));
  try {
    const kernels = [];
    for (const name of options.kernels) {
      process.stderr.write(`bench/mips: ${name}\n`);
      kernels.push(await measure(engine, name, 1, options, scratch));
    }
    process.stderr.write('bench/mips: int_loop on 2 harts\n');
    kernels.push(await measure(engine, 'int_loop', 2, options, scratch));
    const result = {
      benchmark: 'mips',
      reference: 'qemu-system-riscv64 -machine virt (TCG)',
      runs: options.runs,
      kernels,
      startup: await startup(options),
    };
    process.stdout.write(table(result));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (options.json) writeFileSync(options.json, JSON.stringify(result, null, 2));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
