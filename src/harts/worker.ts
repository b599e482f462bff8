// A hart worker (parallel mode): runs one hart until the run stops, sleeping on Atomics
// at the quantum barrier and in WFI. Console bytes go to the main thread in numbered batches.
import { parentPort, workerData } from 'node:worker_threads';
import { createHartLoops } from './bare-metal-setup.js';
import { NumberedConsole } from './console-order.js';
import { Step } from './hart-loop.js';
import type { HartWorkerData, HartWorkerMessage } from './worker-protocol.js';

const port = parentPort!;
const { setup, hartId, consoleCounter } = workerData as HartWorkerData;
const post = (message: HartWorkerMessage) => port.postMessage(message);

const pending = new NumberedConsole(consoleCounter);
const flush = () => {
  if (!pending.isEmpty) post({ type: 'output', runs: pending.take() });
};

const [loop] = await createHartLoops(setup, [hartId], (bytes) => pending.write(bytes));
loop!.startTogether();
const started = performance.now();
let waitedMs = 0;
for (;;) {
  const step = loop!.step();
  flush();
  if (step === Step.Stopped) break;
  if (step === Step.Blocked) {
    const blockedAt = performance.now();
    loop!.waitUntilRunnable();
    waitedMs += performance.now() - blockedAt;
  }
}
flush();
post({ type: 'done', stats: loop!.stats(performance.now() - started - waitedMs), error: loop!.errorMessage });
