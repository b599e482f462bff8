// Node operations with C xenstored's permission and quota rules, on either the
// live tree or a transaction's view. Every check runs before the first change,
// so a refused request leaves the view untouched. Changes are reported as
// pending watch events; the caller fires them now or at commit.
import { baseName, parentOf } from './path.js';
import { PERM_READ, PERM_WRITE, PermList } from './perms.js';
import { recordSize, type Quotas } from './quota.js';
import type { PendingEvent } from './transaction.js';
import { EMPTY_VALUE, type NodeView, XsNode } from './tree.js';
import { PAYLOAD_MAX, XsError } from './wire.js';

/** Who is asking: privileged callers (dom0, the priv domain) bypass permissions and quotas. */
export interface Caller {
  readonly domid: number;
  readonly privileged: boolean;
  /** The domain this one acts for (SET_TARGET), if any. */
  readonly target: number | undefined;
}

export function mayAccess(caller: Caller, perms: PermList, need: number): boolean {
  return caller.privileged || (perms.accessFor(caller.domid, caller.target) & need) === need;
}

function isOwner(caller: Caller, perms: PermList): boolean {
  return caller.privileged || perms.owner === caller.domid || perms.owner === caller.target;
}

export class NodeOperations {
  constructor(private readonly quotas: Quotas) {}

  /** The node if the caller has `need` on it; else ENOENT or EACCES as C decides. */
  lookup(view: NodeView, caller: Caller, path: string, need: number): XsNode {
    const node = view.get(path);
    if (node === undefined) throw this.missing(view, caller, path, need);
    if (!mayAccess(caller, node.perms, need)) throw new XsError('EACCES');
    return node;
  }

  /** A missing node is ENOENT only for a caller with `need` on its nearest existing ancestor. */
  private missing(view: NodeView, caller: Caller, path: string, need: number): XsError {
    if (caller.privileged) return new XsError('ENOENT');
    let ancestor: XsNode | undefined;
    for (let p = path; ancestor === undefined && p !== '/'; ) {
      p = parentOf(p);
      ancestor = view.get(p);
    }
    return ancestor && mayAccess(caller, ancestor.perms, need) ? new XsError('ENOENT') : new XsError('EACCES');
  }

  directory(view: NodeView, caller: Caller, path: string): Buffer {
    const list = this.lookup(view, caller, path, PERM_READ).childrenWire();
    if (list.length > PAYLOAD_MAX) throw new XsError('E2BIG');
    return list;
  }

  /** DIRECTORY_PART: `gen\0` then child names from byte `offset`; the last chunk ends in an extra NUL. */
  directoryPart(view: NodeView, caller: Caller, path: string, offset: number): Buffer {
    const node = this.lookup(view, caller, path, PERM_READ);
    const list = node.childrenWire();
    const gen = Buffer.from(`${node.generation}\0`, 'latin1');
    if (offset >= list.length) return Buffer.concat([gen, Buffer.of(0)]);
    let end = offset;
    while (end < list.length) {
      const next = list.indexOf(0, end) + 1;
      if (gen.length + next - offset >= PAYLOAD_MAX) break;
      end = next;
    }
    const chunk = list.subarray(offset, end);
    return end === list.length ? Buffer.concat([gen, chunk, Buffer.of(0)]) : Buffer.concat([gen, chunk]);
  }

  read(view: NodeView, caller: Caller, path: string): string {
    return this.lookup(view, caller, path, PERM_READ).value;
  }

  getPerms(view: NodeView, caller: Caller, path: string): Buffer {
    return this.lookup(view, caller, path, PERM_READ).perms.toWire();
  }

  write(view: NodeView, caller: Caller, path: string, value: Buffer, events: PendingEvent[]): void {
    const node = view.get(path);
    if (node === undefined) {
      this.create(view, caller, path, value.toString('latin1'), events);
      return;
    }
    if (!mayAccess(caller, node.perms, PERM_WRITE)) throw new XsError('EACCES');
    const updated = node.withValue(value.toString('latin1'));
    this.checkSize(caller, updated.perms, updated.value.length, node.childListLength());
    view.set(path, updated);
    events.push({ path, exact: false, node: updated });
  }

  mkdir(view: NodeView, caller: Caller, path: string, events: PendingEvent[]): void {
    const node = view.get(path);
    if (node === undefined) this.create(view, caller, path, EMPTY_VALUE, events);
    else if (!mayAccess(caller, node.perms, PERM_WRITE)) throw new XsError('EACCES');
  }

  /** Creates `path` and any missing parents, which inherit the nearest existing ancestor's permissions. */
  private create(view: NodeView, caller: Caller, path: string, value: string, events: PendingEvent[]): void {
    const missing = [path];
    let ancestorPath = parentOf(path);
    let ancestor = view.get(ancestorPath);
    while (ancestor === undefined) {
      missing.push(ancestorPath);
      ancestorPath = parentOf(ancestorPath);
      ancestor = view.get(ancestorPath);
    }
    if (!mayAccess(caller, ancestor.perms, PERM_WRITE)) throw new XsError('EACCES');
    const perms = caller.privileged ? ancestor.perms : ancestor.perms.withOwner(caller.domid);
    if (!caller.privileged) {
      if (view.ownedBy(caller.domid) + missing.length > this.quotas.get('nodes')) throw new XsError('ENOSPC');
      const topName = baseName(missing[missing.length - 1]);
      this.checkSize(caller, ancestor.perms, ancestor.value.length, ancestor.childListLength() + topName.length + 1);
      for (let i = missing.length - 1; i > 0; i--) this.checkSize(caller, perms, 0, baseName(missing[i - 1]).length + 1);
      this.checkSize(caller, perms, value.length, 0);
    }
    view.set(ancestorPath, ancestor.withChild(baseName(missing[missing.length - 1])));
    for (let i = missing.length - 1; i >= 0; i--) {
      const children = i > 0 ? [baseName(missing[i - 1])] : [];
      view.set(missing[i], new XsNode(i === 0 ? value : EMPTY_VALUE, perms, children, 0));
    }
    events.push({ path, exact: false, node: view.get(path) });
  }

  rm(view: NodeView, caller: Caller, path: string, events: PendingEvent[]): void {
    if (path === '/') throw new XsError('EINVAL');
    const node = view.get(path);
    if (node === undefined) {
      const error = this.missing(view, caller, path, PERM_WRITE);
      // Removing a node that is already gone succeeds if its parent exists.
      if (error.errno === 'ENOENT' && view.get(parentOf(path)) !== undefined) return;
      throw error;
    }
    if (!mayAccess(caller, node.perms, PERM_WRITE)) throw new XsError('EACCES');
    const parentPath = parentOf(path);
    const parent = view.get(parentPath) as XsNode;
    const removed: PendingEvent[] = [];
    this.collectDescendants(view, path, node, removed);
    view.set(parentPath, parent.withoutChild(baseName(path)));
    for (const gone of removed) view.delete(gone.path);
    view.delete(path);
    events.push(...removed, { path, exact: false, node });
  }

  /** Descendants of `path`, children before their parents, as exact-match events. */
  private collectDescendants(view: NodeView, path: string, node: XsNode, out: PendingEvent[]): void {
    for (const name of node.children) {
      const child = `${path === '/' ? '' : path}/${name}`;
      const childNode = view.get(child);
      if (childNode === undefined) continue;
      this.collectDescendants(view, child, childNode, out);
      out.push({ path: child, exact: true, node: childNode });
    }
  }

  setPerms(view: NodeView, caller: Caller, path: string, specs: readonly string[], events: PendingEvent[]): void {
    const perms = PermList.parse(specs);
    const node = this.lookup(view, caller, path, PERM_WRITE);
    if (!isOwner(caller, node.perms)) throw new XsError('EACCES');
    if (!caller.privileged) {
      if (perms.owner !== node.perms.owner) throw new XsError('EPERM');
      if (perms.entries.length > this.quotas.get('permissions')) throw new XsError('ENOSPC');
      this.checkSize(caller, perms, node.value.length, node.childListLength());
    }
    view.set(path, node.withPerms(perms));
    events.push({ path, exact: false, node });
  }

  private checkSize(caller: Caller, perms: PermList, valueLength: number, childListLength: number): void {
    if (caller.privileged) return;
    if (recordSize(perms.entries.length, valueLength, childListLength) > this.quotas.get('node-size')) {
      throw new XsError('ENOSPC');
    }
  }
}
