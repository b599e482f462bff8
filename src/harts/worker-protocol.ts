// Messages between the main thread and a hart worker in parallel mode.
import type { BareMetalSetup } from './bare-metal-setup.js';
import type { ConsoleRun } from './console-order.js';
import type { HartRunStats } from './hart-stats.js';

export interface HartWorkerData {
  readonly setup: BareMetalSetup;
  readonly hartId: number;
  /** Numbers console bytes across the workers (see console-order). */
  readonly consoleCounter: SharedArrayBuffer;
}

export type HartWorkerMessage =
  | { readonly type: 'output'; readonly runs: readonly ConsoleRun[] }
  | { readonly type: 'done'; readonly stats: HartRunStats; readonly error: string | undefined };
