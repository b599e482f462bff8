// A data-plane hart worker (parallel mode): runs one hart until the host stops it,
// sleeping on Atomics at the quantum barrier and when idle. Slow-path requests go to the
// main thread as messages and the hart waits for the reply in its mailbox; console text
// from fast paths is batched per slice.
import { parentPort, workerData } from 'node:worker_threads';
import { Step } from '../../harts/hart-loop.js';
import { createVcpuHart } from './hart-setup.js';
import type { ControlLink, HartSetup, WorkerToMain } from './protocol.js';

const port = parentPort!;
const { setup, hartId } = workerData as { setup: HartSetup; hartId: number };
const post = (message: WorkerToMain) => port.postMessage(message);

let pending: { domid: number; text: string } | undefined;
const flush = () => {
  if (pending === undefined) return;
  post({ type: 'output', domid: pending.domid, text: pending.text });
  pending = undefined;
};

const link: ControlLink = {
  request(request) {
    flush();
    post({ type: 'request', request });
  },
  output(domid, text) {
    if (pending !== undefined && pending.domid !== domid) flush();
    pending = { domid, text: (pending?.text ?? '') + text };
  },
};

const hart = await createVcpuHart(setup, hartId, link);
post({ type: 'ready', hart: hartId });
for (;;) {
  const step = hart.step();
  flush();
  if (step === Step.Stopped) break;
  if (step === Step.Blocked) hart.waitUntilRunnable();
}
