// xenstored as an actor: plain, cloneable messages in and out, so the same
// object runs on a thread's event loop or inside a worker (worker.ts, started
// by XenstoredWorker in worker-host.ts) without its user noticing.
//
// Guest rings: `guest-ring` hands it a view of a guest's ring frame (a view
// into the shared guest memory, so a worker sees the same bytes) before dom0
// sends INTRODUCE for that domain; a guest's event-channel kick is an `event`
// message; the daemon signalling a guest is a `notify` message back. Dom0 code
// talks the wire protocol over `open`/`data`.
//
// Where it runs: bench/xenstore-actor.mjs measured this actor alone (8 guests in a
// worker, 32 requests in flight each, 2 cores): in-process, ~80k requests/s left the
// main thread's event-loop delay at p99 4.5 ms with stalls up to ~100 ms; in a worker,
// p99 2.1 ms, max 13 ms. The simulator host nevertheless runs Xenstored on its main
// thread (toolstack/host.ts, rings and event channels through Dom0DomainHost): in
// deterministic mode the harts run on that thread and a worker's replies would land at
// wall-clock-dependent points, breaking repeatable runs; and in parallel mode
// bench/xenstore-flood.mjs shows guests flooding xenstored over their rings slow a
// slow-path hypercall on another hart by 6-12% while the event-loop delay stays as it is
// idle (the flood's cost is CPU: a worker would add a thread to the same two cores). This
// actor serves the worker form (worker.ts, XenstoredWorker in worker-host.ts) for embedders.
import type { DomainHost, EventChannelEnd } from './domain-host.js';
import type { Connection } from './connection.js';
import { Xenstored, type XenstoredOptions } from './xenstored.js';

export type ToXenstored =
  | { kind: 'open'; conn: number; domid: number }
  | { kind: 'data'; conn: number; bytes: Uint8Array }
  | { kind: 'close'; conn: number }
  | { kind: 'guest-ring'; domid: number; gfn: bigint; page: Uint8Array }
  | { kind: 'event'; domid: number }
  | { kind: 'domain-shutdown'; domid: number };

export type FromXenstored =
  | { kind: 'data'; conn: number; bytes: Uint8Array }
  | { kind: 'closed'; conn: number; reason: string }
  | { kind: 'notify'; domid: number };

/**
 * Rings announced by the hypervisor, and event channels that are messages.
 * Kicks are coalesced: a burst of `event` messages only marks rings, and each
 * marked ring is served once per event-loop turn, so one turn does at most a
 * ring's worth (1 KiB of requests) per guest, however many kicks queued up.
 */
class MessageDomainHost implements DomainHost {
  private readonly rings = new Map<number, { gfn: bigint; page: Uint8Array }>();
  private readonly handlers = new Map<number, () => void>();
  private readonly kicked = new Set<number>();
  private scheduled = false;

  constructor(private readonly post: (message: FromXenstored) => void) {}

  addRing(domid: number, gfn: bigint, page: Uint8Array): void {
    this.rings.set(domid, { gfn, page });
  }

  mapRing(domid: number, gfn: bigint): Uint8Array | undefined {
    const ring = this.rings.get(domid);
    return ring && ring.gfn === gfn ? ring.page : undefined;
  }

  bindEventChannel(domid: number, _remotePort: number, onEvent: () => void): EventChannelEnd {
    this.handlers.set(domid, onEvent);
    return {
      notify: () => this.post({ kind: 'notify', domid }),
      close: () => {
        if (this.handlers.get(domid) === onEvent) this.handlers.delete(domid);
      },
    };
  }

  event(domid: number): void {
    this.kicked.add(domid);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const domids = [...this.kicked];
      this.kicked.clear();
      for (const id of domids) this.handlers.get(id)?.();
    });
  }
}

export class XenstoredActor {
  readonly store: Xenstored;
  private readonly host: MessageDomainHost;
  private readonly clients = new Map<number, Connection>();

  constructor(
    private readonly post: (message: FromXenstored) => void,
    options: Omit<XenstoredOptions, 'host'> = {},
  ) {
    this.host = new MessageDomainHost(post);
    this.store = new Xenstored({ ...options, host: this.host });
  }

  receive(message: ToXenstored): void {
    switch (message.kind) {
      case 'open': {
        const id = message.conn;
        const conn = this.store.connect(
          {
            write: (bytes) => this.post({ kind: 'data', conn: id, bytes }),
            close: (reason) => {
              this.clients.delete(id);
              this.post({ kind: 'closed', conn: id, reason });
            },
          },
          message.domid,
        );
        this.clients.set(id, conn);
        break;
      }
      case 'data':
        this.clients.get(message.conn)?.receive(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
        break;
      case 'close':
        this.clients.get(message.conn)?.close('client closed');
        break;
      case 'guest-ring':
        this.host.addRing(message.domid, message.gfn, message.page);
        break;
      case 'event':
        this.host.event(message.domid);
        break;
      case 'domain-shutdown':
        this.store.domains.domainShutdown(message.domid);
        break;
    }
  }
}
