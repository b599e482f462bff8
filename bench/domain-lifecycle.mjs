#!/usr/bin/env node
// Domain lifecycle on the default `xenrv boot` host (4 harts, hart workers, 2 GiB), through
// the toolstack a user drives (xl create / xl destroy from the config file guests/hello):
//  1. create -> first console output -> destroy of a 64 MiB 1-vCPU guest, wall time per
//     cycle (target: 50 ms);
//  2. 100 guests created back to back, every one reaching its console output (and powering
//     off: on_poweroff=destroy gives back its memory), wall time for the lot.
// Prints JSON (also written to --json FILE) and a table with the ratio to the target.
//
//   node bench/domain-lifecycle.mjs [--cycles N] [--guests N] [--json FILE]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { option } from './support/option.mjs';

const dist = new URL('../dist/', import.meta.url);
const { bootHost } = await import(new URL('toolstack/host.js', dist));
const { BOOT_DEFAULTS, bootOptionsFrom } = await import(new URL('cli/boot.js', dist));
const { runXl } = await import(new URL('toolstack/xl/xl.js', dist));
const { collectOutput } = await import(new URL('toolstack/xl/output.js', dist));

const cycles = Number(option('--cycles', '20'));
const guests = Number(option('--guests', '100'));
const jsonFile = option('--json', undefined);

const kernel = fileURLToPath(new URL('../guests/build/hello.elf', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'xenrv-lifecycle-'));
function config(name, memoryMiB) {
  const path = join(scratch, `${name}.cfg`);
  writeFileSync(path, `name = "${name}"\nkernel = "${kernel}"\nmemory = ${memoryMiB}\non_poweroff = "destroy"\n`);
  return path;
}

// The hart workers are unref'd: something must keep this script's event loop alive.
const keepAlive = setInterval(() => {}, 1000);
/** Domain id -> when its first console output reached dom0 (performance.now()). */
const firstOutput = new Map();
const waiters = new Map();
const host = await bootHost({ ...bootOptionsFrom(BOOT_DEFAULTS, (text) => {
  const at = performance.now();
  for (const match of text.matchAll(/^\(d(\d+)\) /gm)) {
    const domid = Number(match[1]);
    if (firstOutput.has(domid)) continue;
    firstOutput.set(domid, at);
    waiters.get(domid)?.();
  }
}), execution: { mode: 'parallel' } });
host.harts.runInBackground();

async function xl(...argv) {
  const output = collectOutput();
  const code = await runXl(host, argv, output);
  if (code !== 0) throw new Error(`xl ${argv.join(' ')}: ${output.stderr}`);
  return output;
}

async function domidOf(name) {
  return Number((await xl('domid', name)).stdout.trim());
}

function outputOf(domid) {
  if (firstOutput.has(domid)) return Promise.resolve();
  return new Promise((resolve) => waiters.set(domid, resolve));
}

// 1. create -> first output -> destroy, one guest at a time.
const big = config('big', 64);
const cycleMs = [];
for (let i = 0; i < cycles + 2; i++) {
  const start = performance.now();
  await xl('create', '-p', big);
  const domid = await domidOf('big');
  await xl('unpause', 'big');
  await outputOf(domid);
  await xl('destroy', 'big');
  if (i >= 2) cycleMs.push(performance.now() - start); // the first two warm the JIT up
}
cycleMs.sort((a, b) => a - b);
const median = cycleMs[Math.floor(cycleMs.length / 2)];
const p90 = cycleMs[Math.floor(cycleMs.length * 0.9)];

// 2. guests created back to back, then every one reaching its output.
const small = Array.from({ length: guests }, (_, i) => config(`hello-${i}`, 1));
const burstStart = performance.now();
const domids = [];
for (let i = 0; i < guests; i++) {
  await xl('create', small[i]);
  domids.push(await domidOf(`hello-${i}`));
}
const createdMs = performance.now() - burstStart;
await Promise.all(domids.map(outputOf));
const burstMs = performance.now() - burstStart;
const reached = domids.filter((domid) => firstOutput.has(domid)).length;

const rows = [
  { name: 'create -> first output -> destroy, 64 MiB 1 vCPU (median)', ms: median, targetMs: 50 },
  { name: 'create -> first output -> destroy, 64 MiB 1 vCPU (p90)', ms: p90, targetMs: 50 },
  { name: `${guests} guests created back to back (xl create only)`, ms: createdMs },
  { name: `${guests} guests created, all reached their output (${reached}/${guests})`, ms: burstMs },
];
const result = { benchmark: 'domain-lifecycle', host: '4 harts, parallel, 2 GiB (xenrv boot defaults)', cycles, guests, reached, rows };
const json = JSON.stringify(result, null, 2);
process.stdout.write(`${json}\n\n`);
if (jsonFile !== undefined) writeFileSync(jsonFile, `${json}\n`);
for (const row of rows) {
  const target = row.targetMs === undefined ? '' : `   target ${row.targetMs} ms   ${((row.ms / row.targetMs) * 100).toFixed(0)}% of target`;
  process.stdout.write(`${row.name.padEnd(66)} ${row.ms.toFixed(1).padStart(9)} ms${target}\n`);
}
await host.harts.stop();
host.shutdown();
clearInterval(keepAlive);
if (reached !== guests) process.exitCode = 1;
