// Guests for the ring tests: a DomainHost whose ring pages are SharedArrayBuffer
// pages and whose event channels are microtask doorbells, and the guest side
// (RingClient) driving the same protocol a xenbus driver would.
import type { XenstoreClient } from '../../src/xenstore/client.js';
import type { DomainHost, EventChannelEnd } from '../../src/xenstore/domain-host.js';
import { connectLocal } from '../../src/xenstore/local-client.js';
import { RingClient } from '../../src/xenstore/ring-client.js';
import { XenstoreRingPage } from '../../src/xenstore/ring-page.js';
import { Xenstored } from '../../src/xenstore/xenstored.js';

interface GuestSlot {
  page: Uint8Array;
  serverEvent?: () => void;
  guest?: RingClient;
}

export class LoopbackHost implements DomainHost {
  readonly slots = new Map<number, GuestSlot>();

  /** A page for the guest to be introduced (as the domain builder would allocate). */
  prepare(domid: number): XenstoreRingPage {
    const page = new Uint8Array(new SharedArrayBuffer(4096));
    const slot: GuestSlot = { page };
    this.slots.set(domid, slot);
    const ring = new XenstoreRingPage(page);
    slot.guest = new RingClient(ring, () => queueMicrotask(() => slot.serverEvent?.()));
    return ring;
  }

  guest(domid: number): RingClient {
    const guest = this.slots.get(domid)?.guest;
    if (!guest) throw new Error(`no guest ${domid}`);
    return guest;
  }

  mapRing(domid: number): Uint8Array | undefined {
    return this.slots.get(domid)?.page;
  }

  bindEventChannel(domid: number, _port: number, onEvent: () => void): EventChannelEnd {
    const slot = this.slots.get(domid) as GuestSlot;
    slot.serverEvent = onEvent;
    return {
      notify: () => queueMicrotask(() => slot.guest?.onEvent()),
      close: () => {
        slot.serverEvent = undefined;
      },
    };
  }
}

export interface World {
  store: Xenstored;
  host: LoopbackHost;
  dom0: XenstoreClient;
  /** Introduces `domid` (creating /local/domain/<domid> owned by it) and returns its ring client. */
  guest(domid: number): Promise<XenstoreClient>;
}

export function makeWorld(): World {
  const host = new LoopbackHost();
  const store = new Xenstored({ host, log: () => {} });
  const dom0 = connectLocal(store).client;
  return {
    store,
    host,
    dom0,
    async guest(domid) {
      host.prepare(domid);
      await dom0.mkdir(`/local/domain/${domid}`);
      await dom0.setPerms(`/local/domain/${domid}`, [`n${domid}`]);
      await dom0.introduce(domid, 0x1000 + domid, 10 + domid);
      return host.guest(domid).client;
    },
  };
}

/** The XsError name a promise rejects with, or 'OK'. */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
