// Saving and restoring the daemon (--state FILE): the tree with permissions and
// child order, quotas, special-node permissions, introduced domains and their
// watches, packed with msgpackr and written atomically (temp file + rename).
// Open transactions are not kept: their clients see ENOENT on the next use.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Packr } from 'msgpackr';
import { childPath } from './path.js';
import { PermList } from './perms.js';
import { XsNode } from './tree.js';
import type { Xenstored } from './xenstored.js';

const FORMAT = 'xenrv-xenstored-state';
const VERSION = 1;

interface SavedWatch {
  path: string;
  token: string;
  relativePrefix: number;
  depth: number | null;
}

interface SavedDomain {
  domid: number;
  gfn: string;
  port: number;
  target: number | null;
  shutdown: boolean;
  watches: SavedWatch[];
}

export interface SavedState {
  format: typeof FORMAT;
  version: number;
  /** Nodes in pre-order, so parents come first and child order is kept. */
  nodes: [path: string, value: Uint8Array, perms: string[]][];
  quotas: [string, number][];
  softQuotas: [string, number][];
  specialPerms: [string, string[]][];
  domains: SavedDomain[];
}

const packr = new Packr({ useRecords: false });

export function captureState(store: Xenstored): SavedState {
  const nodes: SavedState['nodes'] = [];
  const visit = (path: string): void => {
    const node = store.tree.get(path);
    if (node === undefined) return;
    nodes.push([path, Buffer.from(node.value, 'latin1'), node.perms.toStrings()]);
    for (const name of node.children) visit(childPath(path, name));
  };
  visit('/');
  return {
    format: FORMAT,
    version: VERSION,
    nodes,
    quotas: store.quotas.entries(),
    softQuotas: store.softQuotas.entries(),
    specialPerms: [...store.specialPerms].map(([name, perms]) => [name, perms.toStrings()]),
    domains: store.domains.all().map((d) => ({
      domid: d.domid,
      gfn: d.gfn.toString(),
      port: d.port,
      target: d.target ?? null,
      shutdown: d.shutdown,
      watches: d.connection.watches.map((w) => ({ path: w.path, token: w.token, relativePrefix: w.relativePrefix, depth: w.depth ?? null })),
    })),
  };
}

/** Loads saved state into a freshly constructed daemon (no clients yet). */
export function restoreState(store: Xenstored, state: SavedState): void {
  if (state.format !== FORMAT || state.version !== VERSION) throw new Error(`not a ${FORMAT} v${VERSION} file`);
  const permsByText = new Map<string, PermList>();
  const children = new Map<string, string[]>();
  for (const [path] of state.nodes) {
    children.set(path, []);
    if (path !== '/') children.get(path.slice(0, Math.max(1, path.lastIndexOf('/'))))?.push(path.slice(path.lastIndexOf('/') + 1));
  }
  store.tree.clear();
  for (const [path, value, permText] of state.nodes) {
    const key = permText.join(',');
    let perms = permsByText.get(key);
    if (perms === undefined) permsByText.set(key, (perms = PermList.parse(permText)));
    store.tree.set(path, new XsNode(Buffer.from(value).toString('latin1'), perms, children.get(path) ?? [], 0));
  }
  for (const [name, value] of state.quotas) store.quotas.set(name, String(value));
  for (const [name, value] of state.softQuotas) store.softQuotas.set(name, String(value));
  for (const [name, perms] of state.specialPerms) if (store.isSpecial(name)) store.specialPerms.set(name, PermList.parse(perms));
  for (const saved of state.domains) {
    const domain = store.domains.attach(saved.domid, BigInt(saved.gfn), saved.port);
    domain.shutdown = saved.shutdown;
    if (saved.target !== null) store.domains.setTarget(saved.domid, saved.target);
    for (const w of saved.watches) {
      const watch = store.watches.add({ owner: domain.connection, path: w.path, token: w.token, relativePrefix: w.relativePrefix, depth: w.depth ?? undefined });
      domain.connection.watches.push(watch);
    }
  }
}

export function saveStateFile(store: Xenstored, file: string): void {
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, packr.pack(captureState(store)));
  renameSync(temporary, file);
}

export function loadStateFile(store: Xenstored, file: string): void {
  restoreState(store, packr.unpack(readFileSync(file)) as SavedState);
}
