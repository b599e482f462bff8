#!/usr/bin/env node
// Does a flood of guest xenstore traffic stall hypercalls? The host runs xenstored on its
// main thread, where the harts' slow-path hypercalls are served too. On the default-sized
// host (4 harts, parallel mode), hcbench on hart 0 times its slow-path loop
// (memory_op current_reservation) and its fast-path loop (xen_version) in wall time, first
// alone (the reference, same run), then while `--flooders` xs-client guests on the other
// harts keep one xenbus request in flight each, as fast as xenstored answers. Reported: ns
// per call quiet and flooded, their ratio, the xenstore requests served meanwhile and the
// main thread's event-loop delay.
//
//   node bench/xenstore-flood.mjs [--flooders N] [--calls N] [--json FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { option } from './support/option.mjs';

const dist = new URL('../dist/', import.meta.url);
const { bootHost } = await import(new URL('toolstack/host.js', dist));
const { buildDomain } = await import(new URL('toolstack/domain-builder/build-domain.js', dist));
const { parseXlCfg } = await import(new URL('toolstack/xlcfg/parse-xl-cfg.js', dist));

const flooders = Number(option('--flooders', '3'));
const calls = Number(option('--calls', '20000'));
const jsonFile = option('--json', undefined);
if (!Number.isInteger(flooders) || flooders < 1 || flooders > 3 || !Number.isInteger(calls) || calls < 1) {
  process.stderr.write('usage: node bench/xenstore-flood.mjs [--flooders 1..3] [--calls N] [--json FILE]\n');
  process.exit(2);
}

const LOOPS = ['memory_op current_reservation', 'xen_version version'];
const RESULT = /^(.+): (\d+) calls, ([\d.]+) ns and (\d+) instructions per call$/;
const image = (name) => ({ path: `${name}.elf`, bytes: readFileSync(new URL(`../guests/build/${name}.elf`, import.meta.url)) });

/** One host: the flooders (if any) start first and run until hcbench is done. */
async function run(withFlood) {
  const keepAlive = setInterval(() => {}, 1000); // the hart workers are unref'd
  const lines = [];
  const floodStarted = new Set();
  const host = await bootHost({
    nrCpus: 4, ramBytes: 512 * 2 ** 20, timebaseHz: 10_000_000, scheduler: 'credit2', commandLine: '',
    dom0MemoryBytes: 64 * 2 ** 20, dom0Vcpus: 1, execution: { mode: 'parallel' },
    console: (text) => {
      const at = performance.now();
      for (const line of text.split('\n')) {
        const m = /^\(d(\d+)\) bench: (.*)$/.exec(line);
        if (m === null) continue;
        if (m[2] === 'read: start') floodStarted.add(Number(m[1]));
        lines.push({ at, domid: Number(m[1]), text: m[2] });
      }
    },
  });
  host.harts.runInBackground();
  const build = async (name, cfg, kernel) => {
    const { spec } = parseXlCfg(`name = "${name}"\nkernel = "${kernel.path}"\nmemory = 1\n${cfg}`);
    return (await buildDomain(host, spec, kernel)).domid;
  };
  const flood = [];
  if (withFlood) {
    for (let i = 0; i < flooders; i++) flood.push(await build(`flood-${i}`, `cpus = "${i + 1}"\nextra = "mode=bench ops=100000000"\n`, image('xs-client')));
    while (floodStarted.size < flooders) await sleep(5);
  }
  // Requests xenstored handles, counted at its one entry point.
  let requests = 0;
  const handle = host.xenstored.handle.bind(host.xenstored);
  host.xenstored.handle = (conn, frame) => {
    requests++;
    handle(conn, frame);
  };
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  const domid = await build('hcbench', `cpus = "0"\nextra = "calls=${calls}"\n`, image('hcbench'));
  const domain = host.hv.domain(domid);
  while (domain.state === 'running') await sleep(5);
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  await host.harts.stop();
  host.shutdown();
  clearInterval(keepAlive);
  const loops = Object.fromEntries(LOOPS.map((name) => {
    const mine = lines.filter((l) => l.domid === domid);
    const start = mine.find((l) => l.text === `${name}: start`);
    const end = mine.map((l) => ({ ...l, m: RESULT.exec(l.text) })).find((l) => l.m?.[1] === name);
    if (start === undefined || end === undefined) throw new Error(`hcbench gave no result for ${name}`);
    return [name, ((end.at - start.at) * 1e6) / Number(end.m[2])];
  }));
  return {
    loops, seconds, servedPerSecond: requests / seconds,
    loopDelayMs: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
  };
}

const quiet = await run(false);
const flooded = await run(true);
const rows = LOOPS.map((name) => ({ call: name, quietNs: quiet.loops[name], floodedNs: flooded.loops[name], ratio: flooded.loops[name] / quiet.loops[name] }));
const result = { benchmark: 'xenstore-flood', host: '4 harts, parallel', flooders, calls, rows, quiet, flooded };
const json = JSON.stringify(result, null, 2);
process.stdout.write(`${json}\n\n`);
if (jsonFile !== undefined) writeFileSync(jsonFile, `${json}\n`);
process.stdout.write(`${'hcbench loop on hart 0'.padEnd(34)} ${'quiet'.padStart(10)} ${`${flooders} flooders`.padStart(12)} ${'ratio'.padStart(7)}\n`);
for (const r of rows) process.stdout.write(`${r.call.padEnd(34)} ${`${r.quietNs.toFixed(0)} ns`.padStart(10)} ${`${r.floodedNs.toFixed(0)} ns`.padStart(12)} ${`${r.ratio.toFixed(2)}x`.padStart(7)}\n`);
for (const [label, r] of [['quiet', quiet], ['flooded', flooded]]) {
  process.stdout.write(`${label}: main-thread event-loop delay p50 ${r.loopDelayMs.p50.toFixed(2)} ms, p99 ${r.loopDelayMs.p99.toFixed(2)} ms, max ${r.loopDelayMs.max.toFixed(2)} ms; xenstore requests served ${r.servedPerSecond.toFixed(0)}/s\n`);
}
