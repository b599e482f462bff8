// Running the C guests of guests/build on a booted host: each guest is launched as a domU
// (with a device tree carrying its boot arguments), named in xenstore as libxl would, and
// run on its own harts; several guests take turns so they run side by side.
import { readFileSync } from 'node:fs';
import { Hart } from '../../../src/harts/hart.js';
import { HVMOP, xenHvmParam } from '../../../src/hypervisor/abi/decl/hvm.js';
import { HYPERCALL } from '../../../src/hypervisor/abi/decl/hypercalls.js';
import type { Domain } from '../../../src/hypervisor/domain.js';
import { GuestRunner } from '../../../src/hypervisor/guest-runner.js';
import { launchGuest } from '../../../src/toolstack/guest-launcher.js';
import { type Host, bootHost } from '../../../src/toolstack/host.js';
import { collectOutput } from '../../../src/toolstack/xl/output.js';
import { runXl } from '../../../src/toolstack/xl/xl.js';
import { buildGuestDeviceTree } from '../../../src/toolstack/device-tree/guest-device-tree.js';

const BUILD = new URL('../../../guests/build/', import.meta.url);
const TIMEBASE_HZ = 10_000_000;

export interface GuestHost {
  host: Host;
  /** Everything written to Xen's console, in order. */
  console: string[];
  /** Harts not yet given to a guest. */
  nextHart: number;
}

export async function bootGuestHost(nrCpus = 4): Promise<GuestHost> {
  const console: string[] = [];
  const host = await bootHost({
    nrCpus, ramBytes: 64 * 2 ** 20, timebaseHz: TIMEBASE_HZ, scheduler: 'credit2', commandLine: 'console=com1',
    dom0MemoryBytes: 16 * 2 ** 20, dom0Vcpus: 1, console: (text) => console.push(text),
  });
  return { host, console, nextHart: 0 };
}

export interface GuestOptions {
  memoryBytes?: number;
  vcpus?: number;
  bootargs?: string;
  /** Launch without a device tree (a1 = 0). */
  noDeviceTree?: boolean;
  name?: string;
}

export interface Guest {
  program: string;
  domain: Domain;
  runner: GuestRunner;
  harts: Hart[];
}

export function guestImage(program: string): Uint8Array {
  return readFileSync(new URL(`${program}.elf`, BUILD));
}

/** The device tree the domain builder writes for a guest (src/toolstack/device-tree). */
export function guestDeviceTree(memoryBytes: number, vcpus: number, bootargs: string): Uint8Array {
  return buildGuestDeviceTree({ memoryBytes, vcpus, bootargs, timebaseHz: TIMEBASE_HZ, xenVersion: { major: 4, minor: 18 } });
}

export async function startGuest(gh: GuestHost, program: string, options: GuestOptions = {}): Promise<Guest> {
  const memoryBytes = options.memoryBytes ?? 1024 * 1024;
  const vcpus = options.vcpus ?? 1;
  const deviceTree = options.noDeviceTree ? undefined : guestDeviceTree(memoryBytes, vcpus, options.bootargs ?? '');
  const domain = launchGuest(gh.host.xc, { elf: guestImage(program), memoryBytes, vcpus, deviceTree });
  await gh.host.xs.write(`/local/domain/${domain.domid}/name`, options.name ?? program);
  const harts = await Promise.all(Array.from({ length: vcpus }, () => Hart.load(gh.host.machine, gh.nextHart++)));
  return { program, domain, runner: new GuestRunner(gh.host.hv, harts), harts };
}

/** A turn: at most this many slices of at most this many instructions (10 µs at 1 GHz each). */
const TURN = { budget: 10_000, maxSlices: 8 };

/** Virtual time of a guest: its earliest hart (a guest behind the others runs first). */
function timeOf(guest: Guest): bigint {
  return guest.harts.reduce((min, hart) => (hart.time < min ? hart.time : min), guest.harts[0].time);
}

/**
 * Runs the guests until none can make progress (all stopped, or all waiting for
 * nothing). The guest furthest behind in virtual time takes the next turn, so the harts
 * stay within about a turn of each other, as in the deterministic mode's quantum.
 */
export function runGuests(guests: readonly Guest[], maxTurns = 10_000_000): void {
  const live = new Set(guests);
  for (let turn = 0; turn < maxTurns && live.size > 0; turn++) {
    let next: Guest | undefined;
    for (const guest of live) if (next === undefined || timeOf(guest) < timeOf(next)) next = guest;
    if (next === undefined) return;
    const { domain, runner } = next;
    if (domain.state === 'running') runner.run(domain, TURN);
    // run() returns early only when no vCPU can run and no timer will wake one.
    if (domain.state !== 'running' || !domain.vcpus.some((vcpu) => vcpu.state === 'runnable')) live.delete(next);
  }
}

/** The guest's console lines, without Xen's "(dN) " prefix. */
export function consoleLines(gh: GuestHost, domid: number): string[] {
  const prefix = `(d${domid}) `;
  return gh.console
    .join('')
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length));
}

/** Sets an HVM parameter of a domain from dom0, as the toolstack does (hvm_op set_param). */
export function setHvmParam(gh: GuestHost, domid: number, index: number, value: bigint): void {
  const { privcmd } = gh.host;
  const rc = privcmd.withBuffers(() => {
    const param = privcmd.allocStruct(xenHvmParam, { domid, pad: 0, index, value });
    return privcmd.hypercall(HYPERCALL.hvm_op, HVMOP.set_param, param);
  });
  if (rc !== 0) throw new Error(`hvm_op set_param ${index} failed: ${rc}`);
}

export async function xlList(gh: GuestHost): Promise<string> {
  const output = collectOutput();
  const code = await runXl(gh.host, ['list'], output);
  if (code !== 0) throw new Error(`xl list failed: ${output.stderr}`);
  return output.stdout;
}

/** The State column of `xl list` for the domain named `name`. */
export function stateOf(list: string, name: string): string | undefined {
  const row = list.split('\n').find((line) => line.startsWith(`${name} `));
  return row?.trim().split(/\s+/)[4];
}
