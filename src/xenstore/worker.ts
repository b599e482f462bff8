// xenstored in its own worker thread: the actor behind postMessage. Start it
// with XenstoredWorker (xenstored-worker-host.ts) from the host.
import { parentPort } from 'node:worker_threads';
import { type FromXenstored, type ToXenstored, XenstoredActor } from './actor.js';

if (parentPort) {
  const port = parentPort;
  // Replies are often views into a shared 8 KiB pool; cloning a view clones its whole
  // buffer, so post an exact copy of the bytes instead.
  const actor = new XenstoredActor((message: FromXenstored) =>
    port.postMessage(message.kind === 'data' ? { ...message, bytes: new Uint8Array(message.bytes) } : message),
  );
  port.on('message', (message: ToXenstored) => actor.receive(message));
}
