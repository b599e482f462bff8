// Messages between the main thread and a hart worker in parallel mode.
import type { BareMetalSetup } from './bare-metal-setup.js';
import type { HartRunStats } from './hart-stats.js';

export interface HartWorkerData {
  readonly setup: BareMetalSetup;
  readonly hartId: number;
}

export type HartWorkerMessage =
  | { readonly type: 'output'; readonly bytes: Uint8Array }
  | { readonly type: 'done'; readonly stats: HartRunStats; readonly error: string | undefined };
