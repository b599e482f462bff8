#!/usr/bin/env node
// Event-channel ping-pong (built dist/ and guests/build/pingpong.elf): two domains bound
// interdomain bounce one event back and forth `count` times, one in flight. Rows: both
// domains on one hart, and on two harts in parallel mode, with each side blocking for
// the next event (SCHEDOP_block: the hart polls a while for the event, as KVM's halt
// polling does, then the main thread's scheduler parks the vCPU until a kick wakes it)
// and with each side spinning for it first in the guest (evtchn_set_spin). Sends are
// served on the harts (DESIGN §1). Wall round trips per second are timed between
// ping's start and result lines as they reach the console; latency is ping's own, in
// virtual time. Target (issue 6): >= 30 000 round trips per wall second across two harts
// in parallel mode.
//
//   node bench/evtchn.mjs [--count N] [--spin-us N] [--json FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { option } from './support/option.mjs';

const dist = new URL('../dist/', import.meta.url);
const { bootHost } = await import(new URL('toolstack/host.js', dist));
const { buildDomain } = await import(new URL('toolstack/domain-builder/build-domain.js', dist));
const { parseXlCfg } = await import(new URL('toolstack/xlcfg/parse-xl-cfg.js', dist));

const count = Number(option('--count', '50000'));
const spinUs = Number(option('--spin-us', '20'));
const jsonFile = option('--json', undefined);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(spinUs) || spinUs < 1) {
  process.stderr.write('usage: node bench/evtchn.mjs [--count N] [--spin-us N (>= 1)] [--json FILE]\n');
  process.exit(2);
}

const TARGET_PER_SECOND = 30_000;
const XEN_DOMCTL_UNPAUSEDOMAIN = 4;
const elf = readFileSync(new URL('../guests/build/pingpong.elf', import.meta.url));

async function build(host, name, cpu, bootargs) {
  const cfg = `name = "${name}"\nkernel = "pingpong.elf"\nmemory = 1\ncpus = "${cpu}"\nextra = "${bootargs}"\n`;
  const { domid } = await buildDomain(host, parseXlCfg(cfg, { file: `${name}.cfg` }).spec, { path: 'pingpong.elf', bytes: elf }, { paused: true });
  return host.hv.domain(domid);
}

/** One ping-pong run: both domains on `harts` harts in `mode`, each spinning `spin` µs for the next event. */
async function run({ mode, harts, spin }) {
  let started;
  let finished;
  let text = '';
  const host = await bootHost({
    nrCpus: harts, ramBytes: 64 * 2 ** 20, timebaseHz: 10_000_000, scheduler: 'credit2', commandLine: '',
    dom0MemoryBytes: 16 * 2 ** 20, dom0Vcpus: 1, execution: { mode },
    console: (chunk) => {
      text += chunk;
      if (started === undefined && text.includes('round trips\n')) started = performance.now();
      if (finished === undefined && text.includes('round trip ns:')) finished = performance.now();
    },
  });
  const args = `count=${count} spin_us=${spin}`;
  const pong = await build(host, 'pong', 0, `role=pong ${args}`);
  const port = host.xc.evtchnAllocUnbound(pong.domid, pong.domid + 1);
  const ping = await build(host, 'ping', harts - 1, `role=ping peer=${pong.domid} port=${port} ${args}`);
  if (ping.domid !== pong.domid + 1) throw new Error(`ping is d${ping.domid}, its port was offered to d${pong.domid + 1}`);
  await host.harts.runUntil(() => true, 60_000); // the hart workers are up: their start-up is not a round trip's cost
  for (const domain of [pong, ping]) host.xc.domctl(XEN_DOMCTL_UNPAUSEDOMAIN, domain.domid, {});
  const done = () => ping.state !== 'running' && pong.state !== 'running';
  await host.harts.runUntil(done, mode === 'deterministic' ? 1e9 : 900_000);
  const lines = text.split('\n');
  const latency = /round trip ns: p50 (\d+) p90 (\d+) p99 (\d+) max (\d+)/.exec(text);
  const replies = new RegExp(`ping received ${count} replies`).test(text) && new RegExp(`pong received ${count} events`).test(text);
  const slowCalls = host.harts.dataPlane.requests.call;
  host.shutdown();
  if (!done() || latency === null || !replies || started === undefined || finished === undefined) {
    throw new Error(`the ${mode} ping-pong on ${harts} hart(s) did not complete:\n${lines.slice(-8).join('\n')}`);
  }
  const [p50, p90, p99, max] = latency.slice(1).map(Number);
  const perSecond = count / ((finished - started) / 1000);
  return { roundTripsPerSecond: perSecond, p50Ns: p50, p90Ns: p90, p99Ns: p99, maxNs: max, slowPathCallsPerRoundTrip: slowCalls / count };
}

const cases = [
  { name: 'one hart, blocking, deterministic', mode: 'deterministic', harts: 1, spin: 0 },
  { name: 'one hart, blocking, parallel', mode: 'parallel', harts: 1, spin: 0 },
  { name: 'two harts, blocking, parallel', mode: 'parallel', harts: 2, spin: 0, target: TARGET_PER_SECOND },
  { name: `two harts, spinning ${spinUs} us, parallel`, mode: 'parallel', harts: 2, spin: spinUs, target: TARGET_PER_SECOND },
];
const rows = [];
for (const c of cases) {
  const result = await run(c);
  const row = { name: c.name, mode: c.mode, harts: c.harts, spinUs: c.spin, ...result };
  if (c.target !== undefined) Object.assign(row, { targetPerSecond: c.target, ratioToTarget: result.roundTripsPerSecond / c.target });
  rows.push(row);
}

const json = JSON.stringify({ benchmark: 'evtchn', count, rows }, null, 2);
process.stdout.write(`${json}\n\n`);
if (jsonFile !== undefined) writeFileSync(jsonFile, `${json}\n`);
for (const row of rows) {
  const target = row.targetPerSecond === undefined ? '' : `   target ${row.targetPerSecond}/s: ${(row.ratioToTarget * 100).toFixed(0)}%`;
  process.stdout.write(
    `${row.name.padEnd(40)} ${row.roundTripsPerSecond.toFixed(0).padStart(8)} round trips/s   virtual ns p50 ${String(row.p50Ns).padStart(6)} p90 ${String(row.p90Ns).padStart(7)} p99 ${String(row.p99Ns).padStart(7)}   ${row.slowPathCallsPerRoundTrip.toFixed(2)} slow calls/round trip${target}\n`,
  );
}
