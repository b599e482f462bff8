// Booting a simulated host: the machine's shared memory, Xen (boot log, Pool-0 with the
// chosen scheduler), dom0 with its privcmd, xenstored with dom0's connection, and the
// xen-init-dom0 step. Everything a dom0 prompt or a one-shot `xl` needs.
import { MachineMemory } from '../harts/machine-memory.js';
import { type GuestHartOptions, type GuestHarts, startGuestHarts } from '../hypervisor/dataplane/guest-harts.js';
import { SCHEDULER_NAME } from '../hypervisor/abi/decl/scheduler.js';
import { isModelled } from '../hypervisor/sched/policies.js';
import { DOM0_RAM_BASE, buildDom0 } from '../hypervisor/dom0.js';
import type { Domain } from '../hypervisor/domain.js';
import { type HostConfig, RAM_BASE } from '../hypervisor/host-config.js';
import { Hypervisor } from '../hypervisor/hypervisor.js';
import { machineRamOf } from '../hypervisor/memory/machine-ram.js';
import type { XenstoreClient } from '../xenstore/client.js';
import { connectLocal } from '../xenstore/local-client.js';
import { Xenstored } from '../xenstore/xenstored.js';
import { ConsoleDaemon } from './console/console-daemon.js';
import { Dom0DomainHost } from './dom0-domain-host.js';
import { Privcmd } from './privcmd.js';
import { Xc } from './xc.js';
import { xenInitDom0 } from './xen-init-dom0.js';
import { watchDomainExceptions } from './xenstored-domain-exceptions.js';

export interface BootOptions extends HostConfig {
  dom0MemoryBytes: number;
  dom0Vcpus: number;
  /**
   * Run domUs on the harts: one worker per hart (parallel), or every hart on this thread in
   * a fixed order (deterministic: they run in host.harts.runUntil or runInBackground).
   * Without it guests run only when a caller runs them.
   */
  execution?: GuestHartOptions;
  /** Where Xen's console (the boot log) goes. */
  console?: (text: string) => void;
}

/** What dom0's uname() reports (xl info's host, release, version, machine). */
export interface Uname {
  nodename: string;
  release: string;
  version: string;
  machine: string;
}

export interface Host {
  readonly hv: Hypervisor;
  readonly dom0: Domain;
  readonly privcmd: Privcmd;
  readonly xc: Xc;
  readonly xenstored: Xenstored;
  readonly xs: XenstoreClient;
  /** The console backend of every domU (xenconsoled's role): kept output, sessions, input. */
  readonly consoles: ConsoleDaemon;
  /** The machine's shared memory, for harts running guests. */
  readonly machine: MachineMemory;
  /** The harts running domUs, when the host was booted with an execution mode. */
  readonly harts: GuestHarts | undefined;
  readonly uname: Uname;
  /** libxl's per-domain userdata files (the stub dom0 config xen-init-dom0 writes). */
  readonly userdata: Map<string, string>;
  shutdown(): void;
}

/** Instructions per timebase tick: a 1 GHz hart at CPI 1 over a 10 MHz timebase. */
const INSTRUCTIONS_PER_TICK = 100;

const SCHEDULER_TITLE: Readonly<Record<string, string>> = {
  credit: 'SMP Credit Scheduler (credit)',
  credit2: 'SMP Credit Scheduler rev2 (credit2)',
  rtds: 'SMP RTDS Scheduler (rtds)',
  null: 'null Scheduler (null)',
  arinc653: 'ARINC 653 Scheduler (arinc653)',
};

export const DOM0_UNAME: Uname = { nodename: 'xenrv', release: '0.1.0-xenrv', version: '#1 SMP xenrv', machine: 'riscv64' };

export async function bootHost(options: BootOptions): Promise<Host> {
  const machine = MachineMemory.create({ harts: options.nrCpus, ramBytes: options.ramBytes, instructionsPerTick: INSTRUCTIONS_PER_TICK });
  const hv = new Hypervisor(options, machineRamOf(machine, RAM_BASE));
  hv.console.sink = options.console;
  logBoot(hv);
  const dom0 = buildDom0(hv, { memoryBytes: options.dom0MemoryBytes, vcpus: options.dom0Vcpus });
  hv.console.log(`Dom0: ${options.dom0MemoryBytes / 2 ** 20} MiB at 0x${DOM0_RAM_BASE.toString(16)}, ${options.dom0Vcpus} vCPU${options.dom0Vcpus === 1 ? '' : 's'}`);
  hv.console.log('Dom0 built; unpaused');
  const privcmd = new Privcmd(hv, dom0, DOM0_RAM_BASE + options.dom0MemoryBytes);
  const xenstored = new Xenstored({ host: new Dom0DomainHost(hv, dom0), log: (line) => hv.console.log(`xenstored: ${line}`) });
  const connection = connectLocal(xenstored, 0);
  const xc = new Xc(privcmd);
  watchDomainExceptions({ hv, dom0, xc, xenstored });
  const harts = options.execution === undefined ? undefined : await startGuestHarts(hv, machine, options.execution);
  if (harts !== undefined) hv.console.log(`Guests run on ${options.nrCpus} harts, ${harts.mode === 'parallel' ? 'one worker each' : 'in turn on one thread'}`);
  // Schedulers not modelled yet fall back to the built-in round-robin policy; the boot log
  // says which policy really places vCPUs rather than let the scheduler name above imply more.
  if (harts !== undefined) hv.console.log(`Guest vCPUs are placed by ${placementPolicy(SCHEDULER_NAME[hv.pools[0].schedulerId] ?? '')}`);
  const consoles = new ConsoleDaemon();
  const host: Host = {
    hv, dom0, privcmd, xc, xenstored, xs: connection.client, consoles, machine, harts, uname: DOM0_UNAME,
    userdata: new Map(), shutdown: () => {
      consoles.stop();
      connection.close();
      void harts?.stop();
    },
  };
  const message = await xenInitDom0(host);
  await consoles.start(host);
  hv.console.write(`${message}\n`);
  return host;
}

function placementPolicy(scheduler: string): string {
  return isModelled(scheduler) ? `the ${scheduler} policy` : `the built-in round-robin policy (${scheduler} not yet modelled)`;
}

function logBoot(hv: Hypervisor): void {
  const { identity: id, config } = hv;
  hv.console.log(`Xen version ${id.major}.${id.minor}${id.extraVersion} (${id.compileBy}@${id.compileDomain}) (${id.compiler}) ${id.compileDate}`);
  hv.console.log(`Latest ChangeSet: ${id.changeset}`);
  hv.console.log(`Command line: ${config.commandLine}`);
  hv.console.log(`Harts: ${config.nrCpus}, timebase ${config.timebaseHz / 1000} kHz`);
  hv.console.log(`RAM: ${config.ramBytes / 2 ** 20} MiB at 0x${RAM_BASE.toString(16)}`);
  const scheduler = SCHEDULER_NAME[hv.pools[0].schedulerId];
  hv.console.log(`Using scheduler: ${SCHEDULER_TITLE[scheduler] ?? scheduler}`);
  hv.console.log(`Cpupool 0: ${config.nrCpus} CPUs`);
}
