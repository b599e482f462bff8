// XS_CONTROL commands (privileged only), replying as C xenstored 4.17 does
// where C defines the output: `quota`, `quota-soft` (alias `quota-s`), `log`,
// `logfile`, `memreport`, `print`, `check`, `help`. Unknown commands: EINVAL.
import { writeFileSync } from 'node:fs';
import type { Connection } from './connection.js';
import { childPath } from './path.js';
import { recordSize, type QuotaSet } from './quota.js';
import { FileTracer } from './trace.js';
import { XsError } from './wire.js';
import type { Xenstored } from './xenstored.js';

type Command = (store: Xenstored, conn: Connection, args: string[]) => string;

const OK = 'OK\0';

const HELP: [string, string][] = [
  ['check', ''],
  ['log', 'on|off'],
  ['logfile', '<file>'],
  ['memreport', '[<file>]'],
  ['print', '<string>'],
  ['quota', '[set <name> <val>|<domid>]'],
  ['quota-soft', '[set <name> <val>]'],
  ['help', ''],
];

function quotaCommand(select: (store: Xenstored) => QuotaSet<string>, perDomain: boolean): Command {
  return (store, _conn, args) => {
    const quotas = select(store);
    if (args.length === 0) return `${quotas.report()}\0`;
    if (args[0] === 'set' && args.length === 3) {
      quotas.set(args[1], args[2]);
      return OK;
    }
    if (perDomain && args.length === 1 && /^[0-9]+$/.test(args[0])) return `${domainUsage(store, Number(args[0]))}\0`;
    throw new XsError('EINVAL');
  };
}

/** `quota <domid>`: what the domain currently uses, in C's layout. */
function domainUsage(store: Xenstored, domid: number): string {
  if (!store.domains.isIntroduced(domid)) throw new XsError('ENOENT');
  const conns = [...store.connections].filter((c) => c.domid === domid);
  const rows: [string, number][] = [
    ['nodes', store.tree.ownedBy(domid)],
    ['watches', conns.reduce((n, c) => n + c.watches.length, 0)],
    ['transactions', conns.reduce((n, c) => n + c.transactions.size, 0)],
    ['outstanding', 0],
    ['memory', memoryOwnedBy(store, domid)],
  ];
  return `Domain ${domid}:\n${rows.map(([name, value]) => `${name.padEnd(16)}:${String(value).padStart(9)}\n`).join('')}`;
}

/** Bytes C would account to the domain: the node records and names it owns. */
function memoryOwnedBy(store: Xenstored, domid: number): number {
  let total = 0;
  for (const [path, node] of store.tree.nodes) {
    if (node.perms.owner !== domid) continue;
    total += path.length + recordSize(node.perms.entries.length, node.value.length, node.childListLength());
  }
  return total;
}

function memoryReport(store: Xenstored): string {
  // Under node --expose-gc, collect first so the figures are live memory.
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  const lines = [
    `nodes: ${store.tree.nodes.size}`,
    `connections: ${store.connections.size}`,
    `domains: ${store.domains.all().length}`,
    `watches: ${store.watches.size}`,
    `node bytes (C record accounting): ${memoryOwnedByAll(store)}`,
    `heap used: ${usage.heapUsed}`,
    `external + array buffers: ${usage.external}`,
    `rss: ${usage.rss}`,
  ];
  return `${lines.join('\n')}\n`;
}

function memoryOwnedByAll(store: Xenstored): number {
  let total = 0;
  for (const [path, node] of store.tree.nodes) total += path.length + recordSize(node.perms.entries.length, node.value.length, node.childListLength());
  return total;
}

/** `check`: every listed child exists and every node is listed by its parent. */
function checkTree(store: Xenstored): string[] {
  const problems: string[] = [];
  let reachable = 0;
  const visit = (path: string): void => {
    reachable++;
    const node = store.tree.get(path);
    for (const name of node?.children ?? []) {
      const child = childPath(path, name);
      if (store.tree.get(child) === undefined) problems.push(`${path} lists missing child ${name}`);
      else visit(child);
    }
  };
  visit('/');
  if (reachable !== store.tree.nodes.size) problems.push(`${store.tree.nodes.size - reachable} unreachable nodes`);
  return problems;
}

const COMMANDS: Record<string, Command> = {
  help: () => `${HELP.map(([name, usage]) => `${name}\t${usage}\n`).join('')}\0`,
  log: (store, _conn, args) => {
    if (args.length !== 1 || (args[0] !== 'on' && args[0] !== 'off')) throw new XsError('EINVAL');
    if (args[0] === 'on' && !store.logging) {
      store.tracerBeforeLog = store.tracer;
      store.tracer = {
        message: (direction, id, domid, frame) => store.log(`${direction} conn=${id} dom=${domid} type=${frame.type} len=${frame.payload.length}`),
        close: () => {},
      };
    } else if (args[0] === 'off' && store.logging) {
      store.tracer = store.tracerBeforeLog;
    }
    store.logging = args[0] === 'on';
    for (const conn of store.connections) conn.tracer = store.tracer;
    return OK;
  },
  logfile: (store, _conn, args) => {
    if (args.length !== 1 || args[0] === '') throw new XsError('EINVAL');
    store.tracer?.close();
    store.tracer = new FileTracer(args[0]);
    for (const conn of store.connections) conn.tracer = store.tracer;
    return OK;
  },
  memreport: (store, _conn, args) => {
    if (args.length > 1) throw new XsError('EINVAL');
    if (args.length === 0) return `${memoryReport(store)}\0`;
    try {
      writeFileSync(args[0], memoryReport(store));
    } catch {
      throw new XsError('EINVAL');
    }
    return OK;
  },
  print: (store, _conn, args) => {
    if (args.length !== 1) throw new XsError('EINVAL');
    store.log(args[0]);
    return OK;
  },
  check: (store) => {
    for (const problem of checkTree(store)) store.log(`check: ${problem}`);
    return OK;
  },
  quota: quotaCommand((store) => store.quotas, true),
  'quota-soft': quotaCommand((store) => store.softQuotas, false),
  'quota-s': quotaCommand((store) => store.softQuotas, false),
};

export function runControl(store: Xenstored, conn: Connection, args: string[]): string {
  const [name, ...rest] = args;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) throw new XsError('EINVAL');
  return command(store, conn, rest);
}
