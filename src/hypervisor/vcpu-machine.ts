// The vCPU lifecycle as an xstate machine: offline → runnable ⇄ running ⇄ blocked.
// The state follows Xen's pause flags and counts: a vCPU is runnable when it is up, not
// blocked and neither it nor its domain is paused; "blocked dominates offline". Every
// event carries the virtual time `at`, and entering a state charges the time spent in the
// previous one to its runstate bucket, so the accounting is exact.
import { assign, setup } from 'xstate';
import { RUNSTATE } from './abi/decl/vcpu.js';

export interface Runstate {
  state: number;
  /** Virtual ns at which `state` was entered. */
  entryTime: number;
  /** Total ns spent in running, runnable, blocked, offline (indexed by RUNSTATE_*). */
  time: [number, number, number, number];
}

export interface VcpuContext {
  pauseCount: number;
  domainPauseCount: number;
  /** VPF_down: not brought up (or taken down) by the guest or toolstack. */
  down: boolean;
  /** VPF_blocked: waiting for an event. */
  blocked: boolean;
  /** The physical CPU the vCPU runs on, or last ran on. */
  processor: number;
  runstate: Runstate;
}

export type VcpuEvent = { at: number } & (
  | { type: 'UP' | 'DOWN' | 'PAUSE' | 'UNPAUSE' | 'DOMAIN_PAUSE' | 'DOMAIN_UNPAUSE' | 'BLOCK' | 'WAKE' | 'PREEMPT' }
  | { type: 'SCHEDULE'; processor: number }
);

function isRunnable(c: VcpuContext): boolean {
  return !c.down && !c.blocked && c.pauseCount === 0 && c.domainPauseCount === 0;
}

function enterRunstate(context: VcpuContext, event: VcpuEvent, state: number): Runstate {
  const old = context.runstate;
  if (old.state === state) return old;
  // The init event carries no time: the machine starts offline at its input time.
  const at = typeof event.at === 'number' ? event.at : old.entryTime;
  const time: Runstate['time'] = [...old.time];
  const spent = at - old.entryTime;
  if (spent > 0) time[old.state] += spent;
  return { state, entryTime: Math.max(at, old.entryTime), time };
}

/** Where a vCPU that is not on a CPU belongs. */
const offCpu = [
  { guard: 'runnable', target: 'runnable' },
  { guard: 'blockedFlag', target: 'blocked' },
  { target: 'offline' },
] as const;

export const vcpuMachine = setup({
  types: {
    context: {} as VcpuContext,
    events: {} as VcpuEvent,
    input: {} as { at: number; processor: number },
  },
  actions: {
    enter: assign({ runstate: ({ context, event }, params: { state: number }) => enterRunstate(context, event, params.state) }),
  },
  guards: {
    runnable: ({ context }) => isRunnable(context),
    blockedFlag: ({ context }) => context.blocked,
  },
}).createMachine({
  id: 'vcpu',
  context: ({ input }) => ({
    pauseCount: 0,
    domainPauseCount: 0,
    down: true,
    blocked: false,
    processor: input.processor,
    runstate: { state: RUNSTATE.offline, entryTime: input.at, time: [0, 0, 0, 0] },
  }),
  on: {
    UP: { actions: assign({ down: false }) },
    DOWN: { actions: assign({ down: true }) },
    PAUSE: { actions: assign({ pauseCount: ({ context }) => context.pauseCount + 1 }) },
    UNPAUSE: { actions: assign({ pauseCount: ({ context }) => Math.max(0, context.pauseCount - 1) }) },
    DOMAIN_PAUSE: { actions: assign({ domainPauseCount: ({ context }) => context.domainPauseCount + 1 }) },
    DOMAIN_UNPAUSE: { actions: assign({ domainPauseCount: ({ context }) => Math.max(0, context.domainPauseCount - 1) }) },
    BLOCK: { actions: assign({ blocked: true }) },
    WAKE: { actions: assign({ blocked: false }) },
  },
  initial: 'offline',
  states: {
    offline: { entry: { type: 'enter', params: { state: RUNSTATE.offline } }, always: offCpu.slice(0, 2) },
    blocked: { entry: { type: 'enter', params: { state: RUNSTATE.blocked } }, always: [offCpu[0], { guard: ({ context }) => !context.blocked, target: 'offline' }] },
    runnable: {
      entry: { type: 'enter', params: { state: RUNSTATE.runnable } },
      always: { guard: ({ context }) => !isRunnable(context), target: 'off' },
      on: { SCHEDULE: { target: 'running', actions: assign({ processor: ({ event }) => event.processor }) } },
    },
    running: {
      entry: { type: 'enter', params: { state: RUNSTATE.running } },
      always: { guard: ({ context }) => !isRunnable(context), target: 'off' },
      on: { PREEMPT: 'runnable' },
    },
    /** Transient: leaving a CPU or the run queue for blocked or offline. */
    off: { always: offCpu.slice(1) },
  },
});
