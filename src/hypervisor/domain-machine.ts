// The domain lifecycle as an xstate machine:
// creating → paused ⇄ running → shutdown(reason) → dying → dead.
// paused/running follow the toolstack's (controller) pause count; a shutdown keeps the
// first reason given until the domain is resumed; dying releases resources, dead is final.
import { assign, not, setup, stateIn } from 'xstate';

export const SHUTDOWN_CODE_NONE = -1;

export interface DomainContext {
  controllerPauseCount: number;
  /** The SHUTDOWN_* reason, or SHUTDOWN_CODE_NONE. */
  shutdownCode: number;
}

export type DomainEvent =
  | { type: 'CREATED' | 'PAUSE' | 'UNPAUSE' | 'RESUME' | 'KILL' | 'RELEASED' }
  | { type: 'SHUTDOWN' | 'SET_SHUTDOWN_CODE'; code: number };

export const domainMachine = setup({
  types: { context: {} as DomainContext, events: {} as DomainEvent },
  guards: {
    paused: ({ context }) => context.controllerPauseCount > 0,
  },
  actions: {
    // The first code wins: one set earlier (SCHEDOP_shutdown_code) is kept.
    recordShutdown: assign({
      shutdownCode: ({ context, event }) =>
        context.shutdownCode !== SHUTDOWN_CODE_NONE || event.type !== 'SHUTDOWN' ? context.shutdownCode : event.code,
    }),
  },
}).createMachine({
  id: 'domain',
  // A new domain starts paused by its creator; the toolstack's first unpause starts it.
  context: { controllerPauseCount: 1, shutdownCode: SHUTDOWN_CODE_NONE },
  initial: 'creating',
  states: {
    creating: { on: { CREATED: 'paused' } },
    paused: {
      always: { guard: ({ context }) => context.controllerPauseCount === 0, target: 'running' },
      on: { SHUTDOWN: { target: 'shutdown', actions: 'recordShutdown' } },
    },
    running: {
      always: { guard: 'paused', target: 'paused' },
      on: { SHUTDOWN: { target: 'shutdown', actions: 'recordShutdown' } },
    },
    shutdown: {
      on: {
        RESUME: [
          { guard: 'paused', target: 'paused', actions: assign({ shutdownCode: SHUTDOWN_CODE_NONE }) },
          { target: 'running', actions: assign({ shutdownCode: SHUTDOWN_CODE_NONE }) },
        ],
      },
    },
    dying: { on: { RELEASED: 'dead' } },
    dead: { type: 'final' },
  },
  on: {
    PAUSE: { actions: assign({ controllerPauseCount: ({ context }) => context.controllerPauseCount + 1 }) },
    UNPAUSE: { actions: assign({ controllerPauseCount: ({ context }) => Math.max(0, context.controllerPauseCount - 1) }) },
    SET_SHUTDOWN_CODE: {
      guard: ({ context }) => context.shutdownCode === SHUTDOWN_CODE_NONE,
      actions: assign({ shutdownCode: ({ event }) => event.code }),
    },
    KILL: { guard: not(stateIn('dying')), target: '.dying' },
  },
});
