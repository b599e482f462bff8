// An in-process client of the daemon, for dom0 code running in the host (the
// toolstack): no socket, same protocol and semantics. Replies and events reach
// the client on a microtask, so client code never runs inside the daemon.
import { XenstoreClient } from './client.js';
import type { Xenstored } from './xenstored.js';

export interface LocalClient {
  readonly client: XenstoreClient;
  close(): void;
}

export function connectLocal(store: Xenstored, domid = 0): LocalClient {
  const client = new XenstoreClient((bytes) => conn.receive(bytes));
  const conn = store.connect(
    {
      write: (bytes) => queueMicrotask(() => client.receive(bytes)),
      close: (reason) => queueMicrotask(() => client.fail(reason)),
    },
    domid,
  );
  return { client, close: () => conn.close('client closed') };
}
