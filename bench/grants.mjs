#!/usr/bin/env node
// Grant-table speed from a real guest (built dist/, guests/build/grant-share.elf) on the
// data plane's harts: a granter domain lends 16 pages to a copier domain, which copies
// them page by page with GNTTABOP_copy (4 KiB per copy; one run per batch size: that many
// copies per hypercall, 1 being the worst case, 64 and 256 what backends batch), then maps
// and unmaps a grant in a loop. Reported in wall time (the guest's
// "bench: <name>: start" and result lines, stamped when they reach the main thread) and
// in the guest's virtual time. References measured in this run: the same copy batches and
// map+unmap pairs dispatched directly for the copier (no hart round trip), and a plain
// copyWithin of 4 KiB chunks of machine RAM (the memcpy ceiling). Targets (issue 6):
// copy >= 1000 MB/s; map+unmap has none. Prints JSON (also written to --json FILE) and a table.
//
//   node bench/grants.mjs [--copies N] [--batches 1,64,256] [--maps M] [--mode parallel|deterministic] [--json FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { option } from './support/option.mjs';

const dist = new URL('../dist/', import.meta.url);
const { bootHost } = await import(new URL('toolstack/host.js', dist));
const { buildDomain } = await import(new URL('toolstack/domain-builder/build-domain.js', dist));
const { parseXlCfg } = await import(new URL('toolstack/xlcfg/parse-xl-cfg.js', dist));
const { gnttabCopy, gnttabMapGrantRef, gnttabUnmapGrantRef, GNTTABOP, GNTCOPY, GNTMAP } = await import(new URL('hypervisor/abi/decl/grant-table.js', dist));
const { XEN_DOMCTL } = await import(new URL('hypervisor/abi/decl/domctl.js', dist));

const copies = Number(option('--copies', '65536'));
const batches = option('--batches', '1,64,256').split(',').map(Number);
const maps = Number(option('--maps', '20000'));
const mode = option('--mode', 'parallel');
const jsonFile = option('--json', undefined);
if (![copies, maps, ...batches].every((n) => Number.isInteger(n) && n > 0) || batches.some((b) => b > 256) || batches.length > 8 || !['parallel', 'deterministic'].includes(mode)) {
  process.stderr.write('usage: node bench/grants.mjs [--copies N] [--batches B,... (1..256, at most 8)] [--maps M] [--mode parallel|deterministic] [--json FILE]\n');
  process.exit(2);
}

const PAGE = 4096;
const BENCH_PAGES = 16;
const FIRST_REF = 8;
const MB = 1e6;
const GRANT_TABLE_OP = 20;
const elf = readFileSync(new URL('../guests/build/grant-share.elf', import.meta.url));

// The hart workers are unref'd: something must keep this script's event loop alive.
const keepAlive = setInterval(() => {}, 1000);
const lines = [];
const host = await bootHost({
  nrCpus: 2, ramBytes: 256 * 2 ** 20, timebaseHz: 10_000_000, scheduler: 'credit2', commandLine: '',
  dom0MemoryBytes: 16 * 2 ** 20, dom0Vcpus: 1, execution: { mode },
  console: (text) => {
    const at = performance.now();
    for (const line of text.split('\n')) {
      const m = /^\(d(\d+)\) bench: (.*)$/.exec(line);
      if (m !== null) lines.push({ at, text: m[2] });
    }
  },
});

/** A paused grant-share domain with `bootargs`, pinned to its own hart. */
async function build(name, bootargs, cpu) {
  const { spec } = parseXlCfg(`name = "${name}"\nkernel = "grant-share.elf"\nmemory = 2\ncpus = "${cpu}"\nextra = "${bootargs}"\n`);
  const { domid } = await buildDomain(host, spec, { path: 'grant-share.elf', bytes: elf }, { paused: true });
  return host.hv.domain(domid);
}

// The copier first; the toolstack introduces the granter (the next domain id) to it by an offered port.
const copier = await build('copier', `role=bench-copier copies=${copies} batches=${batches.join(',')} maps=${maps}`, 1);
const granterDomid = copier.domid + 1;
host.xc.evtchnAllocUnbound(copier.domid, granterDomid);
const granter = await build('granter', `role=bench-granter peer=${copier.domid}`, 0);
if (granter.domid !== granterDomid) throw new Error(`the granter is d${granter.domid}, introduced as d${granterDomid}`);
await host.harts.runUntil(() => true, 60_000); // hart workers up before anything is timed
for (const domain of [copier, granter]) host.xc.domctl(XEN_DOMCTL.unpausedomain, domain.domid, {});
const limit = mode === 'parallel' ? 900_000 : 1e9;
await host.harts.runUntil(() => copier.state !== 'running' && granter.state !== 'running', limit);
if (copier.state !== 'shutdown' || copier.lifecycle.shutdownCode !== 0) throw new Error(`the copier did not finish cleanly (${copier.state})`);
await host.harts.stop();
clearInterval(keepAlive);

const RESULT = /^(.+): (\d+) (bytes|pairs) in (\d+) ns, (\d+) instructions, (\d+) errors$/;
function guestLoop(name) {
  const start = lines.find((l) => l.text === `${name}: start`);
  const end = lines.map((l) => ({ ...l, m: RESULT.exec(l.text) })).find((l) => l.m?.[1] === name);
  if (start === undefined || end === undefined) throw new Error(`no result for ${name}`);
  if (end.m[6] !== '0') throw new Error(`${name}: ${end.m[6]} errors`);
  return { count: Number(end.m[2]), wallS: (end.at - start.at) / 1000, virtualS: Number(end.m[4]) / 1e9, instructions: Number(end.m[5]) };
}

// References: the copier's vCPU calls the dispatcher directly with the same operations,
// laid out in the copier's last RAM page (the granter's grants are still in place).
const vcpu = copier.vcpus[0];
const opsGpa = 0x8000_0000 + 2 * 2 ** 20 - 3 * PAGE; // room for 256 operations
const destGfn = 0x8000_0000 / PAGE + 256;
function directCopyMBps(batch) {
  const ops = new Uint8Array(batch * gnttabCopy.size);
  for (let k = 0; k < batch; k++) {
    ops.set(gnttabCopy.encode({
      source: { u: { gmfn: BigInt(FIRST_REF + (k % BENCH_PAGES)) }, domid: granter.domid, offset: 0 },
      dest: { u: { gmfn: BigInt(destGfn + (k % BENCH_PAGES)) }, domid: 0x7ff0, offset: 0 }, len: PAGE, flags: GNTCOPY.source_gref, status: 0,
    }), k * gnttabCopy.size);
  }
  copier.memory.write(opsGpa, ops);
  const calls = Math.ceil(copies / batch);
  const start = performance.now();
  for (let i = 0; i < calls; i++) if (host.hv.dispatch(vcpu, GRANT_TABLE_OP, GNTTABOP.copy, opsGpa, batch) !== 0) throw new Error('direct copy failed');
  if (copier.memory.readU16(opsGpa + gnttabCopy.offsetOf('status')) !== 0) throw new Error('direct copy status');
  return (calls * batch * PAGE) / MB / ((performance.now() - start) / 1000);
}
function directMapsPerS() {
  const hostAddr = BigInt(destGfn + BENCH_PAGES) * BigInt(PAGE);
  const start = performance.now();
  for (let k = 0; k < maps; k++) {
    copier.memory.write(opsGpa, gnttabMapGrantRef.encode({ host_addr: hostAddr, flags: GNTMAP.host_map, ref: FIRST_REF + (k % BENCH_PAGES), dom: granter.domid, status: 0, handle: 0, dev_bus_addr: 0n }));
    host.hv.dispatch(vcpu, GRANT_TABLE_OP, GNTTABOP.map_grant_ref, opsGpa, 1);
    const map = gnttabMapGrantRef.decode(copier.memory.read(opsGpa, gnttabMapGrantRef.size));
    if (map.status !== 0) throw new Error(`direct map: ${map.status}`);
    copier.memory.write(opsGpa, gnttabUnmapGrantRef.encode({ host_addr: hostAddr, dev_bus_addr: 0n, handle: map.handle, status: 0 }));
    host.hv.dispatch(vcpu, GRANT_TABLE_OP, GNTTABOP.unmap_grant_ref, opsGpa, 1);
  }
  return maps / ((performance.now() - start) / 1000);
}
function memcpyMBps() {
  const ram = host.hv.ram.bytes;
  const chunks = Math.min(copies, 65536);
  const start = performance.now();
  for (let i = 0; i < chunks; i++) ram.copyWithin(PAGE * (i % 64), PAGE * (64 + (i % 64)), PAGE * (65 + (i % 64)));
  return (chunks * PAGE) / MB / ((performance.now() - start) / 1000);
}

const mapUnmap = guestLoop('map+unmap');
// The granter revoked its grants when the copier let go: the references need them back.
for (let i = 0; i <= BENCH_PAGES; i++) granter.memory.writeU16(0x3800_0000 + (FIRST_REF + i) * 8, 1);
const rows = [];
for (const batch of batches) {
  const copy = guestLoop(`copy x${batch}`);
  rows.push({
    name: `GNTTABOP_copy, 4 KiB per copy, ${batch} per call`, unit: 'MB/s', guestWall: copy.count / MB / copy.wallS,
    guestVirtual: copy.count / MB / copy.virtualS, directDispatch: directCopyMBps(batch), memcpy: memcpyMBps(), target: 1000,
    count: copy.count / PAGE, instructionsPerOp: copy.instructions / (copy.count / PAGE),
  });
}
rows.push({
  name: 'map_grant_ref + unmap_grant_ref pairs', unit: 'pairs/s', guestWall: mapUnmap.count / mapUnmap.wallS,
  guestVirtual: mapUnmap.count / mapUnmap.virtualS, directDispatch: directMapsPerS(), memcpy: undefined, target: undefined,
  count: mapUnmap.count, instructionsPerOp: mapUnmap.instructions / mapUnmap.count,
});
for (const row of rows) {
  row.ratioToDirect = row.guestWall / row.directDispatch;
  if (row.target !== undefined) row.ratioToTarget = row.guestWall / row.target;
}
const json = JSON.stringify({ benchmark: 'grants', mode, copies, batches, maps, rows }, null, 2);
process.stdout.write(`${json}\n\n`);
if (jsonFile !== undefined) writeFileSync(jsonFile, `${json}\n`);
const fmt = (v) => (v === undefined ? '-' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
process.stdout.write(`${'operation'.padEnd(46)} ${'unit'.padEnd(8)} ${'guest wall'.padStart(11)} ${'direct'.padStart(10)} ${'memcpy'.padStart(9)} ${'target'.padStart(7)} ${'of target'.padStart(9)} ${'virtual'.padStart(10)} ${'instr/op'.padStart(9)}\n`);
for (const r of rows) {
  process.stdout.write(
    `${r.name.padEnd(46)} ${r.unit.padEnd(8)} ${fmt(r.guestWall).padStart(11)} ${fmt(r.directDispatch).padStart(10)} ${fmt(r.memcpy).padStart(9)} ` +
    `${fmt(r.target).padStart(7)} ${(r.ratioToTarget === undefined ? '-' : `${(r.ratioToTarget * 100).toFixed(0)}%`).padStart(9)} ${fmt(r.guestVirtual).padStart(10)} ${r.instructionsPerOp.toFixed(0).padStart(9)}\n`,
  );
}
process.stdout.write(`(${mode} mode; guest wall = from the guest's start line to its result line; direct = the same operations dispatched on the main thread; memcpy = copyWithin of 4 KiB chunks)\n`);
host.shutdown();
