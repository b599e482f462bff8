// The node store. Nodes are values: a change replaces the node object, so a
// transaction can keep the node it first saw. Every replacement takes the next
// global generation number, which is what C's transaction conflict check and
// DIRECTORY_PART compare.
import { PermList } from './perms.js';

/** Shared by every leaf, so leaves cost no array of their own. */
const NO_CHILDREN: readonly string[] = Object.freeze([]);

export class XsNode {
  private childrenWireCache: Buffer | undefined;

  constructor(
    /** The value's bytes as a latin1 string: far smaller than a Buffer per node, and byte-exact. */
    readonly value: string,
    readonly perms: PermList,
    readonly children: readonly string[],
    public generation: number,
  ) {
    if (children.length === 0) this.children = NO_CHILDREN;
  }

  /** DIRECTORY payload: each child name NUL-terminated. */
  childrenWire(): Buffer {
    this.childrenWireCache ??= Buffer.from(this.children.length ? `${this.children.join('\0')}\0` : '', 'latin1');
    return this.childrenWireCache;
  }

  /** Bytes C stores for the child list (names plus NULs). */
  childListLength(): number {
    let total = 0;
    for (const name of this.children) total += name.length + 1;
    return total;
  }

  withValue(value: string): XsNode {
    return new XsNode(value, this.perms, this.children, 0);
  }

  withPerms(perms: PermList): XsNode {
    return new XsNode(this.value, perms, this.children, 0);
  }

  withChild(name: string): XsNode {
    return new XsNode(this.value, this.perms, [...this.children, name], 0);
  }

  withoutChild(name: string): XsNode {
    return new XsNode(this.value, this.perms, this.children.filter((c) => c !== name), 0);
  }
}

/** What operations need from either the live tree or a transaction's view of it. */
export interface NodeView {
  get(path: string): XsNode | undefined;
  /** Creates or replaces a node; keeps the per-owner entry counts. */
  set(path: string, node: XsNode): void;
  delete(path: string): void;
  /** Nodes owned by `domid` as seen from this view. */
  ownedBy(domid: number): number;
}

export const EMPTY_VALUE = '';

export class Tree implements NodeView {
  readonly nodes = new Map<string, XsNode>();
  private readonly owned = new Map<number, number>();
  generation = 0;

  constructor() {
    const root = new XsNode(EMPTY_VALUE, PermList.DOM0_ONLY, [], 0);
    this.set('/', root);
  }

  get(path: string): XsNode | undefined {
    return this.nodes.get(path);
  }

  set(path: string, node: XsNode): void {
    const old = this.nodes.get(path);
    if (old) this.count(old.perms.owner, -1);
    this.count(node.perms.owner, 1);
    node.generation = ++this.generation;
    this.nodes.set(path, node);
  }

  delete(path: string): void {
    const old = this.nodes.get(path);
    if (!old) return;
    this.count(old.perms.owner, -1);
    this.nodes.delete(path);
  }

  ownedBy(domid: number): number {
    return this.owned.get(domid) ?? 0;
  }

  /** Empties the store (before restoring saved state). */
  clear(): void {
    this.nodes.clear();
    this.owned.clear();
  }

  private count(domid: number, delta: number): void {
    this.owned.set(domid, (this.owned.get(domid) ?? 0) + delta);
  }
}
