// The xenstore daemon's state and request dispatch: one tree, the connected
// clients (socket peers are dom0; each introduced domain has a ring), their
// watches and transactions, and the quotas. Transports feed bytes in through
// Connection.receive; everything here runs synchronously per request.
import { Connection, type RequestSink, type Transport } from './connection.js';
import { DetachedDomainHost, type DomainHost } from './domain-host.js';
import { DomainRegistry } from './domains.js';
import { REQUEST_HANDLERS, type RequestContext } from './handlers.js';
import { NodeOperations, mayAccess } from './operations.js';
import { isSpecialPath, parentOf, type SpecialWatch } from './path.js';
import { PERM_READ, PermList } from './perms.js';
import { defaultQuotas, defaultSoftQuotas, type Quotas } from './quota.js';
import type { Tracer } from './trace.js';
import type { PendingEvent, Transaction } from './transaction.js';
import { EMPTY_VALUE, Tree, XsNode } from './tree.js';
import { WatchIndex, eventPathFor } from './watches.js';
import { errorPayload, type Frame, Msg, XsError } from './wire.js';

export interface XenstoredOptions {
  /** The hypervisor side of guest rings; standalone runs get detached rings. */
  host?: DomainHost;
  /** A second privileged domain (C's --priv-domid), besides dom0. */
  privDomid?: number;
  tracer?: Tracer;
  /** Diagnostics (internal errors, CONTROL print/log). */
  log?: (line: string) => void;
}

export class Xenstored implements RequestSink {
  readonly tree = new Tree();
  readonly quotas: Quotas = defaultQuotas();
  readonly softQuotas = defaultSoftQuotas();
  readonly watches = new WatchIndex();
  readonly operations = new NodeOperations(this.quotas);
  readonly connections = new Set<Connection>();
  readonly domains: DomainRegistry;
  readonly specialPerms = new Map<SpecialWatch, PermList>([
    ['@introduceDomain', PermList.DOM0_ONLY],
    ['@releaseDomain', PermList.DOM0_ONLY],
  ]);
  readonly privDomid: number | undefined;
  tracer: Tracer | undefined;
  /** CONTROL `log on` logs to `log`; the tracer it replaced comes back with `log off`. */
  logging = false;
  tracerBeforeLog: Tracer | undefined;
  readonly log: (line: string) => void;

  constructor(options: XenstoredOptions = {}) {
    this.privDomid = options.privDomid;
    this.tracer = options.tracer;
    this.log = options.log ?? ((line) => process.stderr.write(`xenstored: ${line}\n`));
    this.domains = new DomainRegistry(this, options.host ?? new DetachedDomainHost());
    // C's initial tree: /, /tool, /tool/xenstored, all owned by dom0 with no access for others.
    this.tree.set('/tool', new XsNode(EMPTY_VALUE, PermList.DOM0_ONLY, ['xenstored'], 0));
    this.tree.set('/tool/xenstored', new XsNode(EMPTY_VALUE, PermList.DOM0_ONLY, [], 0));
    this.tree.set('/', new XsNode(EMPTY_VALUE, PermList.DOM0_ONLY, ['tool'], 0));
  }

  isPrivileged(domid: number): boolean {
    return domid === 0 || domid === this.privDomid;
  }

  /** A new client on `transport`, acting as `domid` (socket peers are dom0). */
  connect(transport: Transport, domid = 0): Connection {
    const conn = new Connection(this, transport, domid, this.isPrivileged(domid));
    conn.tracer = this.tracer;
    this.connections.add(conn);
    return conn;
  }

  handle(conn: Connection, frame: Frame): void {
    const handler = REQUEST_HANDLERS[frame.type];
    const context: RequestContext = { store: this, conn, frame, afterReply: undefined };
    let replyType = frame.type;
    let payload: Buffer | string;
    try {
      if (handler === undefined) throw new XsError('ENOSYS');
      payload = handler(context);
      if (payload.length > 4096) throw new XsError('E2BIG');
    } catch (error) {
      replyType = Msg.ERROR;
      payload = errorPayload(error instanceof XsError ? error.errno : this.internalError(error));
      context.afterReply = undefined;
    }
    conn.reply(frame, replyType, payload);
    context.afterReply?.();
  }

  private internalError(error: unknown): 'EINVAL' {
    this.log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 'EINVAL';
  }

  disconnected(conn: Connection): void {
    this.dropWatches(conn);
    conn.transactions.clear();
    this.connections.delete(conn);
  }

  dropWatches(conn: Connection): void {
    for (const watch of conn.watches) this.watches.remove(watch);
    conn.watches.length = 0;
  }

  /** The live tree, or the open transaction the request names (ENOENT if none). */
  transactionFor(conn: Connection, txId: number): Transaction | undefined {
    if (txId === 0) return undefined;
    const transaction = conn.transactions.get(txId);
    if (transaction === undefined) throw new XsError('ENOENT');
    return transaction;
  }

  /** Fires the events of a change, now (live tree) or at commit (transaction). */
  changed(events: readonly PendingEvent[], transaction: Transaction | undefined): void {
    if (transaction) {
      for (const event of events) if (!transaction.events.has(event.path)) transaction.events.set(event.path, event);
      return;
    }
    for (const event of events) this.fire(event);
  }

  fire(event: PendingEvent): void {
    for (const watch of this.watches.matching(event.path, event.exact)) {
      const owner = watch.owner as Connection;
      if (!owner.privileged && !this.watchPermitted(owner, event)) continue;
      owner.sendEvent(eventPathFor(watch, event.path), watch.token);
    }
  }

  /** C's watch_permitted: the watcher may read the changed node or its parent. */
  private watchPermitted(watcher: Connection, event: PendingEvent): boolean {
    if (event.node && mayAccess(watcher, event.node.perms, PERM_READ)) return true;
    const parent = this.tree.get(parentOf(event.path));
    return parent !== undefined && mayAccess(watcher, parent.perms, PERM_READ);
  }

  /** @introduceDomain / @releaseDomain, for watchers allowed to read the pseudo-node. */
  fireSpecial(name: SpecialWatch): void {
    const perms = this.specialPerms.get(name) as PermList;
    for (const watch of this.watches.matching(name, true)) {
      const owner = watch.owner as Connection;
      if (mayAccess(owner, perms, PERM_READ)) owner.sendEvent(name, watch.token);
    }
  }

  isSpecial(path: string): path is SpecialWatch {
    return isSpecialPath(path);
  }

  /** Closes every client (daemon shutdown). */
  shutdown(): void {
    for (const conn of [...this.connections]) conn.close('xenstored shutting down');
    this.tracer?.close();
  }
}
