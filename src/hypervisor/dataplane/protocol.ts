// What a hart asks of the control plane, and how. Before any request the hart saves the
// vCPU it runs into the vCPU's frame, so the main thread reads and writes the guest's
// registers there; the reply (in the hart's mailbox) names what to run next.
import type { MachineConfig } from '../../harts/machine-memory.js';
import type { HostConfig } from '../host-config.js';

/** Why a hart reschedules (in the order the mailbox numbers them). */
export const SCHEDULE_REASONS = ['softirq', 'timeslice', 'timer', 'yield'] as const;
export type ScheduleReason = (typeof SCHEDULE_REASONS)[number];
/** The requests a hart posts in its mailbox (in the order it numbers them); faults are messages. */
export const REQUEST_KINDS = ['call', 'wfi', 'schedule'] as const;

interface RequestBase {
  readonly hart: number;
  /** The vCPU the hart ran (0: it was idle). */
  readonly vcpu: number;
  /** The hart's virtual time, in timebase ticks. */
  readonly atTicks: number;
  /** When the vCPU's timers would wake it if it blocks (ticks; -1: none armed). */
  readonly deadlineTicks: number;
}

export type HartRequest = RequestBase & (
  /** A slow-path hypercall or SBI call: the ecall is in the saved registers. */
  | { readonly kind: 'call' }
  /** wfi with nothing pending: the vCPU blocks until an interrupt or its timer. */
  | { readonly kind: 'wfi' }
  /** The hart reschedules (asked to, timeslice over, a parked timer is due, or a yield). */
  | { readonly kind: 'schedule'; readonly reason: ScheduleReason }
  /** An exit the hypervisor cannot serve: the domain crashes. */
  | { readonly kind: 'fault'; readonly message: string }
);

/** How a hart reaches the control plane (a message and a wait, or a direct call in deterministic mode). */
export interface ControlLink {
  /** Sends `request` and returns once the reply is in the hart's mailbox. */
  request(request: HartRequest): void;
  /** Console text a guest wrote through a fast path; delivered in order, without waiting. */
  output(domid: number, text: string): void;
}

/** Everything a hart thread needs (structured-cloneable). */
export interface HartSetup {
  readonly memory: WebAssembly.Memory;
  readonly machine: MachineConfig;
  readonly host: HostConfig;
  readonly controlBuffer: SharedArrayBuffer;
  readonly mailboxBuffer: SharedArrayBuffer;
  readonly quantumTicks: bigint;
  readonly sliceInstructions: number;
  /** The longest a hart polls (wall ns) for an event before taking a blocking vCPU to the scheduler (0: never; see VcpuHart). */
  readonly haltPollNs: number;
}

export type WorkerToMain =
  | { readonly type: 'request'; readonly request: HartRequest }
  | { readonly type: 'output'; readonly domid: number; readonly text: string }
  | { readonly type: 'ready'; readonly hart: number };
