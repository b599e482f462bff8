// The server end of a guest's xenstore ring: requests are taken from the page
// whenever the guest's event channel fires, replies and watch events are copied
// in as space allows. A guest that stops reading replies is throttled (its
// further requests stay in its ring, C's "outstanding requests" quota), and a
// guest that corrupts its indices or sends an oversized frame gets `error` set
// and is no longer served; neither can make the daemon buffer without bound. A page
// that stopped being the guest's (the domain died before its RELEASE) is left alone.
import type { Connection, Transport } from './connection.js';
import type { EventChannelEnd } from './domain-host.js';
import { Msg } from './wire.js';
import { RING_SIZE, RingConnection, RingError, RingFeature, type XenstoreRingPage } from './ring-page.js';

/** Watch events queued beyond this many bytes are dropped for a guest that does not read. */
const MAX_QUEUED_BYTES = 256 * 1024;

export class RingTransport implements Transport {
  private connection: Connection | undefined;
  private channel: EventChannelEnd | undefined;
  private queue: Buffer[] = [];
  private queuedBytes = 0;
  private running = false;
  private again = false;
  private dead = false;
  private pageGone = false;
  /** Indices moved since the guest was last signalled (one notify per service pass). */
  private moved = false;

  constructor(
    readonly page: XenstoreRingPage,
    /** Replies in flight after which requests are no longer taken; undefined = no limit. */
    private readonly outstandingLimit: () => number | undefined,
    /** Called when the guest asks for a fresh connection (feature RECONNECTION). */
    private readonly reconnect: () => void,
    /** False once the page may no longer be the guest's. */
    private readonly pageAlive: () => boolean = () => true,
  ) {
    page.serverFeatures = RingFeature.RECONNECTION | RingFeature.ERROR;
  }

  attach(connection: Connection): void {
    this.connection = connection;
  }

  bind(channel: EventChannelEnd): void {
    this.channel = channel;
  }

  /** The guest signalled its event channel (or the host polls). */
  onEvent(): void {
    if (!this.usable()) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        this.serviceOnce();
      } while (this.again && !this.dead);
    } finally {
      this.running = false;
      this.signal();
    }
  }

  private signal(): void {
    if (!this.moved) return;
    this.moved = false;
    this.channel?.notify();
  }

  private serviceOnce(): void {
    if (this.page.connection === RingConnection.RECONNECT) this.resetConnection();
    this.flush();
    const limit = this.outstandingLimit();
    if (limit !== undefined && this.queue.length >= limit) return;
    const pending = this.page.requests.pending();
    if (pending > RING_SIZE) {
      this.fail(RingError.RINGIDX, 'request ring indices corrupt');
      return;
    }
    if (pending === 0) return;
    const bytes = this.page.requests.take();
    this.moved = true;
    this.connection?.receive(bytes);
  }

  private resetConnection(): void {
    this.queue = [];
    this.queuedBytes = 0;
    this.page.requests.reset();
    this.page.responses.reset();
    this.reconnect();
    this.page.connection = RingConnection.CONNECTED;
    this.moved = true;
  }

  write(bytes: Buffer): void {
    if (!this.usable()) return;
    if (this.queuedBytes > MAX_QUEUED_BYTES && bytes.readUInt32LE(0) === Msg.WATCH_EVENT) return;
    this.queue.push(bytes);
    this.queuedBytes += bytes.length;
    this.flush();
    if (!this.running) this.signal();
  }

  private flush(): void {
    while (this.queue.length > 0 && this.page.responses.space() > 0) {
      const head = this.queue[0];
      const written = this.page.responses.put(head);
      this.moved = true;
      this.queuedBytes -= written;
      if (written === head.length) this.queue.shift();
      else this.queue[0] = head.subarray(written);
    }
  }

  private fail(error: number, reason: string): void {
    this.page.error = error;
    this.connection?.close(reason);
  }

  /** Not closed, and the page is still the guest's (once it is not, it never is again). */
  private usable(): boolean {
    if (!this.pageGone && !this.pageAlive()) {
      this.pageGone = true;
      this.queue = [];
    }
    return !this.dead && !this.pageGone;
  }

  close(_reason: string, protocolError: boolean): void {
    if (protocolError && this.usable()) this.page.error = RingError.PROTO;
    if (this.dead) return;
    this.dead = true;
    this.queue = [];
    this.channel?.close();
  }
}
