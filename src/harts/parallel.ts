// Parallel mode: one worker thread per hart over the machine's shared memory. Resolves
// when every worker has finished (the run control stopped) with per-hart figures.
import { Worker } from 'node:worker_threads';
import type { BareMetalSetup } from './bare-metal-setup.js';
import { ConsoleReorder, createConsoleCounter } from './console-order.js';
import type { HartRunStats } from './hart-stats.js';
import { StopKind, type RunControl } from './run-control.js';
import type { HartWorkerData, HartWorkerMessage } from './worker-protocol.js';

const workerUrl = new URL('../../dist/harts/worker.js', import.meta.url);

export interface ParallelOutcome {
  readonly stats: HartRunStats[];
  /** The first error a hart reported. */
  readonly error: string | undefined;
}

export async function runParallel(setup: BareMetalSetup, control: RunControl, onOutput: (bytes: Uint8Array) => void): Promise<ParallelOutcome> {
  const ids = Array.from({ length: setup.config.harts }, (_, i) => i);
  let error: string | undefined;
  const consoleCounter = createConsoleCounter();
  const ordered = new ConsoleReorder(onOutput);
  const stats = await Promise.all(ids.map((hartId) => new Promise<HartRunStats>((resolve) => {
    const data: HartWorkerData = { setup, hartId, consoleCounter };
    const worker = new Worker(workerUrl, { workerData: data });
    let done: HartRunStats | undefined;
    worker.on('message', (message: HartWorkerMessage) => {
      if (message.type === 'output') {
        ordered.accept(message.runs);
      } else {
        done = message.stats;
        error ??= message.error;
      }
    });
    worker.on('error', (thrown) => {
      error ??= `hart ${hartId}: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
      control.stop(StopKind.Error, 0, hartId);
    });
    worker.on('exit', () => resolve(done ?? { hart: hartId, instructions: 0, wallMs: 0, mips: 0 }));
  })));
  ordered.drain();
  return { stats, error };
}
