// One client of xenstored: a socket peer or a domain's ring. It owns the
// client's transactions and watches and turns its byte stream into requests.
import type { Caller } from './operations.js';
import type { Tracer } from './trace.js';
import type { Transaction } from './transaction.js';
import type { Watch, WatchOwner } from './watches.js';
import { encodeFrame, type Frame, FrameReader, Msg, OversizeFrameError, PAYLOAD_MAX } from './wire.js';

/** How bytes reach the peer; implemented by the socket and ring transports. */
export interface Transport {
  write(bytes: Buffer): void;
  /** Ends the connection: a protocol violation by the peer, or release/shutdown. */
  close(reason: string, protocolError: boolean): void;
}

export interface RequestSink {
  handle(conn: Connection, frame: Frame): void;
  disconnected(conn: Connection): void;
}

let nextConnectionId = 1;

export class Connection implements Caller, WatchOwner {
  readonly id = nextConnectionId++;
  readonly transactions = new Map<number, Transaction>();
  readonly watches: Watch[] = [];
  nextTransactionId = 1;
  target: number | undefined;
  closed = false;
  tracer: Tracer | undefined;
  private readonly reader = new FrameReader();

  constructor(
    private readonly sink: RequestSink,
    readonly transport: Transport,
    readonly domid: number,
    readonly privileged: boolean,
  ) {}

  /** Bytes from the peer: every complete request is handled in order. */
  receive(chunk: Buffer): void {
    if (this.closed) return;
    try {
      this.reader.push(chunk, (frame) => {
        this.tracer?.message('IN', this.id, this.domid, frame);
        this.sink.handle(this, frame);
        return !this.closed;
      });
    } catch (error) {
      if (!(error instanceof OversizeFrameError)) throw error;
      this.close(error.message, true);
    }
  }

  reply(request: Frame, type: number, payload: Buffer | string): void {
    this.send(encodeFrame(type, request.reqId, request.txId, payload));
  }

  sendEvent(path: string, token: string): void {
    const length = path.length + token.length + 2;
    if (length > PAYLOAD_MAX || this.closed) return; // C drops oversized events silently
    this.send(encodeFrame(Msg.WATCH_EVENT, 0, 0, `${path}\0${token}\0`));
  }

  private send(bytes: Buffer): void {
    if (this.tracer) {
      const header = { type: bytes.readUInt32LE(0), reqId: bytes.readUInt32LE(4), txId: bytes.readUInt32LE(8) };
      this.tracer.message('OUT', this.id, this.domid, { ...header, payload: bytes.subarray(16) });
    }
    this.transport.write(bytes);
  }

  /** Drops the peer and everything it held. Safe to call twice. */
  close(reason: string, protocolError = false): void {
    if (this.closed) return;
    this.closed = true;
    this.reader.reset();
    this.sink.disconnected(this);
    this.transport.close(reason, protocolError);
  }
}
