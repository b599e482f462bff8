// A hart worker (parallel mode): runs one hart until the run stops, sleeping on Atomics
// at the quantum barrier and in WFI. Console bytes go to the main thread in batches.
import { parentPort, workerData } from 'node:worker_threads';
import { createHartLoops } from './bare-metal-setup.js';
import { Step } from './hart-loop.js';
import type { HartWorkerData, HartWorkerMessage } from './worker-protocol.js';

const port = parentPort!;
const { setup, hartId } = workerData as HartWorkerData;
const post = (message: HartWorkerMessage) => port.postMessage(message);

let pending: Uint8Array[] = [];
const flush = () => {
  if (pending.length === 0) return;
  post({ type: 'output', bytes: Buffer.concat(pending) });
  pending = [];
};

const [loop] = await createHartLoops(setup, [hartId], (bytes) => pending.push(bytes));
loop!.startTogether();
const started = performance.now();
let waitedMs = 0;
for (;;) {
  const step = loop!.step();
  if (pending.length > 0) flush();
  if (step === Step.Stopped) break;
  if (step === Step.Blocked) {
    const blockedAt = performance.now();
    loop!.waitUntilRunnable();
    waitedMs += performance.now() - blockedAt;
  }
}
flush();
post({ type: 'done', stats: loop!.stats(performance.now() - started - waitedMs), error: loop!.errorMessage });
