// The host's handle on xenstored running in a worker thread: the same
// receive/post message interface as an in-process XenstoredActor.
import { Worker } from 'node:worker_threads';
import type { FromXenstored, ToXenstored } from './actor.js';

export class XenstoredWorker {
  private readonly worker: Worker;

  constructor(post: (message: FromXenstored) => void) {
    // Built JS from dist/, resolved from this file so it works from src (vitest) and dist.
    this.worker = new Worker(new URL('../../dist/xenstore/worker.js', import.meta.url));
    this.worker.on('message', post);
  }

  receive(message: ToXenstored): void {
    this.worker.postMessage(message);
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}
