#!/usr/bin/env node
// Hypercall dispatch speed (built dist/): a fast-path call from a domU (xen_version,
// vcpu_op is_up), slow-path calls through dom0's privcmd (domctl getdomaininfo, sysctl
// physinfo), `xl info`, and boot to the dom0 prompt. Each is compared with its target
// (DESIGN and issue 3): fast ≤ 1 µs, slow ≤ 40 µs, xl info ≤ 100 ms, boot ≤ 1.5 s.
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/', import.meta.url);
const { bootHost } = await import(new URL('toolstack/host.js', dist));
const { runXl } = await import(new URL('toolstack/xl/xl.js', dist));
const { collectOutput } = await import(new URL('toolstack/xl/output.js', dist));

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
const xlStart = performance.now();
const runs = 20;
for (let i = 0; i < runs; i++) await runXl(host, ['info'], collectOutput());
rows.push({ name: 'xl info (in the booted host)', us: ((performance.now() - xlStart) * 1000) / runs, targetUs: 100_000 });

const cli = fileURLToPath(new URL('../bin/xenrv.js', import.meta.url));
const bootStart = performance.now();
spawnSync(process.execPath, [cli, 'boot'], { input: '', encoding: 'utf8' });
rows.push({ name: 'xenrv boot to prompt (new process, default host)', us: (performance.now() - bootStart) * 1000, targetUs: 1_500_000 });

for (const row of rows) row.ratioToTarget = row.us / row.targetUs;
process.stdout.write(`${JSON.stringify({ benchmark: 'hypercall', rows }, null, 2)}\n\n`);
for (const row of rows) {
  process.stdout.write(`${row.name.padEnd(50)} ${row.us.toFixed(3).padStart(12)} µs   target ${String(row.targetUs).padStart(8)} µs   ${(row.ratioToTarget * 100).toFixed(1)}% of target\n`);
}
host.shutdown();
