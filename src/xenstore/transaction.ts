// A transaction with C xenstored's conflict rule (spec §1.6): the generation of
// every node it touches is recorded at first access ("absent" included); the
// commit fails with EAGAIN if any of them changed in the live tree since.
// Changes stay private until a successful commit; an abort just drops them.
import type { NodeView, Tree, XsNode } from './tree.js';
import { XsError } from './wire.js';

const ABSENT = -1;

export interface PendingEvent {
  path: string;
  /** Exact-match only (descendants removed with an RM). */
  exact: boolean;
  /** Permissions of the node when it changed, for watch_permitted. */
  node: XsNode | undefined;
}

export class Transaction implements NodeView {
  /** First-seen or changed node per path; null = absent in this view. */
  private readonly view = new Map<string, XsNode | null>();
  private readonly seenGeneration = new Map<string, number>();
  private readonly changed = new Set<string>();
  private readonly ownedDelta = new Map<number, number>();
  /** Watch events to fire at commit, one per path. */
  readonly events = new Map<string, PendingEvent>();

  constructor(
    readonly id: number,
    private readonly tree: Tree,
    /** Maximum number of distinct nodes touched; undefined = unlimited. */
    private readonly nodeLimit: number | undefined,
  ) {}

  get(path: string): XsNode | undefined {
    const mine = this.view.get(path);
    if (mine !== undefined) return mine ?? undefined;
    if (this.nodeLimit !== undefined && this.view.size >= this.nodeLimit) throw new XsError('ENOSPC');
    const live = this.tree.get(path);
    this.seenGeneration.set(path, live ? live.generation : ABSENT);
    this.view.set(path, live ?? null);
    return live;
  }

  set(path: string, node: XsNode): void {
    const old = this.get(path);
    if (old) this.count(old.perms.owner, -1);
    this.count(node.perms.owner, 1);
    this.view.set(path, node);
    this.changed.add(path);
  }

  delete(path: string): void {
    const old = this.get(path);
    if (!old) return;
    this.count(old.perms.owner, -1);
    this.view.set(path, null);
    this.changed.add(path);
  }

  ownedBy(domid: number): number {
    return this.tree.ownedBy(domid) + (this.ownedDelta.get(domid) ?? 0);
  }

  /** True when nothing this transaction looked at changed since. */
  private unchanged(): boolean {
    for (const [path, generation] of this.seenGeneration) {
      const live = this.tree.get(path);
      if ((live ? live.generation : ABSENT) !== generation) return false;
    }
    return true;
  }

  /** Applies the changes to the live tree; throws EAGAIN on a conflict. */
  commit(): void {
    if (!this.unchanged()) throw new XsError('EAGAIN');
    for (const path of this.changed) {
      const node = this.view.get(path);
      if (node) this.tree.set(path, node);
      else this.tree.delete(path);
    }
  }

  private count(domid: number, delta: number): void {
    this.ownedDelta.set(domid, (this.ownedDelta.get(domid) ?? 0) + delta);
  }
}
