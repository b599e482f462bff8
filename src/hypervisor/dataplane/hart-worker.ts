// A data-plane hart worker (parallel mode): runs one hart until the host stops it,
// sleeping on Atomics at the quantum barrier and when idle. Requests are posted in the
// hart's mailbox (faults, which carry text, are messages) and the hart waits for the
// reply there; console text from fast paths is batched per slice.
import { parentPort, workerData } from 'node:worker_threads';
import { Step } from '../../harts/hart-loop.js';
import { createVcpuHart } from './hart-setup.js';
import { HartMailbox } from './mailbox.js';
import type { ControlLink, HartSetup, WorkerToMain } from './protocol.js';

const port = parentPort!;
const { setup, hartId } = workerData as { setup: HartSetup; hartId: number };
const post = (message: WorkerToMain) => port.postMessage(message);
const mailbox = new HartMailbox(setup.mailboxBuffer, setup.machine.harts);

let pending: { domid: number; text: string } | undefined;
/** Output went as a message since the last request: the next request follows it as a message too, in order. */
let messagesInFlight = false;
const flush = () => {
  if (pending === undefined) return;
  post({ type: 'output', domid: pending.domid, text: pending.text });
  pending = undefined;
  messagesInFlight = true;
};

const link: ControlLink = {
  request(request) {
    flush();
    if (request.kind === 'fault' || messagesInFlight) post({ type: 'request', request });
    else mailbox.postRequest(request);
    messagesInFlight = false;
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
