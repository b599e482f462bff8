// Running guests on a booted host the way `xl create` makes them: each is built by the
// domain builder (src/toolstack/domain-builder) from a DomainSpec and runs on the data
// plane's harts. The default host runs them deterministically on this thread; guests side
// by side share the harts under the host's scheduler.
import { readFileSync } from 'node:fs';
import { VGCF, cpuUserRegs, vcpuGuestContext } from '../../../src/hypervisor/abi/decl/arch-riscv.js';
import { XEN_DOMCTL } from '../../../src/hypervisor/abi/decl/domctl.js';
import { HVMOP, xenHvmParam } from '../../../src/hypervisor/abi/decl/hvm.js';
import { HYPERCALL } from '../../../src/hypervisor/abi/decl/hypercalls.js';
import type { ExecutionMode } from '../../../src/hypervisor/dataplane/guest-harts.js';
import type { Domain } from '../../../src/hypervisor/domain.js';
import { parseElf } from '../../../src/harts/elf.js';
import { buildDomain } from '../../../src/toolstack/domain-builder/build-domain.js';
import { type Host, bootHost } from '../../../src/toolstack/host.js';
import { collectOutput } from '../../../src/toolstack/xl/output.js';
import { runXl } from '../../../src/toolstack/xl/xl.js';
import type { DomainSpec } from '../../../src/toolstack/xlcfg/domain-spec.js';
import { parseXlCfg } from '../../../src/toolstack/xlcfg/parse-xl-cfg.js';

const BUILD = new URL('../../../guests/build/', import.meta.url);
const TIMEBASE_HZ = 10_000_000;
const MIB = 2 ** 20;

export interface GuestHost {
  host: Host;
  /** Everything written to Xen's console, in order. */
  console: string[];
}

export interface GuestHostOptions {
  mode?: ExecutionMode;
  scheduler?: string;
  sliceInstructions?: number;
}

export async function bootGuestHost(nrCpus = 4, options: GuestHostOptions = {}): Promise<GuestHost> {
  const console: string[] = [];
  const { mode = 'deterministic', scheduler = 'credit2', sliceInstructions } = options;
  const host = await bootHost({
    nrCpus, ramBytes: 64 * MIB, timebaseHz: TIMEBASE_HZ, scheduler, commandLine: 'console=com1',
    dom0MemoryBytes: 16 * MIB, dom0Vcpus: 1, console: (text) => console.push(text), execution: { mode, sliceInstructions },
  });
  return { host, console };
}

export interface GuestOptions {
  /** Guest RAM, a whole number of MiB (default 1 MiB). */
  memoryBytes?: number;
  vcpus?: number;
  bootargs?: string;
  /** Start vCPU 0 with a1 = 0, as a builder that passes no device tree would. */
  noDeviceTree?: boolean;
  name?: string;
  /** Leave the domain paused (the caller sets it up, then unpauses it). */
  paused?: boolean;
  /** Settings of the domain's xl.cfg beyond the above (weight, cap, cpus, pool, ...). */
  spec?: Partial<DomainSpec>;
}

export interface Guest {
  program: string;
  domain: Domain;
}

export function guestImage(program: string): Uint8Array {
  return readFileSync(new URL(`${program}.elf`, BUILD));
}

/** The DomainSpec of an xl.cfg with just these settings, then `options.spec` on top. */
export function guestSpec(name: string, options: GuestOptions = {}): DomainSpec {
  const memoryMiB = (options.memoryBytes ?? MIB) / MIB;
  const cfg = `name = "${name}"\nkernel = "${name}.elf"\nmemory = ${memoryMiB}\nvcpus = ${options.vcpus ?? 1}\nextra = "${options.bootargs ?? ''}"\n`;
  return { ...parseXlCfg(cfg, { file: `${name}.cfg` }).spec, ...options.spec };
}

/** Builds a domain running `elf` (a program of guests/build or one a test assembled). */
export async function startImage(gh: GuestHost, name: string, elf: Uint8Array, options: GuestOptions = {}): Promise<Domain> {
  const { host } = gh;
  const paused = options.paused === true || options.noDeviceTree === true;
  const { domid } = await buildDomain(host, guestSpec(options.name ?? name, options), { path: `${name}.elf`, bytes: elf }, { paused });
  if (options.noDeviceTree === true) {
    setBootContext(host, domid, parseElf(elf).entry, 0n);
    if (options.paused !== true) host.xc.domctl(XEN_DOMCTL.unpausedomain, domid, {});
  }
  const domain = host.hv.domain(domid);
  if (domain === undefined) throw new Error(`domain ${domid} vanished`);
  return domain;
}

export async function startGuest(gh: GuestHost, program: string, options: GuestOptions = {}): Promise<Guest> {
  return { program, domain: await startImage(gh, program, guestImage(program), options) };
}

/** vCPU 0 at `pc` with a1 = `a1` (setvcpucontext on the paused domain). */
function setBootContext(host: Host, domid: number, pc: bigint, a1: bigint): void {
  const { privcmd } = host;
  privcmd.withBuffers(() => {
    const context = privcmd.allocStruct(vcpuGuestContext, { flags: VGCF.online });
    const regs = context + vcpuGuestContext.offsetOf('user_regs');
    privcmd.dom0.memory.writeU64(regs + cpuUserRegs.offsetOf('pc'), pc);
    privcmd.dom0.memory.writeU64(regs + cpuUserRegs.offsetOf('a1'), a1);
    host.xc.domctl(XEN_DOMCTL.setvcpucontext, domid, { vcpucontext: { vcpu: 0, ctxt: BigInt(context) } });
  });
}

/**
 * Runs the harts until every guest has stopped running, every hart is idle, or `limit`
 * (deterministic: rounds, one slice per hart; parallel: ms). True when every guest stopped.
 */
export function runGuests(gh: GuestHost, guests: readonly Guest[], limit = 2_000_000): Promise<boolean> {
  const { harts } = gh.host;
  if (harts === undefined) throw new Error('the host runs no guests');
  return harts.runUntil(() => guests.every(({ domain }) => domain.state !== 'running'), limit);
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
