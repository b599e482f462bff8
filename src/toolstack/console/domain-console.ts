// One domain's PV console as its backend holds it: the mapped ring, dom0's end of the
// console event channel, the output kept for sessions that attach later (the newest
// `limit` bytes, as xenconsoled's buffer), the sessions attached now, and typed input
// waiting for room in the guest's in[] ring.
import type { EventChannelEnd } from '../../xenstore/domain-host.js';
import type { ConsoleRing } from './console-ring.js';

/** An attached viewer: gets output as it arrives, and hears when the console goes away. */
export interface ConsoleListener {
  output(bytes: Uint8Array): void;
  closed(): void;
}

/** Typed input held for the guest beyond this is dropped (a pty would stop the typist). */
const MAX_PENDING_INPUT = 64 * 1024;

export class DomainConsole {
  private kept: Uint8Array[] = [];
  private keptBytes = 0;
  private readonly listeners = new Set<ConsoleListener>();
  private pendingInput: Uint8Array[] = [];
  private pendingBytes = 0;
  private channel: EventChannelEnd | undefined;
  private open = true;

  constructor(
    readonly domid: number,
    private readonly ring: ConsoleRing,
    /** Bytes of output kept for later sessions. */
    private readonly limit: number,
    /** False once the domain's memory may no longer be the ring (the domain died). */
    private readonly mapped: () => boolean,
  ) {}

  /** The channel is bound after the console exists, since its handler is this console's. */
  bind(channel: EventChannelEnd): void {
    this.channel = channel;
    this.service();
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Everything kept so far, oldest first. */
  keptOutput(): Uint8Array {
    return Buffer.concat(this.kept, this.keptBytes);
  }

  /** Adds a viewer; returns its detach. */
  attach(listener: ConsoleListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Input typed by a viewer, for the guest's in[] ring. */
  input(bytes: Uint8Array): void {
    if (!this.open || bytes.length === 0) return;
    if (this.pendingBytes + bytes.length > MAX_PENDING_INPUT) return;
    this.pendingInput.push(bytes);
    this.pendingBytes += bytes.length;
    this.service();
  }

  /** The guest signalled: take its output, feed it pending input, signal back if anything moved. */
  service(): void {
    if (!this.open || !this.mapped()) return;
    const output = this.ring.takeOutput();
    let moved = output.length > 0;
    if (moved) this.record(output);
    while (this.pendingInput.length > 0) {
      const head = this.pendingInput[0];
      const written = this.ring.putInput(head);
      if (written === 0) break;
      moved = true;
      this.pendingBytes -= written;
      if (written === head.length) this.pendingInput.shift();
      else this.pendingInput[0] = head.subarray(written);
    }
    if (moved) this.channel?.notify();
  }

  private record(output: Uint8Array): void {
    this.kept.push(output);
    this.keptBytes += output.length;
    while (this.keptBytes > this.limit) {
      const excess = this.keptBytes - this.limit;
      const oldest = this.kept[0];
      if (oldest.length <= excess) {
        this.kept.shift();
        this.keptBytes -= oldest.length;
      } else {
        this.kept[0] = oldest.subarray(excess);
        this.keptBytes -= excess;
      }
    }
    for (const listener of this.listeners) listener.output(output);
  }

  /**
   * The domain is dying or gone: take what it wrote last (while its page is still its
   * ring), unbind, stop touching the page, tell the viewers.
   */
  close(): void {
    if (!this.open) return;
    if (this.mapped()) {
      const last = this.ring.takeOutput();
      if (last.length > 0) this.record(last);
    }
    this.open = false;
    this.channel?.close();
    this.pendingInput = [];
    for (const listener of [...this.listeners]) listener.closed();
    this.listeners.clear();
  }
}
