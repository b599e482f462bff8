// What an xl.cfg describes, checked and typed: the input of `xl create`'s domain builder.
import { type CpuSet, ALL_CPUS } from './cpu-affinity.js';

/** What Xen does when the guest shuts down for a reason (xl's on_poweroff, on_reboot, ...). */
export type ShutdownAction = 'destroy' | 'restart' | 'preserve' | 'rename-restart';

/** xl's action names. Core dumps are not written, so the coredump-* actions do only the rest. */
export const SHUTDOWN_ACTIONS: Readonly<Record<string, ShutdownAction>> = {
  destroy: 'destroy',
  restart: 'restart',
  preserve: 'preserve',
  'rename-restart': 'rename-restart',
  'coredump-destroy': 'destroy',
  'coredump-restart': 'restart',
};

/** Hard or soft CPU affinity: one set for every vCPU, or one per vCPU (xl's list form). */
export type CpuAffinity =
  | { readonly kind: 'every-vcpu'; readonly set: CpuSet }
  | { readonly kind: 'per-vcpu'; readonly sets: readonly CpuSet[] };

export const NO_AFFINITY: CpuAffinity = { kind: 'every-vcpu', set: ALL_CPUS };

/** The set of `vcpu`: a vCPU past the end of a per-vCPU list may run anywhere, as in xl. */
export function affinityOfVcpu(affinity: CpuAffinity, vcpu: number): CpuSet {
  if (affinity.kind === 'every-vcpu') return affinity.set;
  return affinity.sets[vcpu] ?? ALL_CPUS;
}

export interface DomainSpec {
  readonly name: string;
  /** Only PVH guests exist on RISC-V Xen. */
  readonly type: 'pvh';
  /** The guest kernel's file name, as written (relative to the directory xl runs in). */
  readonly kernel: string;
  /** The kernel command line: cmdline, else root= and extra. */
  readonly cmdline: string;
  /** Memory at boot, MiB. */
  readonly memoryMiB: number;
  /** Most memory the guest may balloon up to, MiB (>= memoryMiB). */
  readonly maxMemoryMiB: number;
  /** vCPUs online at boot. */
  readonly vcpus: number;
  /** vCPUs the domain is created with (>= vcpus). */
  readonly maxVcpus: number;
  readonly cpus: CpuAffinity;
  readonly cpusSoft: CpuAffinity;
  readonly onPoweroff: ShutdownAction;
  readonly onReboot: ShutdownAction;
  readonly onCrash: ShutdownAction;
  readonly onWatchdog: ShutdownAction;
  /** The cpupool the domain is created in. */
  readonly pool: string;
  /** Credit scheduler weight; undefined leaves the scheduler's default. */
  readonly weight: number | undefined;
  /** Credit scheduler cap in percent of one CPU; 0 = no cap. */
  readonly cap: number;
}
