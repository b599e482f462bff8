// Introduced domains: each has a ring connection on the page the hypervisor
// maps for INTRODUCE's gfn and an event channel bound to INTRODUCE's port.
// RELEASE (or the hypervisor reporting the domain dead) fires @releaseDomain,
// drops the connection and, as C does, removes the nodes the domain owned.
import type { Connection } from './connection.js';
import type { DomainHost, EventChannelEnd } from './domain-host.js';
import type { Caller } from './operations.js';
import { XenstoreRingPage } from './ring-page.js';
import { RingTransport } from './ring-transport.js';
import type { PendingEvent } from './transaction.js';
import { XsError } from './wire.js';
import type { Xenstored } from './xenstored.js';

/** DOMID_SELF: IS_DOMAIN_INTRODUCED answers T for it, as C does. */
const DOMID_SELF = 0x7ff0;
const DOMID_FIRST_RESERVED = 0x7ff0;

export interface Domain {
  readonly domid: number;
  readonly gfn: bigint;
  port: number;
  target: number | undefined;
  /** @releaseDomain already fired for a shutdown; RESUME re-arms it. */
  shutdown: boolean;
  connection: Connection;
  readonly transport: RingTransport;
  channel: EventChannelEnd;
}

const TOOLSTACK: Caller = { domid: 0, privileged: true, target: undefined };

export class DomainRegistry {
  private readonly domains = new Map<number, Domain>();

  constructor(
    private readonly store: Xenstored,
    readonly host: DomainHost,
  ) {}

  get(domid: number): Domain | undefined {
    return this.domains.get(domid);
  }

  all(): Domain[] {
    return [...this.domains.values()];
  }

  isIntroduced(domid: number): boolean {
    return domid === 0 || domid === DOMID_SELF || this.domains.has(domid);
  }

  /** INTRODUCE: returns what to run after the OK reply (serve anything already in the ring). */
  introduce(domid: number, gfn: bigint, port: number): () => void {
    if (port <= 0 || domid < 0 || domid >= DOMID_FIRST_RESERVED) throw new XsError('EINVAL');
    const existing = this.domains.get(domid);
    if (existing) {
      // Re-introducing rebinds the event channel (a guest that was resumed elsewhere).
      const channel = this.host.bindEventChannel(domid, port, () => existing.transport.onEvent());
      if (channel === undefined) throw new XsError('EINVAL');
      existing.channel.close();
      existing.port = port;
      existing.channel = channel;
      existing.transport.bind(channel);
      return () => existing.transport.onEvent();
    }
    const domain = this.attach(domid, gfn, port);
    this.store.fireSpecial('@introduceDomain');
    return () => domain.transport.onEvent();
  }

  /** Maps the ring and binds the channel of a domain (INTRODUCE, or restoring saved state). */
  attach(domid: number, gfn: bigint, port: number): Domain {
    const bytes = this.host.mapRing(domid, gfn);
    if (bytes === undefined) throw new XsError('EINVAL');
    let page: XenstoreRingPage;
    try {
      page = new XenstoreRingPage(bytes);
    } catch {
      throw new XsError('EINVAL');
    }
    const store = this.store;
    // Bound before the connection exists: the guest cannot signal in between (both happen
    // in this synchronous call), and a port the guest never offered leaves nothing behind.
    const channel = this.host.bindEventChannel(domid, port, () => transport.onEvent());
    if (channel === undefined) throw new XsError('EINVAL');
    const transport = new RingTransport(
      page,
      () => (domain.connection.privileged ? undefined : store.quotas.get('outstanding')),
      () => this.reconnect(domain),
      this.host.mappingAlive?.(domid),
    );
    const domain: Domain = {
      domid,
      gfn,
      port,
      target: undefined,
      shutdown: false,
      connection: store.connect(transport, domid),
      transport,
      channel,
    };
    transport.attach(domain.connection);
    transport.bind(channel);
    this.domains.set(domid, domain);
    return domain;
  }

  /** The guest asked for a fresh connection: its watches and transactions go. */
  private reconnect(domain: Domain): void {
    this.store.disconnected(domain.connection);
    domain.connection = this.store.connect(domain.transport, domain.domid);
    domain.connection.target = domain.target;
    domain.transport.attach(domain.connection);
  }

  release(domid: number): () => void {
    const domain = this.domains.get(domid);
    if (domain === undefined) throw new XsError('ENOENT');
    this.domains.delete(domid);
    domain.connection.close('domain released');
    this.store.fireSpecial('@releaseDomain');
    return () => this.removeOwnedNodes(domid);
  }

  /** The hypervisor reports the domain shut down or dying: @releaseDomain fires once. */
  domainShutdown(domid: number): void {
    const domain = this.domains.get(domid);
    if (domain === undefined || domain.shutdown) return;
    domain.shutdown = true;
    this.store.fireSpecial('@releaseDomain');
  }

  resume(domid: number): void {
    const domain = this.domains.get(domid);
    if (domain === undefined) throw new XsError('ENOENT');
    domain.shutdown = false;
  }

  setTarget(domid: number, target: number): void {
    const domain = this.domains.get(domid);
    if (domain === undefined || !this.isIntroduced(target)) throw new XsError('ENOENT');
    domain.target = target;
    domain.connection.target = target;
  }

  private removeOwnedNodes(domid: number): void {
    const owned = [...this.store.tree.nodes].filter(([path, node]) => path !== '/' && node.perms.owner === domid);
    for (const [path] of owned) {
      if (this.store.tree.get(path) === undefined) continue;
      const events: PendingEvent[] = [];
      this.store.operations.rm(this.store.tree, TOOLSTACK, path, events);
      this.store.changed(events, undefined);
    }
  }
}
