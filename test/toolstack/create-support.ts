// Guests made by `xl create` on a host whose harts run in deterministic mode: config files
// written to a scratch directory, the harts run until a condition holds, and the toolstack's
// asynchronous work (xenstored's watch events, the domain supervisor's actions) let finish.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainSupervisor } from '../../src/toolstack/domain-supervisor.js';
import type { Host } from '../../src/toolstack/host.js';
import { type DataPlaneHost, dataPlaneHost } from '../hypervisor/parallel-host.js';

export const guestElf = (program: string): string => fileURLToPath(new URL(`../../guests/build/${program}.elf`, import.meta.url));

export function createHost(nrCpus = 4, scheduler = 'credit2'): Promise<DataPlaneHost> {
  return dataPlaneHost('deterministic', nrCpus, { scheduler });
}

/** Writes an xl.cfg with `settings` (each a `key = value` line) and returns its path. */
export function writeConfig(settings: readonly string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'xenrv-cfg-')), 'guest.cfg');
  writeFileSync(path, `${settings.join('\n')}\n`);
  return path;
}

/** Lets xenstored's events and the supervisor's actions run to completion. */
export async function settle(host: Host): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    await (await DomainSupervisor.of(host)).settled();
  }
}

/** Runs the harts until `done`, `rounds` rounds or all idle, settles the toolstack, and says whether `done` holds. */
export async function runFor(dp: DataPlaneHost, done: () => boolean, rounds = 200_000): Promise<boolean> {
  const harts = dp.host.harts;
  if (harts === undefined) throw new Error('no harts');
  await harts.runUntil(done, rounds);
  await settle(dp.host);
  return done();
}

/** The domid of the guest named `name` in xenstore (as xl resolves names), if any. */
export async function domidOf(host: Host, name: string): Promise<number | undefined> {
  for (const domain of host.hv.domains()) {
    if ((await host.xs.read(`/local/domain/${domain.domid}/name`).catch(() => undefined)) === name) return domain.domid;
  }
  return undefined;
}

/** What xl create must leave untouched after a failure: domains, free pages, xenstore. */
export async function hostFootprint(host: Host): Promise<{ domains: number[]; freePages: bigint; nodes: string[]; vms: string[] }> {
  return {
    domains: host.hv.domains().map((d) => d.domid),
    freePages: BigInt(host.xc.physinfo().free_pages),
    nodes: await host.xs.directory('/local/domain'),
    vms: await host.xs.directory('/vm').catch(() => []),
  };
}
