// What xenstored needs from the hypervisor to serve a guest: its ring page and
// the server end of its event channel. The hypervisor implements DomainHost
// with the guest's real frame (a view into guest memory) and a real event
// channel; standalone runs use DetachedDomainHost.

/** The server end of a guest's xenstore event channel. */
export interface EventChannelEnd {
  /** Signals the guest (after the ring indices moved). */
  notify(): void;
  /** Unbinds; no more onEvent calls after this. */
  close(): void;
}

export interface DomainHost {
  /**
   * Maps the guest's `xenstore_domain_interface` page named by INTRODUCE's gfn:
   * a 4096-byte view, possibly into a SharedArrayBuffer. Undefined if the frame
   * is not the guest's.
   */
  mapRing(domid: number, gfn: bigint): Uint8Array | undefined;
  /**
   * Binds to the guest's port; `onEvent` runs whenever the guest signals it.
   * Undefined if the port is not one the guest offered this daemon.
   */
  bindEventChannel(domid: number, remotePort: number, onEvent: () => void): EventChannelEnd | undefined;
  /**
   * Optional: whether the page mapRing gave for `domid` is still the domain's. Once it
   * says false (the domain died: its frames may become another domain's), the daemon does
   * not touch the page again. Without it the page is the daemon's until RELEASE.
   */
  mappingAlive?(domid: number): () => boolean;
}

/**
 * For a daemon with no hypervisor (the standalone command): INTRODUCE gets a
 * private zeroed page that no guest writes and an event channel that goes
 * nowhere. Domain bookkeeping (introduce/release events, ownership, quotas)
 * still behaves exactly as with a live guest.
 */
export class DetachedDomainHost implements DomainHost {
  mapRing(): Uint8Array {
    return new Uint8Array(4096);
  }

  bindEventChannel(): EventChannelEnd {
    return { notify: () => {}, close: () => {} };
  }
}
