#!/usr/bin/env node
// bench/xenstore-actor: does a flood of xenstore traffic stall the host's main
// thread? Guests (in a separate worker, as hart workers would be) keep 32
// requests in flight on each of 8 rings for a few seconds; their event-channel
// kicks reach the main thread as messages, as they would through the
// EventChannels actor. xenstored runs either on the main thread (in-process
// actor) or in its own worker. Reported: main-thread event-loop delay
// (p50/p99/max, monitorEventLoopDelay) and requests served per second, next to
// the idle main thread's delay as the reference.
//
//   node bench/xenstore-actor.mjs [--seconds S] [--guests N]     (needs npm run build)
/* global Buffer, setTimeout */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const dist = new URL('../dist/xenstore/', import.meta.url);
const { XenstoredActor } = await import(new URL('actor.js', dist).href);
const { XenstoredWorker } = await import(new URL('worker-host.js', dist).href);
const { RingClient } = await import(new URL('ring-client.js', dist).href);
const { XenstoreRingPage } = await import(new URL('ring-page.js', dist).href);
const { XenstoreClient } = await import(new URL('client.js', dist).href);

const DEPTH = 32;

/** Worker side: the guests. Each keeps DEPTH READs of its own node in flight. */
function runGuests() {
  const { pages } = workerData;
  let served = 0;
  const guests = pages.map((page, i) => {
    const domid = i + 1;
    const ring = new RingClient(new XenstoreRingPage(page), () => parentPort.postMessage({ kind: 'event', domid }));
    const loop = async () => {
      for (;;) {
        await ring.client.read(`/local/domain/${domid}/data`);
        served++;
      }
    };
    return { ring, loop };
  });
  parentPort.on('message', (message) => {
    if (message.kind === 'notify') guests[message.domid - 1].ring.onEvent();
    if (message.kind === 'start') for (const g of guests) for (let k = 0; k < DEPTH; k++) g.loop();
    if (message.kind === 'count') parentPort.postMessage({ kind: 'count', served });
  });
}

function parseArgs(argv) {
  const options = { seconds: 3, guests: 8 };
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--seconds') options.seconds = Number(argv[i + 1]);
    else if (argv[i] === '--guests') options.guests = Number(argv[i + 1]);
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return options;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function delays(histogram) {
  const ms = (ns) => Number((ns / 1e6).toFixed(2));
  return { p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) };
}

/** One run: xenstored placed by `start`, the guests flooding for `seconds`. */
async function measure(placement, start, options) {
  const pages = Array.from({ length: options.guests }, () => new Uint8Array(new SharedArrayBuffer(4096)));
  const guests = new Worker(new URL(import.meta.url), { workerData: { pages } });
  let dom0;
  const daemon = start((message) => {
    if (message.kind === 'data') dom0.receive(Buffer.from(message.bytes));
    if (message.kind === 'notify') guests.postMessage(message);
  });
  dom0 = new XenstoreClient((bytes) => daemon.receive({ kind: 'data', conn: 1, bytes }));
  daemon.receive({ kind: 'open', conn: 1, domid: 0 });
  guests.on('message', (message) => {
    if (message.kind === 'event') daemon.receive(message);
  });
  for (const [i, page] of pages.entries()) {
    const domid = i + 1;
    daemon.receive({ kind: 'guest-ring', domid, gfn: BigInt(domid), page });
    await dom0.mkdir(`/local/domain/${domid}`);
    await dom0.setPerms(`/local/domain/${domid}`, [`n${domid}`]);
    await dom0.write(`/local/domain/${domid}/data`, 'x'.repeat(64));
    await dom0.introduce(domid, domid, 100 + domid);
  }
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  guests.postMessage({ kind: 'start' });
  await sleep(300); // ramp up
  histogram.enable();
  const served0 = await count(guests);
  await sleep(options.seconds * 1000);
  const served1 = await count(guests);
  histogram.disable();
  await guests.terminate();
  await daemon.terminate?.();
  return { placement, requestsPerSecond: Math.round((served1 - served0) / options.seconds), mainThreadDelay: delays(histogram) };
}

function count(worker) {
  return new Promise((resolve) => {
    const onMessage = (message) => {
      if (message.kind !== 'count') return;
      worker.off('message', onMessage);
      resolve(message.served);
    };
    worker.on('message', onMessage);
    worker.postMessage({ kind: 'count' });
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const idle = monitorEventLoopDelay({ resolution: 1 });
  idle.enable();
  await sleep(1000);
  idle.disable();
  const runs = [
    { placement: 'idle main thread (reference)', requestsPerSecond: 0, mainThreadDelay: delays(idle) },
    await measure('xenstored on the main thread', (post) => new XenstoredActor(post, { log: () => {} }), options),
    await measure('xenstored in a worker', (post) => new XenstoredWorker(post), options),
  ];
  const rows = runs.map((r) => [r.placement, String(r.requestsPerSecond), String(r.mainThreadDelay.p50Ms), String(r.mainThreadDelay.p99Ms), String(r.mainThreadDelay.maxMs)]);
  const header = ['placement', 'req/s', 'loop delay p50 ms', 'p99 ms', 'max ms'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n\n`);
  process.stdout.write(`${JSON.stringify({ benchmark: 'xenstore-actor', guests: options.guests, depth: DEPTH, seconds: options.seconds, runs })}\n`);
}

if (isMainThread) await main();
else runGuests();
