// A virtual CPU: its lifecycle actor (vcpu-machine.ts) plus the guest-registered areas
// and timers that vcpu_op manages. Every lifecycle change is stamped with the host's
// virtual time, so the runstate times add up exactly.
import { type Actor, createActor } from 'xstate';
import type { SystemClock } from './clock.js';
import type { Domain } from './domain.js';
import { RUNSTATE } from './abi/decl/vcpu.js';
import { type Runstate, type VcpuContext, type VcpuEvent, vcpuMachine } from './vcpu-machine.js';

/** A set of physical CPUs as a bitmap, least significant bit = CPU 0. */
export type CpuMask = Uint8Array;

export interface VcpuTimers {
  /** Absolute virtual ns of the one-shot timer, or undefined when stopped. */
  singleshotDeadline: number | undefined;
  /** Period of the periodic timer in ns; 0 when stopped. */
  periodNs: number;
  periodicNext: number;
  /** Absolute virtual ns at which a SCHEDOP_poll gives up, or undefined. */
  pollDeadline: number | undefined;
}

export class Vcpu {
  private readonly actor: Actor<typeof vcpuMachine>;
  /** Guest-physical address of the registered vcpu_info, if the guest registered one. */
  vcpuInfoGpa: number | undefined;
  /** Guest-physical address the runstate is mirrored to (register_runstate_memory_area). */
  runstateAreaGpa: number | undefined;
  readonly timers: VcpuTimers = { singleshotDeadline: undefined, periodNs: 0, periodicNext: 0, pollDeadline: undefined };
  /** Ports a SCHEDOP_poll waits on (empty when not polling). */
  pollPorts: number[] = [];
  private hard: CpuMask;
  private soft: CpuMask;
  /** The architectural context set by the toolstack (setvcpucontext), as raw bytes. */
  guestContext: Uint8Array | undefined;
  /** An SBI IPI was sent to this vCPU and not yet delivered. */
  ipiPending = false;
  /** Where an SBI HART_START asked the vCPU to begin (pc, and a1's opaque value). */
  startAt: { pc: bigint; a1: bigint } | undefined;
  /** An event upcall was raised and not yet taken by the guest. */
  upcallRaised = false;
  /** Set when the vCPU has been initialised with a context (VPF_down may still be set). */
  initialised = false;
  /** Told after every lifecycle event and affinity change (the data plane's scheduler keeps its queues in step). */
  observer: ((vcpu: Vcpu) => void) | undefined;

  constructor(
    readonly id: number,
    readonly domain: Domain,
    private readonly clock: SystemClock,
    processor: number,
    nrCpus: number,
  ) {
    this.actor = createActor(vcpuMachine, { input: { at: clock.now(), processor } });
    this.actor.start();
    this.hard = fullMask(nrCpus);
    this.soft = fullMask(nrCpus);
  }

  /** The pCPUs the vCPU may run on. */
  get hardAffinity(): CpuMask {
    return this.hard;
  }

  /** The pCPUs the vCPU prefers. */
  get softAffinity(): CpuMask {
    return this.soft;
  }

  /** New affinity masks; the scheduler is told, as for a lifecycle change, so it can move the vCPU. */
  setAffinity(hard: CpuMask, soft: CpuMask): void {
    this.hard = hard;
    this.soft = soft;
    this.observer?.(this);
  }

  get context(): VcpuContext {
    return this.actor.getSnapshot().context;
  }

  /** The xstate state name: offline, runnable, running or blocked. */
  get state(): string {
    return String(this.actor.getSnapshot().value);
  }

  get isUp(): boolean {
    return !this.context.down;
  }

  get isRunning(): boolean {
    return this.context.runstate.state === RUNSTATE.running;
  }

  get processor(): number {
    return this.context.processor;
  }

  /** The runstate as of now: the current state's time so far is included. */
  runstateNow(): Runstate {
    const { state, entryTime, time } = this.context.runstate;
    const now = this.clock.now();
    const current: Runstate['time'] = [...time];
    if (now > entryTime) current[state] += now - entryTime;
    return { state, entryTime, time: current };
  }

  /** Total ns spent running (getdomaininfo's cpu_time, xl's Time column). */
  cpuTime(): number {
    return this.runstateNow().time[RUNSTATE.running];
  }

  up(): void { this.send({ type: 'UP' }); }
  down(): void { this.send({ type: 'DOWN' }); }
  pause(): void { this.send({ type: 'PAUSE' }); }
  unpause(): void { this.send({ type: 'UNPAUSE' }); }
  domainPause(): void { this.send({ type: 'DOMAIN_PAUSE' }); }
  domainUnpause(): void { this.send({ type: 'DOMAIN_UNPAUSE' }); }
  block(): void { this.send({ type: 'BLOCK' }); }
  wake(): void { this.send({ type: 'WAKE' }); }
  preempt(): void { this.send({ type: 'PREEMPT' }); }
  /** A physical CPU picks this (runnable) vCPU. */
  schedule(processor: number): void {
    this.actor.send({ type: 'SCHEDULE', processor, at: this.clock.now() });
    this.observer?.(this);
  }

  stop(): void {
    this.actor.stop();
  }

  private send(event: { type: Exclude<VcpuEvent['type'], 'SCHEDULE'> }): void {
    this.actor.send({ type: event.type, at: this.clock.now() });
    this.observer?.(this);
  }
}

export function fullMask(nrCpus: number): CpuMask {
  const mask = new Uint8Array(Math.ceil(nrCpus / 8));
  for (let cpu = 0; cpu < nrCpus; cpu++) mask[cpu >> 3] |= 1 << (cpu & 7);
  return mask;
}
