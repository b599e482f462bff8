#!/usr/bin/env node
// Hypercall dispatch speed (built dist/): a fast-path call from a domU (xen_version,
// vcpu_op is_up), slow-path calls through dom0's privcmd (domctl getdomaininfo, sysctl
// physinfo), `xl info`, and boot to the dom0 prompt. Each is compared with its target
// (DESIGN and issue 3): fast ≤ 1 µs, slow ≤ 40 µs, xl info ≤ 100 ms, boot ≤ 1.5 s.
// Data-plane rows: a domU (bench/hypercall/loop.S) looping on one hypercall on the harts,
// in parallel mode (hart workers; a slow call is a round trip to the main thread) and in
// deterministic mode (all harts on the main thread), in wall time per call against the
// same call dispatched directly, measured above in this run, with the guest instructions
// each call took (the loop's own and, for calls a hart serves, none of the hypervisor's).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/', import.meta.url);
const { bootHost } = await import(new URL('toolstack/host.js', dist));
const { runXl } = await import(new URL('toolstack/xl/xl.js', dist));
const { collectOutput } = await import(new URL('toolstack/xl/output.js', dist));
const { buildDomain } = await import(new URL('toolstack/domain-builder/build-domain.js', dist));
const { parseXlCfg } = await import(new URL('toolstack/xlcfg/parse-xl-cfg.js', dist));
const { parseElf } = await import(new URL('harts/elf.js', dist));

const host = await bootHost({ nrCpus: 4, ramBytes: 2 ** 31, timebaseHz: 10_000_000, scheduler: 'credit2', commandLine: '', dom0MemoryBytes: 512 * 2 ** 20, dom0Vcpus: 1 });
const domU = host.hv.createDomain({ ssidref: 0, handle: new Uint8Array(16), flags: 3, maxVcpus: 1, maxEvtchnPort: 0, maxGrantFrames: 1, maxMaptrackFrames: 1, cpupool: 0 });
const vcpu = domU.vcpus[0];

function perCall(iterations, body) {
  for (let i = 0; i < Math.min(iterations, 2000); i++) body();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) body();
  return ((performance.now() - start) * 1000) / iterations; // µs
}

const rows = [];
rows.push({ name: 'fast: xen_version(version), domU', us: perCall(200_000, () => host.hv.dispatch(vcpu, 17, 0, 0)), targetUs: 1 });
rows.push({ name: 'fast: vcpu_op(is_up), domU', us: perCall(200_000, () => host.hv.dispatch(vcpu, 24, 3, 0, 0)), targetUs: 1 });
rows.push({ name: 'slow: domctl getdomaininfo via privcmd', us: perCall(20_000, () => host.xc.domainGetinfo(0)), targetUs: 40 });
rows.push({ name: 'slow: sysctl physinfo via privcmd', us: perCall(20_000, () => host.xc.physinfo()), targetUs: 40 });
const loopElf = readFileSync(new URL('hypercall/build/loop.elf', import.meta.url));
const loopSymbols = parseElf(loopElf).symbols;

/**
 * Wall µs per call of a guest making `nr(a1, a2)` `calls` times on the harts in `mode`,
 * and of the same call dispatched directly for the same (paused) domain.
 */
async function guestLoop(mode, calls, nr, a1, a2) {
  const h = await bootHost({
    nrCpus: 2, ramBytes: 64 * 2 ** 20, timebaseHz: 10_000_000, scheduler: 'credit2', commandLine: '',
    dom0MemoryBytes: 16 * 2 ** 20, dom0Vcpus: 1, execution: { mode },
  });
  const { spec } = parseXlCfg('name = "loop"\nkernel = "loop.elf"\nmemory = 1\n');
  const { domid } = await buildDomain(h, spec, { path: 'loop.elf', bytes: loopElf }, { paused: true });
  const domain = h.hv.domain(domid);
  const params = new Uint8Array(32);
  const view = new DataView(params.buffer);
  const arg2 = a2 === 'domid' ? Number(loopSymbols.get('domid')) : a2;
  [calls, nr, a1, arg2].forEach((v, i) => view.setBigUint64(i * 8, BigInt(v), true));
  domain.memory.write(Number(loopSymbols.get('params')), params);
  const referenceUs = perCall(20_000, () => h.hv.dispatch(domain.vcpus[0], nr, a1, arg2));
  await h.harts.runUntil(() => true, 60_000); // the hart workers are up: their start-up is not a call's cost
  const start = performance.now();
  h.xc.domctl(XEN_DOMCTL_UNPAUSEDOMAIN, domain.domid, {});
  await h.harts.runUntil(() => domain.state !== 'running', mode === 'deterministic' ? 1e9 : 600_000);
  const us = ((performance.now() - start) * 1000) / calls;
  if (domain.state !== 'shutdown') throw new Error(`the ${mode} guest loop did not finish`);
  const guestInstructionsPerCall = h.harts.dataPlane.instructions(domain.vcpus[0]) / calls;
  h.shutdown();
  return { us, targetUs: nr === 17 ? 1 : 40, referenceUs, guestInstructionsPerCall };
}

const XEN_DOMCTL_UNPAUSEDOMAIN = 4;
for (const mode of ['parallel', 'deterministic']) {
  rows.push({ name: `fast: xen_version loop, guest on harts, ${mode}`, ...await guestLoop(mode, 400_000, 17, 0, 0) });
  rows.push({ name: `slow: memory_op current_reservation loop, ${mode}`, ...await guestLoop(mode, mode === 'parallel' ? 20_000 : 100_000, 12, 3, 'domid') });
}

const xlStart = performance.now();
const runs = 20;
for (let i = 0; i < runs; i++) await runXl(host, ['info'], collectOutput());
rows.push({ name: 'xl info (in the booted host)', us: ((performance.now() - xlStart) * 1000) / runs, targetUs: 100_000 });

const cli = fileURLToPath(new URL('../bin/xenrv.js', import.meta.url));
const bootStart = performance.now();
spawnSync(process.execPath, [cli, 'boot'], { input: '', encoding: 'utf8' });
rows.push({ name: 'xenrv boot to prompt (new process, default host)', us: (performance.now() - bootStart) * 1000, targetUs: 1_500_000 });

for (const row of rows) {
  row.ratioToTarget = row.us / row.targetUs;
  if (row.referenceUs !== undefined) row.ratioToDirectDispatch = row.us / row.referenceUs;
}
process.stdout.write(`${JSON.stringify({ benchmark: 'hypercall', rows }, null, 2)}\n\n`);
for (const row of rows) {
  const reference = row.referenceUs === undefined ? '' : `   ${row.ratioToDirectDispatch.toFixed(1)}× direct dispatch (${row.referenceUs.toFixed(3)} µs), ${row.guestInstructionsPerCall.toFixed(1)} guest instructions per call`;
  process.stdout.write(`${row.name.padEnd(56)} ${row.us.toFixed(3).padStart(12)} µs   target ${String(row.targetUs).padStart(8)} µs   ${(row.ratioToTarget * 100).toFixed(1)}% of target${reference}\n`);
}
host.shutdown();
