// xenstored as an actor of the host: plain, cloneable messages in and out, so
// the same object runs on the host's main thread or inside a worker
// (xenstored-worker.ts) without the host noticing the difference.
//
// Guest rings: the hypervisor posts `guest-ring` with a view of the guest's
// ring frame (a view into the shared guest memory, so a worker sees the same
// bytes) before dom0's toolstack sends INTRODUCE for that domain; a guest's
// event-channel kick is an `event` message; the daemon signalling a guest is a
// `notify` message back. Dom0 code talks the wire protocol over `open`/`data`.
//
// Where it runs (measured by bench/xenstore-actor.mjs, see its header and the
// report): on the main thread, work per message is bounded (one ring holds at
// most 1 KiB of requests, a socket/data chunk is handled in one go), so a flood
// delays other actors by the time of one message, not of the flood. The
// default is therefore in-process, and the worker is there for hosts that
// want xenstore load entirely off the control plane's thread.
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

/** Rings announced by the hypervisor, and event channels that are messages. */
class MessageDomainHost implements DomainHost {
  private readonly rings = new Map<number, { gfn: bigint; page: Uint8Array }>();
  private readonly handlers = new Map<number, () => void>();

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
    this.handlers.get(domid)?.();
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
