#!/usr/bin/env node
// Hypercalls driven by a real guest (built dist/, guests/build/hcbench.elf) at VS on the
// data plane's harts: each call is an ecall exit, the exit handler and the dispatcher. For
// a fast-path call (xen_version version), a slow-path one (memory_op
// current_reservation) and sched_op yield, it reports ns per call in wall time and, from
// the guest, in virtual time and guest instructions; the reference, measured in the same
// run, is the dispatcher called directly (as bench/hypercall.mjs does), and the targets
// are DESIGN's: fast path ≤ 1 µs, slow path ≤ 40 µs.
//
//   node bench/hypercall-guest.mjs [--calls N]   (default 50000 per loop)
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const dist = new URL('../dist/', import.meta.url);
const { bootHost } = await import(new URL('toolstack/host.js', dist));
const { buildDomain } = await import(new URL('toolstack/domain-builder/build-domain.js', dist));
const { parseXlCfg } = await import(new URL('toolstack/xlcfg/parse-xl-cfg.js', dist));

const i = process.argv.indexOf('--calls');
const calls = i > 0 ? Number(process.argv[i + 1]) : 50_000;
if (!Number.isInteger(calls) || calls < 1) {
  process.stderr.write('usage: node bench/hypercall-guest.mjs [--calls N]\n');
  process.exit(2);
}

/** What each guest loop is, how to call it directly, and its target. */
const LOOPS = [
  { name: 'xen_version version', path: 'fast', targetUs: 1, direct: (hv, vcpu) => hv.dispatch(vcpu, 17, 0, 0) },
  { name: 'memory_op current_reservation', path: 'slow', targetUs: 40, direct: (hv, vcpu, domidGpa) => hv.dispatch(vcpu, 12, 3, domidGpa) },
  { name: 'sched_op yield', path: 'fast', targetUs: 1, direct: (hv, vcpu) => hv.dispatch(vcpu, 29, 0, 0) },
];

/**
 * Boots a host, runs the guest to its end in `mode` and returns its bench lines, each
 * stamped when its console write reached the main thread.
 */
async function runGuest(mode) {
  // The hart workers are unref'd: something must keep this script's event loop alive.
  const keepAlive = setInterval(() => {}, 1000);
  const lines = [];
  const host = await bootHost({
    nrCpus: 2, ramBytes: 256 * 2 ** 20, timebaseHz: 10_000_000, scheduler: 'credit2', commandLine: '',
    dom0MemoryBytes: 16 * 2 ** 20, dom0Vcpus: 1,
    execution: { mode },
    console: (text) => {
      const at = performance.now();
      for (const line of text.split('\n')) if (line.startsWith('(d1) bench: ')) lines.push({ at, text: line.slice('(d1) bench: '.length) });
    },
  });
  const elf = readFileSync(new URL('../guests/build/hcbench.elf', import.meta.url));
  // Without calls= in its boot arguments the guest runs its default number of calls, which it reports.
  const { spec } = parseXlCfg('name = "hcbench"\nkernel = "hcbench.elf"\nmemory = 1\n');
  const { domid } = await buildDomain(host, spec, { path: 'hcbench.elf', bytes: elf });
  const domain = host.hv.domain(domid);
  await host.harts.runUntil(() => domain.state !== 'running', mode === 'parallel' ? 600_000 : 100_000_000);
  if (domain.state !== 'shutdown') throw new Error(`${mode}: the guest did not finish (state ${domain.state})`);
  await host.harts?.stop();
  clearInterval(keepAlive);
  return { lines, host, domain };
}

const RESULT = /^(.+): (\d+) calls, ([\d.]+) ns and (\d+) instructions per call$/;
function guestLoop(lines, name) {
  const start = lines.find((l) => l.text === `${name}: start`);
  const end = lines.map((l) => ({ ...l, m: RESULT.exec(l.text) })).find((l) => l.m?.[1] === name);
  if (start === undefined || end === undefined) throw new Error(`no result for ${name}`);
  const n = Number(end.m[2]);
  return { calls: n, wallNs: ((end.at - start.at) * 1e6) / n, virtualNs: Number(end.m[3]), instructions: Number(end.m[4]) };
}

// The reference: the same calls straight into the dispatcher, on a guest's domain.
const MODES = [
  { mode: 'deterministic', label: 'data plane, deterministic' },
  { mode: 'parallel', label: 'data plane, parallel (hart workers)' },
];
const runs = [];
for (const m of MODES) {
  process.stderr.write(`running ${m.label}...\n`);
  runs.push({ ...m, ...(await runGuest(m.mode)) });
}
const { host, domain } = runs[0];
const vcpu = domain.vcpus[0];
const domidGpa = 0x8000_0000 + 1024 * 1024 - 8;
domain.memory.writeU16(domidGpa, 0x7ff0);
function directNs(call) {
  for (let k = 0; k < 2000; k++) call(host.hv, vcpu, domidGpa);
  const start = performance.now();
  for (let k = 0; k < calls; k++) call(host.hv, vcpu, domidGpa);
  return ((performance.now() - start) * 1e6) / calls;
}

const reference = new Map(LOOPS.map((loop) => [loop.name, directNs(loop.direct)]));
const rows = [];
for (const run of runs) {
  const empty = guestLoop(run.lines, 'empty loop');
  for (const loop of LOOPS) {
    const guest = guestLoop(run.lines, loop.name);
    const direct = reference.get(loop.name);
    rows.push({
      mode: run.label, name: loop.name, path: loop.path, calls: guest.calls,
      guestWallNs: guest.wallNs, directDispatchNs: direct, ratioToDirect: guest.wallNs / direct,
      targetNs: loop.targetUs * 1000, ratioToTarget: guest.wallNs / (loop.targetUs * 1000),
      virtualNs: guest.virtualNs, guestInstructions: guest.instructions, emptyLoopInstructions: empty.instructions,
    });
  }
}

process.stdout.write(`${JSON.stringify({ benchmark: 'hypercall-guest', rows }, null, 2)}\n\n`);
process.stdout.write(`${'mode'.padEnd(36)} ${'call'.padEnd(32)} ${'path'.padEnd(5)} ${'guest wall'.padStart(12)} ${'dispatch'.padStart(10)} ${'ratio'.padStart(7)} ${'target'.padStart(8)} ${'virtual'.padStart(9)} ${'instr'.padStart(6)}\n`);
for (const r of rows) {
  process.stdout.write(
    `${r.mode.padEnd(36)} ${r.name.padEnd(32)} ${r.path.padEnd(5)} ${`${r.guestWallNs.toFixed(0)} ns`.padStart(12)} ${`${r.directDispatchNs.toFixed(0)} ns`.padStart(10)} ` +
    `${`${r.ratioToDirect.toFixed(1)}x`.padStart(7)} ${`${(r.ratioToTarget * 100).toFixed(0)}%`.padStart(8)} ${`${r.virtualNs} ns`.padStart(9)} ${String(r.guestInstructions).padStart(6)}\n`,
  );
}
process.stdout.write(`(empty loop: ${rows[0].emptyLoopInstructions} instructions per iteration; ratio = guest wall / direct dispatch; target = guest wall / DESIGN target)\n`);
for (const run of runs) run.host.shutdown();
