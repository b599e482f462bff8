#!/usr/bin/env node
// Xenstore requests per second from a guest over its ring: the xs-client guest (mode=bench,
// built dist/ and guests/build/xs-client.elf) reads one node `ops` times, then writes it
// `ops` times, one request in flight as a xenbus driver issues them; each request is a
// ring write, an event-channel send (the guest's slow-path hypercall, which runs xenstored
// on the main thread), the reply in the ring and the guest's wait for it. Wall time is
// measured between the guest's start and result lines as they reach the console; the
// guest also reports virtual ns per request. The reference, measured in the same run:
// the same requests from dom0 over xenstored's unix socket (libxenstore's way, one in
// flight). There is no target in DESIGN for this path; the ratio to the socket is shown.
//
//   node bench/xenbus.mjs [--ops N] [--modes deterministic,parallel] [--json FILE]
import { writeFileSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { option } from './support/option.mjs';

const dist = new URL('../dist/', import.meta.url);
const { bootHost } = await import(new URL('toolstack/host.js', dist));
const { buildDomain } = await import(new URL('toolstack/domain-builder/build-domain.js', dist));
const { parseXlCfg } = await import(new URL('toolstack/xlcfg/parse-xl-cfg.js', dist));
const { SocketServer } = await import(new URL('xenstore/socket-server.js', dist));
const { XenstoreClient } = await import(new URL('xenstore/client.js', dist));

const ops = Number(option('--ops', '20000'));
const modes = option('--modes', 'deterministic,parallel').split(',');
const jsonFile = option('--json', undefined);
if (!Number.isInteger(ops) || ops < 1 || modes.some((m) => m !== 'deterministic' && m !== 'parallel')) {
  process.stderr.write('usage: node bench/xenbus.mjs [--ops N] [--modes deterministic,parallel] [--json FILE]\n');
  process.exit(2);
}

const OPS = ['read', 'write'];

/** Boots a host, runs xs-client's bench in `mode`, returns its lines stamped on arrival and the host. */
async function runGuest(mode) {
  const keepAlive = setInterval(() => {}, 1000); // the hart workers are unref'd
  const lines = [];
  const host = await bootHost({
    nrCpus: 2, ramBytes: 256 * 2 ** 20, timebaseHz: 10_000_000, scheduler: 'credit2', commandLine: '',
    dom0MemoryBytes: 16 * 2 ** 20, dom0Vcpus: 1, execution: { mode },
    console: (text) => {
      const at = performance.now();
      for (const line of text.split('\n')) {
        const m = /^\(d\d+\) bench: (.*)$/.exec(line);
        if (m) lines.push({ at, text: m[1] });
      }
    },
  });
  const elf = readFileSync(new URL('../guests/build/xs-client.elf', import.meta.url));
  const { spec } = parseXlCfg(`name = "xs-bench"\nkernel = "xs-client.elf"\nmemory = 1\nextra = "mode=bench ops=${ops}"\n`);
  const { domid } = await buildDomain(host, spec, { path: 'xs-client.elf', bytes: elf });
  const domain = host.hv.domain(domid);
  await host.harts.runUntil(() => domain.state !== 'running', mode === 'parallel' ? 600_000 : 1_000_000_000);
  if (domain.state !== 'shutdown') throw new Error(`${mode}: the guest did not finish (state ${domain.state})`);
  await host.harts.stop();
  clearInterval(keepAlive);
  return { lines, host, domid };
}

const RESULT = /^(\w+): (\d+) ops, (\d+) ns per op$/;
function guestLoop(lines, op) {
  const start = lines.find((l) => l.text === `${op}: start`);
  const end = lines.map((l) => ({ ...l, m: RESULT.exec(l.text) })).find((l) => l.m?.[1] === op);
  if (start === undefined || end === undefined) throw new Error(`no result for ${op}: ${lines.map((l) => l.text).join('; ')}`);
  return { ops: Number(end.m[2]), opsPerSecond: Number(end.m[2]) / ((end.at - start.at) / 1000), virtualNs: Number(end.m[3]) };
}

/** The same requests from dom0 over xenstored's unix socket, one in flight. */
async function socketReference(host, domid) {
  const dir = mkdtempSync(join(tmpdir(), 'xenbus-bench-'));
  const path = join(dir, 'xenstored.sock');
  const server = new SocketServer(host.xenstored);
  await server.listen(path);
  const socket = connect(path);
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const client = new XenstoreClient((bytes) => socket.write(bytes));
  socket.on('data', (chunk) => client.receive(chunk));
  const node = `/local/domain/${domid}/data/bench`;
  const requests = { read: () => client.read(node), write: () => client.write(node, '0123456789abcdef') };
  const result = {};
  for (const op of OPS) {
    for (let k = 0; k < 1000; k++) await requests[op]();
    const start = performance.now();
    for (let k = 0; k < ops; k++) await requests[op]();
    result[op] = ops / ((performance.now() - start) / 1000);
  }
  socket.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

const rows = [];
for (const mode of modes) {
  process.stderr.write(`running ${mode}...\n`);
  const { lines, host, domid } = await runGuest(mode);
  const reference = await socketReference(host, domid);
  for (const op of OPS) {
    const guest = guestLoop(lines, op);
    rows.push({
      mode, op, ops: guest.ops, guestOpsPerSecond: guest.opsPerSecond, guestVirtualNsPerOp: guest.virtualNs,
      socketOpsPerSecond: reference[op], ratioToSocket: guest.opsPerSecond / reference[op],
    });
  }
  host.shutdown();
}

const json = JSON.stringify({ benchmark: 'xenbus', ops, rows }, null, 2);
process.stdout.write(`${json}\n\n`);
if (jsonFile !== undefined) writeFileSync(jsonFile, `${json}\n`);
const fmt = (n) => `${Math.round(n).toLocaleString('en-US')}/s`;
process.stdout.write(`${'mode'.padEnd(14)} ${'op'.padEnd(6)} ${'guest ring'.padStart(12)} ${'dom0 socket'.padStart(12)} ${'ratio'.padStart(7)} ${'virtual/op'.padStart(11)}\n`);
for (const r of rows) {
  process.stdout.write(
    `${r.mode.padEnd(14)} ${r.op.padEnd(6)} ${fmt(r.guestOpsPerSecond).padStart(12)} ${fmt(r.socketOpsPerSecond).padStart(12)} ` +
      `${`${r.ratioToSocket.toFixed(2)}x`.padStart(7)} ${`${r.guestVirtualNsPerOp} ns`.padStart(11)}\n`,
  );
}
process.stdout.write('(guest ring: xs-client over its xenstore ring; dom0 socket: the same requests over the unix socket, same run; ratio = ring / socket)\n');
