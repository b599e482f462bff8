#!/usr/bin/env node
// bench/xenstore: our xenstored against Debian's C xenstored, in the same run.
// Builds the peers' xs-bench (libxenstore throughput benchmark) into a temp
// dir, starts both daemons, and runs every test with 1, 2 and 4 clients on
// each. Runs alternate between the daemons (C, ours, ours, C, ...) so machine
// noise hits both alike; each figure is the median. Also measures resident
// memory per 100k nodes for both. Prints a table and JSON (--json FILE too).
//
//   node bench/xenstore.mjs [--ops N] [--repeats R] [--clients 1,2,4] [--tests a,b] [--json FILE]
//
// Needs `npm run build` (our daemon runs from dist/), gcc, libxen-dev and the
// reference peers in ../shared/peers relative to the project root.
/* global Buffer, setTimeout */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const peers = resolve(root, '../shared/peers');
const TESTS = ['write-new', 'write', 'read', 'read-2k', 'dir', 'dir-100', 'mkdir-rm', 'getperms', 'txn', 'txn-empty', 'watch', 'read-pipe', 'write-pipe'];

function parseArgs(argv) {
  const options = { ops: 20000, repeats: 5, clients: [1, 2, 4], tests: TESTS, json: undefined, memoryNodes: 100000 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--ops') options.ops = Number(value);
    else if (flag === '--repeats') options.repeats = Number(value);
    else if (flag === '--clients') options.clients = value.split(',').map(Number);
    else if (flag === '--tests') options.tests = value.split(',');
    else if (flag === '--json') options.json = value;
    else if (flag === '--memory-nodes') options.memoryNodes = Number(value);
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

function fail(message) {
  process.stderr.write(`bench/xenstore: ${message}\n`);
  process.exit(2);
}

function buildXsBench(dir) {
  const out = join(dir, 'xs-bench');
  execFileSync('gcc', ['-O2', '-Wall', '-o', out, join(peers, 'xs-bench.c'), '-lxenstore', '-lpthread'], { stdio: 'inherit' });
  return out;
}

async function startOurs(socket) {
  // --expose-gc lets CONTROL memreport collect garbage first, so it reports live bytes.
  const child = spawn(process.execPath, ['--expose-gc', join(root, 'bin/xenrv.js'), 'xenstored', '--socket', socket], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise((resolvePromise, reject) => {
    let text = '';
    child.stderr.on('data', (chunk) => {
      text += chunk;
      if (text.includes('listening on')) resolvePromise();
    });
    child.once('exit', (code) => reject(new Error(`our xenstored exited (${code}): ${text}`)));
  });
  return { name: 'ours', socket, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

function startC(socket) {
  const script = join(peers, 'xenstored-real.sh');
  const pid = Number(execFileSync(script, [socket], { env: { ...process.env, XS_NO_APT: '1' } }).toString().trim());
  return { name: 'c', socket, pid, stop: () => execFileSync(script, ['--stop', socket], { stdio: 'ignore' }) };
}

/** One xs-bench run (-r 1): ops per second. */
function runXsBench(bin, daemon, test, clients, ops) {
  const out = execFileSync(bin, ['-s', daemon.socket, '-n', String(ops), '-c', String(clients), '-r', '1', '-t', test]).toString();
  const match = /ops_per_s=(\d+)/.exec(out);
  if (!match) throw new Error(`xs-bench ${test}: unexpected output ${out}`);
  return Number(match[1]);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function rssKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

/** Pipelined raw requests (64 in flight) on one connection; resolves with the reply payloads. */
function pipelined(socketPath, requests) {
  return new Promise((resolvePromise, reject) => {
    const socket = connect(socketPath);
    let sent = 0;
    let answered = 0;
    let pending = Buffer.alloc(0);
    const replies = [];
    const frame = ([type, payload]) => {
      const body = Buffer.from(payload, 'latin1');
      const header = Buffer.alloc(16);
      header.writeUInt32LE(type, 0);
      header.writeUInt32LE(body.length, 12);
      return Buffer.concat([header, body]);
    };
    const pump = () => {
      const batch = [];
      while (sent < requests.length && sent - answered < 64) batch.push(frame(requests[sent++]));
      if (batch.length) socket.write(Buffer.concat(batch));
    };
    socket.on('connect', pump);
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 16 && pending.length >= 16 + pending.readUInt32LE(12)) {
        const body = pending.subarray(16, 16 + pending.readUInt32LE(12)).toString('latin1');
        if (pending.readUInt32LE(0) === 16) reject(new Error(`error reply: ${body}`));
        replies.push(body);
        pending = pending.subarray(16 + pending.readUInt32LE(12));
        answered++;
      }
      if (answered === requests.length) {
        socket.end();
        resolvePromise(replies);
      } else pump();
    });
  });
}

/** Our daemon's live heap after a collection, from CONTROL memreport. */
async function liveHeap(daemon) {
  const [report] = await pipelined(daemon.socket, [[0, 'memreport\0']]);
  return Number(/heap used: (\d+)/.exec(report)[1]);
}

/**
 * Memory growth of a daemon while it holds `count` nodes of 8 bytes: resident
 * size for both, and for ours also the live heap (RSS of a garbage-collected
 * process includes not-yet-collected garbage).
 */
async function memoryPerNodes(daemon, count) {
  const writes = Array.from({ length: count }, (_, i) => [11, `/memory/${Math.floor(i / 100)}/${i % 100}\0value-8b`]);
  await pipelined(daemon.socket, [[13, '/memory\0']]);
  const heapBefore = daemon.name === 'ours' ? await liveHeap(daemon) : undefined;
  const before = rssKiB(daemon.pid);
  await pipelined(daemon.socket, writes);
  const heapAfter = daemon.name === 'ours' ? await liveHeap(daemon) : undefined;
  await new Promise((r) => setTimeout(r, 200));
  const after = rssKiB(daemon.pid);
  await pipelined(daemon.socket, [[13, '/memory\0']]);
  const result = { nodes: count, rssBeforeKiB: before, rssAfterKiB: after, rssPerNodeBytes: Math.round(((after - before) * 1024) / count) };
  if (heapBefore !== undefined) result.liveHeapPerNodeBytes = Math.round((heapAfter - heapBefore) / count);
  return result;
}

function table(rows) {
  const header = ['test', 'clients', 'C ops/s', 'ours ops/s', 'ratio'];
  const lines = rows.map((r) => [r.test, String(r.clients), String(r.c), String(r.ours), r.ratio.toFixed(2)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(join(peers, 'xenstored-real.sh'))) fail(`reference peers not found in ${peers}`);
  if (!existsSync(join(root, 'dist/cli/main.js'))) fail('dist/ is missing: run npm run build');
  const dir = mkdtempSync(join(tmpdir(), 'xs-bench-'));
  const daemons = [];
  try {
    const bin = buildXsBench(dir);
    daemons.push(startC(join(dir, 'c.sock')), await startOurs(join(dir, 'ours.sock')));
    // Memory first, on fresh daemons: later runs leave freed space that a delta would hide.
    const memory = {};
    for (const daemon of daemons) memory[daemon.name] = await memoryPerNodes(daemon, options.memoryNodes);
    // Warm-up: both daemons see every test once before anything is measured (JIT for ours).
    for (const daemon of daemons) for (const test of options.tests) runXsBench(bin, daemon, test, 1, Math.min(options.ops, 5000));

    const rows = [];
    for (const clients of options.clients) {
      for (const test of options.tests) {
        const rates = { c: [], ours: [] };
        for (let rep = 0; rep < options.repeats; rep++) {
          const order = rep % 2 === 0 ? daemons : [...daemons].reverse();
          for (const daemon of order) rates[daemon.name].push(runXsBench(bin, daemon, test, clients, options.ops));
        }
        const row = { test, clients, c: median(rates.c), ours: median(rates.ours), runs: rates };
        row.ratio = row.ours / row.c;
        rows.push(row);
        process.stderr.write(`${test} x${clients}: C ${row.c}, ours ${row.ours} (${row.ratio.toFixed(2)}x)\n`);
      }
    }

    const result = { benchmark: 'xenstore', unit: 'ops/s', ops: options.ops, repeats: options.repeats, rows, memory };
    process.stdout.write(`${table(rows)}\n\n`);
    for (const [name, m] of Object.entries(memory)) {
      const live = m.liveHeapPerNodeBytes === undefined ? '' : `, ${m.liveHeapPerNodeBytes} bytes/node live heap`;
      process.stdout.write(`memory ${name}: ${m.rssPerNodeBytes} bytes/node resident (+${m.rssAfterKiB - m.rssBeforeKiB} KiB for ${m.nodes} nodes)${live}\n`);
    }
    process.stdout.write(`\n${JSON.stringify(result)}\n`);
    if (options.json) writeFileSync(options.json, JSON.stringify(result, null, 2));
  } finally {
    for (const daemon of daemons) daemon.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => fail(error.stack ?? String(error)));
