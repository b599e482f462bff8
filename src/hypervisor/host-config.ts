// What the simulated host is: harts, RAM, clock, scheduler and Xen's command line, and
// the identity Xen reports through xen_version.
import { createHash } from 'node:crypto';

export interface HostConfig {
  /** Physical harts (pCPUs). */
  readonly nrCpus: number;
  /** Machine RAM in bytes, at physical RAM_BASE. */
  readonly ramBytes: number;
  /** The device tree's /cpus/timebase-frequency; Xen reports cpu_khz = this / 1000. */
  readonly timebaseHz: number;
  /** Scheduler of Pool-0, by xl name: credit, credit2, rtds, null, arinc653. */
  readonly scheduler: string;
  /** Xen's boot command line (xl info's xen_commandline). */
  readonly commandLine: string;
}

export const RAM_BASE = 0x8000_0000;

export const DEFAULT_HOST: HostConfig = {
  nrCpus: 4,
  ramBytes: 2 * 1024 ** 3,
  timebaseHz: 10_000_000,
  scheduler: 'credit2',
  commandLine: '',
};

/** Xen's version and build identity, as xen_version reports them. */
export interface XenIdentity {
  readonly major: number;
  readonly minor: number;
  readonly extraVersion: string;
  readonly capabilities: string;
  readonly changeset: string;
  readonly compiler: string;
  readonly compileBy: string;
  readonly compileDomain: string;
  readonly compileDate: string;
  /** Xen's build id is a SHA-1 of its image; ours is one of the simulator's identity. */
  readonly buildId: Uint8Array;
}

const VERSION_TEXT = 'xenrv 0.1.0 (Xen 4.18 interfaces)';

export const XEN_IDENTITY: XenIdentity = {
  major: 4,
  minor: 18,
  extraVersion: '-xenrv',
  capabilities: 'xen-3.0-riscv64',
  changeset: VERSION_TEXT,
  compiler: 'TypeScript 5.9 (xenrv)',
  compileBy: 'xenrv',
  compileDomain: 'xenrv.local',
  compileDate: 'xenrv 0.1.0',
  buildId: new Uint8Array(createHash('sha1').update(VERSION_TEXT).digest()),
};
