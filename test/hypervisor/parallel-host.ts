// A host whose domUs run on the data plane (hart workers, or every hart on this thread in
// deterministic mode), and guests launched on it: the C guests of guests/build, or small
// programs assembled by the tests.
import { XEN_DOMCTL } from '../../src/hypervisor/abi/decl/domctl.js';
import type { ExecutionMode } from '../../src/hypervisor/dataplane/guest-harts.js';
import type { Domain } from '../../src/hypervisor/domain.js';
import { launchGuest } from '../../src/toolstack/guest-launcher.js';
import { type Host, bootHost } from '../../src/toolstack/host.js';
import { guestDeviceTree, guestImage } from '../guests/support/guest-host.js';

export interface DataPlaneHost {
  host: Host;
  console: string[];
}

export async function dataPlaneHost(mode: ExecutionMode, nrCpus: number, options: { sliceInstructions?: number; scheduler?: string } = {}): Promise<DataPlaneHost> {
  const console: string[] = [];
  const { scheduler = 'credit2', ...execution } = options;
  const host = await bootHost({
    nrCpus, ramBytes: 64 * 2 ** 20, timebaseHz: 10_000_000, scheduler, commandLine: 'console=com1',
    dom0MemoryBytes: 16 * 2 ** 20, dom0Vcpus: 1, console: (text) => console.push(text), execution: { mode, ...execution },
  });
  return { host, console };
}

/** Launches an ELF as a paused domU; `setup` runs before the unpause. */
export function launch(dp: DataPlaneHost, elf: Uint8Array, options: { vcpus?: number; memoryBytes?: number; setup?: (domain: Domain) => void } = {}): Domain {
  const memoryBytes = options.memoryBytes ?? 1024 * 1024;
  const vcpus = options.vcpus ?? 1;
  const domain = launchGuest(dp.host.xc, { elf, memoryBytes, vcpus, deviceTree: guestDeviceTree(memoryBytes, vcpus, ''), paused: true });
  options.setup?.(domain);
  dp.host.xc.domctl(XEN_DOMCTL.unpausedomain, domain.domid, {});
  return domain;
}

export function launchProgram(dp: DataPlaneHost, program: string, options: Parameters<typeof launch>[2] = {}): Domain {
  return launch(dp, guestImage(program), options);
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
