// Watch registry (spec §1.7). A watch on P fires for changes of P and of every
// node below it (only exact matches for the special @ names and for descendants
// removed by an RM), limited to `depth` levels when given. Watches are indexed
// by path, so firing costs one lookup per ancestor of the changed node rather
// than a scan of every watch, and matches are delivered in registration order.
import { depthBelow, isSpecialPath, parentOf } from './path.js';

export interface WatchOwner {
  readonly domid: number;
  sendEvent(path: string, token: string): void;
}

export interface Watch {
  readonly owner: WatchOwner;
  /** Absolute path or special name. */
  readonly path: string;
  readonly token: string;
  /** Length of the /local/domain/<N>/ prefix to strip from events (relative watches), else 0. */
  readonly relativePrefix: number;
  /** Maximum levels below `path` that fire; undefined = unlimited. */
  readonly depth: number | undefined;
  readonly sequence: number;
}

export class WatchIndex {
  private readonly byPath = new Map<string, Watch[]>();
  private sequence = 0;

  get size(): number {
    let n = 0;
    for (const list of this.byPath.values()) n += list.length;
    return n;
  }

  add(spec: Omit<Watch, 'sequence'>): Watch {
    const watch: Watch = { ...spec, sequence: ++this.sequence };
    const list = this.byPath.get(watch.path);
    if (list) list.push(watch);
    else this.byPath.set(watch.path, [watch]);
    return watch;
  }

  remove(watch: Watch): void {
    const list = this.byPath.get(watch.path);
    if (!list) return;
    const rest = list.filter((w) => w !== watch);
    if (rest.length) this.byPath.set(watch.path, rest);
    else this.byPath.delete(watch.path);
  }

  /** Watches that a change of `path` fires, in registration order. */
  matching(path: string, exact: boolean): Watch[] {
    if (this.byPath.size === 0) return [];
    const exactList = this.byPath.get(path);
    if (exact || isSpecialPath(path)) return exactList ? [...exactList] : [];
    const found: Watch[] = exactList ? [...exactList] : [];
    let ancestor = path;
    while (ancestor !== '/') {
      ancestor = parentOf(ancestor);
      const list = this.byPath.get(ancestor);
      if (!list) continue;
      for (const w of list) if (w.depth === undefined || depthBelow(path, ancestor) <= w.depth) found.push(w);
    }
    if (found.length > 1) found.sort((a, b) => a.sequence - b.sequence);
    return found;
  }

  /** Every watch, in registration order (for state saving). */
  all(): Watch[] {
    return [...this.byPath.values()].flat().sort((a, b) => a.sequence - b.sequence);
  }
}

/** The path as the watcher sees it: relative watches get relative event paths. */
export function eventPathFor(watch: Watch, path: string): string {
  return watch.relativePrefix && path.length > watch.relativePrefix ? path.slice(watch.relativePrefix) : path;
}
