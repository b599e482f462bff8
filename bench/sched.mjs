#!/usr/bin/env node
// Scheduling decisions per wall second: 16 cpuburn domains × 2 vCPUs (made by `xl create`
// from guests/cpuburn/cpuburn.cfg, burning for longer than the run) on 4 harts in
// deterministic mode, for each scheduler. A decision is one do_schedule on a hart (the
// scheduler's hashed trace counts them exactly; the same run gives the same count and
// digest every time). Each scheduler runs the same stretch of virtual time.
// Reference: the built-in round-robin policy (what a pool whose scheduler is not modelled
// runs) on the same workload in the same run; the table gives each scheduler's decisions
// per wall second relative to it. Also reported: decisions per virtual second, guest
// instructions per wall second, and how many vCPUs ever ran (null gives each of the 4 harts
// to one vCPU when the vCPU is created, even one still down, and the other 28 wait in its
// queue and never run).
// Prints JSON (also written to --json FILE) and a table.
//
//   node bench/sched.mjs [--virtual-ms N] [--schedulers credit2,null] [--json FILE]
//
// Needs `npm run build` (the toolstack and hypervisor run from dist/).
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { option } from './support/option.mjs';

const dist = new URL('../dist/', import.meta.url);
const { bootHost } = await import(new URL('toolstack/host.js', dist));
const { runXl } = await import(new URL('toolstack/xl/xl.js', dist));
const { collectOutput } = await import(new URL('toolstack/xl/output.js', dist));
const { isModelled } = await import(new URL('hypervisor/sched/policies.js', dist));

const virtualMs = Number(option('--virtual-ms', '100'));
const schedulers = option('--schedulers', 'credit2,null').split(',');
const jsonFile = option('--json', undefined);

const DOMAINS = 16;
const VCPUS = 2;
const HARTS = 4;
const ROUND_LIMIT = 1e9;
const config = fileURLToPath(new URL('../guests/cpuburn/cpuburn.cfg', import.meta.url));
// A Xen scheduler the simulator does not model: its pool runs the round-robin policy.
const roundRobinAs = ['rtds', 'arinc653', 'credit'].find((name) => !isModelled(name));

async function xl(host, ...argv) {
  const output = collectOutput();
  const code = await runXl(host, argv, output);
  if (code !== 0) throw new Error(`xl ${argv.join(' ')}: ${output.stderr}`);
  return output.stdout;
}

/** One scheduler: 16 paused domains, then all unpaused at once and run for `virtualMs`. */
async function measure(scheduler, label) {
  const host = await bootHost({
    nrCpus: HARTS, ramBytes: 256 * 2 ** 20, timebaseHz: 10_000_000, scheduler, commandLine: `sched=${scheduler}`,
    dom0MemoryBytes: 16 * 2 ** 20, dom0Vcpus: 1, execution: { mode: 'deterministic' },
  });
  const domids = [];
  for (let i = 0; i < DOMAINS; i++) {
    await xl(host, 'create', '-p', config, `name="burn-${i}"`, `vcpus=${VCPUS}`, 'extra="burn_ms=1000000 start=vcpuop"');
    domids.push(Number((await xl(host, 'domid', `burn-${i}`)).trim()));
  }
  const domains = domids.map((domid) => host.hv.domain(domid));
  const { schedTrace } = host.hv;
  const { dataPlane } = host.harts;
  // The harts' virtual time: the quantum barrier all of them have reached (Xen's clock
  // moves only when a hart asks Xen something, which a burning vCPU under null never does).
  const hartsNs = () => Number(dataPlane.control.epochEnd) * dataPlane.nsPerTick;
  schedTrace.enable();
  const startNs = hartsNs();
  const endNs = startNs + virtualMs * 1e6;
  for (const domid of domids) await xl(host, 'unpause', String(domid));
  const wallStart = performance.now();
  await host.harts.runUntil(() => hartsNs() >= endNs, ROUND_LIMIT);
  const wallS = (performance.now() - wallStart) / 1000;
  const virtualS = (hartsNs() - startNs) / 1e9;
  const vcpus = domains.flatMap((domain) => domain.vcpus);
  const retired = vcpus.map((vcpu) => dataPlane.instructions(vcpu));
  const instructions = retired.reduce((sum, n) => sum + n, 0);
  const row = {
    scheduler: label, decisions: schedTrace.count, digest: schedTrace.digest(), wallS, virtualS,
    decisionsPerWallS: schedTrace.count / wallS, decisionsPerVirtualS: schedTrace.count / virtualS,
    guestMips: instructions / wallS / 1e6,
    vcpusRan: retired.filter((n) => n > 0).length, vcpus: vcpus.length,
    stillRunning: domains.filter((domain) => domain.state === 'running').length,
  };
  await host.harts.stop();
  host.shutdown();
  return row;
}

// The hart loop in deterministic mode runs on this thread; nothing else keeps it alive.
const keepAlive = setInterval(() => {}, 1000);
const rows = [];
for (const scheduler of schedulers) rows.push(await measure(scheduler, scheduler));
const reference = roundRobinAs === undefined ? undefined : await measure(roundRobinAs, `round-robin (sched=${roundRobinAs}, not modelled)`);
clearInterval(keepAlive);
for (const row of rows) if (reference !== undefined) row.ratioToRoundRobin = row.decisionsPerWallS / reference.decisionsPerWallS;

const result = {
  benchmark: 'sched', host: `${HARTS} harts, deterministic mode`, workload: `${DOMAINS} cpuburn domains × ${VCPUS} vCPUs`, virtualMs,
  rows, reference: reference ?? null,
};
const json = JSON.stringify(result, null, 2);
process.stdout.write(`${json}\n\n`);
if (jsonFile !== undefined) writeFileSync(jsonFile, `${json}\n`);
process.stdout.write(`${'scheduler'.padEnd(42)} ${'decisions'.padStart(9)} ${'wall s'.padStart(7)} ${'decisions/wall s'.padStart(16)} ${'decisions/virtual s'.padStart(19)} ${'guest MIPS'.padStart(10)}  vCPUs ran  vs round-robin\n`);
for (const row of [...rows, ...(reference === undefined ? [] : [reference])]) {
  const ratio = row.ratioToRoundRobin === undefined ? (row === reference ? 'reference' : '-') : `${row.ratioToRoundRobin.toFixed(2)}×`;
  process.stdout.write(
    `${row.scheduler.padEnd(42)} ${String(row.decisions).padStart(9)} ${row.wallS.toFixed(2).padStart(7)} ${row.decisionsPerWallS.toFixed(0).padStart(16)} ` +
      `${row.decisionsPerVirtualS.toFixed(0).padStart(19)} ${row.guestMips.toFixed(1).padStart(10)}  ${`${row.vcpusRan}/${row.vcpus}`.padStart(9)}  ${ratio}\n`,
  );
}
