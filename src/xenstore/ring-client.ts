// The guest side of a xenstore ring, as a guest's xenbus driver drives it:
// requests are copied into `req` as space allows, replies and events are taken
// from `rsp`, and every index update is followed by a notify.
import { XenstoreClient } from './client.js';
import type { XenstoreRingPage } from './ring-page.js';

export class RingClient {
  readonly client: XenstoreClient;
  private outgoing: Buffer[] = [];

  constructor(
    readonly page: XenstoreRingPage,
    /** Signals the guest's event channel to the daemon. */
    private readonly notify: () => void,
  ) {
    this.client = new XenstoreClient((bytes) => {
      this.outgoing.push(bytes);
      this.pump();
    });
  }

  /** The daemon signalled the event channel. */
  onEvent(): void {
    this.pump();
  }

  private pump(): void {
    let moved = false;
    while (this.outgoing.length > 0 && this.page.requests.space() > 0) {
      const head = this.outgoing[0];
      const written = this.page.requests.put(head);
      moved = true;
      if (written === head.length) this.outgoing.shift();
      else this.outgoing[0] = head.subarray(written);
    }
    if (this.page.responses.pending() > 0) {
      this.client.receive(this.page.responses.take());
      moved = true;
    }
    if (moved) this.notify();
  }
}
