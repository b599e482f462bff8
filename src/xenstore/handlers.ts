// One handler per message type (spec §1.2). A handler returns the reply
// payload or throws XsError; work that C does after the reply (the initial
// watch event) goes in `afterReply`.
import { allArgs, argsBetween, atoi, oneArg, pathAndValue } from './args.js';
import type { Connection } from './connection.js';
import { runControl } from './control.js';
import { domainPath, resolvePath } from './path.js';
import { PermList } from './perms.js';
import { Transaction, type PendingEvent } from './transaction.js';
import type { NodeView } from './tree.js';
import { type Frame, Msg, XsError } from './wire.js';
import type { Xenstored } from './xenstored.js';

export interface RequestContext {
  readonly store: Xenstored;
  readonly conn: Connection;
  readonly frame: Frame;
  afterReply: (() => void) | undefined;
}

type Handler = (request: RequestContext) => Buffer | string;

const OK = 'OK\0';

function pathOf(request: RequestContext, raw: string): string {
  return resolvePath(raw, request.conn.domid, request.store.quotas.get('path-max'));
}

function viewOf(request: RequestContext): { view: NodeView; transaction: Transaction | undefined } {
  const transaction = request.store.transactionFor(request.conn, request.frame.txId);
  return { view: transaction ?? request.store.tree, transaction };
}

/** Runs a change on the request's view and fires (or defers) its watch events. */
function change(request: RequestContext, apply: (view: NodeView, events: PendingEvent[]) => void): string {
  const { view, transaction } = viewOf(request);
  const events: PendingEvent[] = [];
  apply(view, events);
  request.store.changed(events, transaction);
  return OK;
}

function requirePrivileged(request: RequestContext): void {
  if (!request.conn.privileged) throw new XsError('EACCES');
}

/** A path as WATCH/UNWATCH accept it: the special @ names, or a node name. */
function watchPath(request: RequestContext, raw: string): { path: string; relativePrefix: number } {
  if (request.store.isSpecial(raw)) return { path: raw, relativePrefix: 0 };
  const path = pathOf(request, raw);
  return { path, relativePrefix: raw.startsWith('/') ? 0 : domainPath(request.conn.domid).length + 1 };
}

function watch(request: RequestContext): string {
  const { store, conn } = request;
  const [raw, token, depthText] = argsBetween(request.frame.payload, 2, 3);
  if (depthText !== undefined && !/^[0-9]+$/.test(depthText)) throw new XsError('EINVAL');
  const { path, relativePrefix } = watchPath(request, raw);
  if (conn.watches.some((w) => w.path === path && w.token === token)) throw new XsError('EEXIST');
  if (!conn.privileged && conn.watches.length > store.quotas.get('watches')) throw new XsError('ENOSPC');
  const depth = depthText === undefined ? undefined : Number(depthText);
  conn.watches.push(store.watches.add({ owner: conn, path, token, relativePrefix, depth }));
  request.afterReply = () => conn.sendEvent(raw, token);
  return OK;
}

function unwatch(request: RequestContext): string {
  const { store, conn } = request;
  const [raw, token] = argsBetween(request.frame.payload, 2, 2);
  const { path } = watchPath(request, raw);
  const index = conn.watches.findIndex((w) => w.path === path && w.token === token);
  if (index < 0) throw new XsError('ENOENT');
  store.watches.remove(conn.watches[index]);
  conn.watches.splice(index, 1);
  return OK;
}

function transactionStart(request: RequestContext): string {
  const { store, conn } = request;
  if (request.frame.txId !== 0) throw new XsError('EBUSY');
  if (!conn.privileged && conn.transactions.size > store.quotas.get('transactions')) throw new XsError('ENOSPC');
  let id = conn.nextTransactionId;
  while (id === 0 || conn.transactions.has(id)) id = (id + 1) >>> 0;
  conn.nextTransactionId = (id + 1) >>> 0;
  const nodeLimit = conn.privileged ? undefined : store.quotas.get('transaction-nodes');
  conn.transactions.set(id, new Transaction(id, store.tree, nodeLimit));
  return `${id}\0`;
}

function transactionEnd(request: RequestContext): string {
  const { store, conn, frame } = request;
  const transaction = store.transactionFor(conn, frame.txId);
  if (transaction === undefined) throw new XsError('ENOENT');
  const verdict = oneArg(frame.payload);
  if (verdict !== 'T' && verdict !== 'F') throw new XsError('EINVAL');
  conn.transactions.delete(transaction.id);
  if (verdict === 'T') {
    transaction.commit();
    for (const event of transaction.events.values()) store.fire(event);
  }
  return OK;
}

function setPerms(request: RequestContext): string {
  const [raw, ...specs] = allArgs(request.frame.payload);
  if (raw === undefined || specs.length === 0) throw new XsError('EINVAL');
  const { store, conn } = request;
  if (store.isSpecial(raw)) {
    requirePrivileged(request);
    store.specialPerms.set(raw, PermList.parse(specs));
    return OK;
  }
  const path = pathOf(request, raw);
  return change(request, (view, events) => store.operations.setPerms(view, conn, path, specs, events));
}

function directoryPart(request: RequestContext): Buffer {
  const [raw, offsetText] = argsBetween(request.frame.payload, 2, 2);
  const { view } = viewOf(request);
  return request.store.operations.directoryPart(view, request.conn, pathOf(request, raw), atoi(offsetText));
}

/** Reads that take one path and return bytes of the node. */
function reader(read: (store: Xenstored, view: NodeView, conn: Connection, path: string) => Buffer | string): Handler {
  return (request) => {
    const path = pathOf(request, oneArg(request.frame.payload));
    return read(request.store, viewOf(request).view, request.conn, path);
  };
}

export const REQUEST_HANDLERS: Partial<Record<number, Handler>> = {
  [Msg.CONTROL]: (request) => {
    requirePrivileged(request);
    return runControl(request.store, request.conn, allArgs(request.frame.payload));
  },
  [Msg.DIRECTORY]: reader((store, view, conn, path) => store.operations.directory(view, conn, path)),
  [Msg.DIRECTORY_PART]: directoryPart,
  [Msg.READ]: reader((store, view, conn, path) => store.operations.read(view, conn, path)),
  [Msg.GET_PERMS]: reader((store, view, conn, path) => store.operations.getPerms(view, conn, path)),
  [Msg.WRITE]: (request) => {
    const [raw, value] = pathAndValue(request.frame.payload);
    const path = pathOf(request, raw);
    return change(request, (view, events) => request.store.operations.write(view, request.conn, path, value, events));
  },
  [Msg.MKDIR]: (request) => {
    const path = pathOf(request, oneArg(request.frame.payload));
    return change(request, (view, events) => request.store.operations.mkdir(view, request.conn, path, events));
  },
  [Msg.RM]: (request) => {
    const path = pathOf(request, oneArg(request.frame.payload));
    return change(request, (view, events) => request.store.operations.rm(view, request.conn, path, events));
  },
  [Msg.SET_PERMS]: setPerms,
  [Msg.WATCH]: watch,
  [Msg.UNWATCH]: unwatch,
  [Msg.TRANSACTION_START]: transactionStart,
  [Msg.TRANSACTION_END]: transactionEnd,
  [Msg.INTRODUCE]: (request) => {
    requirePrivileged(request);
    const [domid, gfn, port] = allArgs(request.frame.payload);
    if (port === undefined) throw new XsError('EINVAL');
    request.afterReply = request.store.domains.introduce(atoi(domid), parseGfn(gfn), atoi(port));
    return OK;
  },
  [Msg.RELEASE]: (request) => {
    requirePrivileged(request);
    request.afterReply = request.store.domains.release(atoi(oneArg(request.frame.payload)));
    return OK;
  },
  [Msg.GET_DOMAIN_PATH]: (request) => `${domainPath(atoi(oneArg(request.frame.payload)))}\0`,
  [Msg.IS_DOMAIN_INTRODUCED]: (request) => {
    requirePrivileged(request);
    return request.store.domains.isIntroduced(atoi(oneArg(request.frame.payload))) ? 'T\0' : 'F\0';
  },
  [Msg.RESUME]: (request) => {
    requirePrivileged(request);
    request.store.domains.resume(atoi(oneArg(request.frame.payload)));
    return OK;
  },
  [Msg.SET_TARGET]: (request) => {
    requirePrivileged(request);
    const [domid, target] = argsBetween(request.frame.payload, 2, 2);
    request.store.domains.setTarget(atoi(domid), atoi(target));
    return OK;
  },
  [Msg.RESET_WATCHES]: (request) => {
    request.store.dropWatches(request.conn);
    request.conn.transactions.clear();
    return OK;
  },
};

/** INTRODUCE's frame number (C's strtoul, base 10). */
function parseGfn(text: string): bigint {
  const match = /^\s*(\d+)/.exec(text);
  return match ? BigInt(match[1]) : 0n;
}
