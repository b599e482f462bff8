// A host whose domUs run on the data plane (hart workers, or every hart on this thread in
// deterministic mode), and guests launched on it: the C guests of guests/build, or small
// programs assembled by the tests.
import { XEN_DOMCTL } from '../../src/hypervisor/abi/decl/domctl.js';
import type { ExecutionMode } from '../../src/hypervisor/dataplane/guest-harts.js';
import type { Domain } from '../../src/hypervisor/domain.js';
import { type GuestHost, bootGuestHost, guestImage, startImage } from '../guests/support/guest-host.js';

export type DataPlaneHost = GuestHost;

export function dataPlaneHost(mode: ExecutionMode, nrCpus: number, options: { sliceInstructions?: number; scheduler?: string } = {}): Promise<DataPlaneHost> {
  return bootGuestHost(nrCpus, { mode, ...options });
}

let launched = 0;

/** Builds a domU running `elf` (named guest-N unless named), paused while `setup` runs, then unpaused. */
export async function launch(dp: DataPlaneHost, elf: Uint8Array, options: { vcpus?: number; memoryBytes?: number; name?: string; setup?: (domain: Domain) => void } = {}): Promise<Domain> {
  const domain = await startImage(dp, options.name ?? `guest-${++launched}`, elf, { vcpus: options.vcpus, memoryBytes: options.memoryBytes, paused: true });
  options.setup?.(domain);
  dp.host.xc.domctl(XEN_DOMCTL.unpausedomain, domain.domid, {});
  return domain;
}

export function launchProgram(dp: DataPlaneHost, program: string, options: Parameters<typeof launch>[2] = {}): Promise<Domain> {
  return launch(dp, guestImage(program), { name: program, ...options });
}

/** The guest's console lines, without Xen's "(dN) " prefix. */
export function consoleLines(dp: DataPlaneHost, domid: number): string[] {
  const prefix = `(d${domid}) `;
  return dp.console.join('').split('\n').filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
}

/** Runs until `done` (deterministic: at most `limit` rounds; parallel: `limit` ms). */
export async function runUntil(dp: DataPlaneHost, done: () => boolean, limit: number): Promise<boolean> {
  const harts = dp.host.harts;
  if (harts === undefined) throw new Error('the host has no data plane');
  return harts.runUntil(done, limit);
}
