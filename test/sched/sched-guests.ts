// The scheduling guests of guests/ made by `xl create` from their own config files (with
// xl's KEY=VALUE overrides), and what they print, parsed: cpuburn's runstate times per
// vCPU, sleeper's latency percentiles, smp-counter's totals.
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { type DataPlaneHost, consoleLines } from '../hypervisor/parallel-host.js';
import { xl } from '../toolstack/boot-host.js';
import { domidOf, runFor } from '../toolstack/create-support.js';

export const configOf = (program: string): string => fileURLToPath(new URL(`../../guests/${program}/${program}.cfg`, import.meta.url));

/** `xl create guests/<program>/<program>.cfg name="<name>" ...overrides`; the new domid. */
export async function create(dp: DataPlaneHost, program: string, name: string, ...overrides: string[]): Promise<number> {
  const result = await xl(dp.host, 'create', configOf(program), `name="${name}"`, ...overrides);
  expect(result.stderr).not.toMatch(/error|warning/i);
  expect(result.code).toBe(0);
  const domid = await domidOf(dp.host, name);
  if (domid === undefined) throw new Error(`${name} is not in xenstore after xl create`);
  return domid;
}

/** Passes of the harts, each ended by its limit or by every hart going idle. */
const MAX_PASSES = 10;

/**
 * Runs the harts until `done`. They can all go idle while the toolstack has yet to act on
 * a guest's shutdown (destroying it frees a hart, restarting it makes a new domain), so
 * after each pass the toolstack settles and the harts run again.
 */
export async function runUntil(dp: DataPlaneHost, done: () => boolean, limit?: number): Promise<boolean> {
  for (let pass = 0; pass < MAX_PASSES && !done(); pass++) await runFor(dp, done, limit);
  return done();
}

/** Runs the harts until none of `domids` is running any more (gone, or shut down and kept). */
export function runUntilStopped(dp: DataPlaneHost, domids: readonly number[], limit?: number): Promise<boolean> {
  const stopped = (domid: number): boolean => dp.host.hv.domain(domid)?.state !== 'running';
  return runUntil(dp, () => domids.every(stopped), limit);
}

export interface BurnedVcpu {
  vcpu: number;
  /** ns in each runstate, as VCPUOP_get_runstate_info gave them to the guest. */
  running: number;
  runnable: number;
  blocked: number;
  offline: number;
  loops: number;
}

const BURN_LINE = /^cpuburn: vcpu (\d+) running (\d+) runnable (\d+) blocked (\d+) offline (\d+) ns, (\d+) loops$/;

/** cpuburn's report: one entry per vCPU, in order. */
export function burned(dp: DataPlaneHost, domid: number): BurnedVcpu[] {
  return consoleLines(dp, domid).flatMap((line) => {
    const m = BURN_LINE.exec(line);
    if (m === null) return [];
    const [vcpu, running, runnable, blocked, offline, loops] = m.slice(1).map(Number);
    return [{ vcpu, running, runnable, blocked, offline, loops }];
  });
}

export interface Latencies {
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

const LATENCY_LINE = /^sleeper: wakeup latency ns: min (\d+) p50 (\d+) p90 (\d+) p99 (\d+) max (\d+)$/;

/** sleeper's wakeup latency percentiles, or undefined if it printed none. */
export function latencies(dp: DataPlaneHost, domid: number): Latencies | undefined {
  for (const line of consoleLines(dp, domid)) {
    const m = LATENCY_LINE.exec(line);
    if (m !== null) {
      const [min, p50, p90, p99, max] = m.slice(1).map(Number);
      return { min, p50, p90, p99, max };
    }
  }
  return undefined;
}
