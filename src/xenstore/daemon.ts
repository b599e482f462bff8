// The standalone daemon: a Xenstored on a unix socket, optionally tracing and
// keeping its state in a file (restored at start, saved periodically when the
// tree changed and on stop).
import { existsSync } from 'node:fs';
import { SocketServer } from './socket-server.js';
import { loadStateFile, saveStateFile } from './state.js';
import { FileTracer } from './trace.js';
import { Xenstored } from './xenstored.js';

export interface DaemonOptions {
  socket: string;
  trace?: string;
  state?: string;
  /** Seconds between state saves while the tree changes. */
  saveInterval?: number;
  privDomid?: number;
  /** Quota overrides, name → value (names as `xenstore-control quota` prints them). */
  quotas?: Record<string, number>;
}

export interface RunningDaemon {
  readonly store: Xenstored;
  /** Saves state (if configured) and stops serving. */
  stop(): Promise<void>;
}

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const store = new Xenstored({
    privDomid: options.privDomid,
    tracer: options.trace ? new FileTracer(options.trace) : undefined,
  });
  const stateFile = options.state;
  if (stateFile && existsSync(stateFile)) loadStateFile(store, stateFile);
  for (const [name, value] of Object.entries(options.quotas ?? {})) store.quotas.set(name, String(value));

  const server = new SocketServer(store);
  await server.listen(options.socket);

  let savedGeneration = store.tree.generation;
  const save = (): void => {
    if (!stateFile) return;
    saveStateFile(store, stateFile);
    savedGeneration = store.tree.generation;
  };
  save();
  const timer = stateFile
    ? setInterval(() => {
        if (store.tree.generation !== savedGeneration) save();
      }, (options.saveInterval ?? 5) * 1000)
    : undefined;
  timer?.unref();

  return {
    store,
    async stop() {
      if (timer) clearInterval(timer);
      save();
      await server.close();
      store.shutdown();
    },
  };
}
