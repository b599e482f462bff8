// The xenstore nodes libxl writes for a new domain (spec xen-abi §4.1), their permissions
// (read-only nodes belong to dom0 and the guest may read them; read-write ones belong to the
// guest), and their removal when the domain goes.
import type { XenstoreClient } from '../../xenstore/client.js';
import { XsError } from '../../xenstore/wire.js';

export interface DomainNodes {
  readonly domid: number;
  readonly name: string;
  readonly uuid: string;
  readonly memoryKiB: number;
  readonly maxMemoryKiB: number;
  readonly vcpus: number;
  readonly maxVcpus: number;
  readonly store: { readonly gfn: number; readonly port: number };
  readonly console: { readonly gfn: number; readonly port: number };
  /** Seconds since the epoch, for /vm/<uuid>/start_time. */
  readonly startTime: number;
}

type Access = 'read-only' | 'guest-owned';

/** Directories libxl creates for the guest to write (frontends, control/shutdown, ...). */
const GUEST_OWNED_DIRS = ['device', 'control', 'control/shutdown', 'data', 'drivers', 'feature', 'attr', 'error', 'control/sysrq'];

export function domainPath(domid: number): string {
  return `/local/domain/${domid}`;
}

function nodesOf(d: DomainNodes): [string, string, Access][] {
  const home = domainPath(d.domid);
  const vm = `/vm/${d.uuid}`;
  const nodes: [string, string, Access][] = [
    [home, '', 'read-only'],
    [`${home}/vm`, vm, 'read-only'],
    [`${home}/name`, d.name, 'read-only'],
    [`${home}/domid`, String(d.domid), 'read-only'],
    [`${home}/memory/static-max`, String(d.maxMemoryKiB), 'read-only'],
    [`${home}/memory/target`, String(d.memoryKiB), 'read-only'],
    [`${home}/memory/videoram`, '0', 'read-only'],
    [`${home}/store/port`, String(d.store.port), 'read-only'],
    [`${home}/store/ring-ref`, String(d.store.gfn), 'read-only'],
    [`${home}/console/type`, 'xenconsoled', 'read-only'],
    [`${home}/console/output`, 'pty', 'read-only'],
    [`${home}/console/port`, String(d.console.port), 'read-only'],
    [`${home}/console/ring-ref`, String(d.console.gfn), 'read-only'],
    [`${home}/console/limit`, '1048576', 'read-only'],
    ...Array.from({ length: d.maxVcpus }, (_, cpu): [string, string, Access] => [
      `${home}/cpu/${cpu}/availability`, cpu < d.vcpus ? 'online' : 'offline', 'read-only',
    ]),
    ...GUEST_OWNED_DIRS.map((dir): [string, string, Access] => [`${home}/${dir}`, '', 'guest-owned']),
    [vm, '', 'read-only'],
    [`${vm}/uuid`, d.uuid, 'read-only'],
    [`${vm}/name`, d.name, 'read-only'],
    [`${vm}/start_time`, d.startTime.toFixed(2), 'read-only'],
    [`/libxl/${d.domid}/type`, 'pvh', 'read-only'],
  ];
  return nodes;
}

/** Writes every node in one transaction (retried when xenstored says EAGAIN, as libxl does). */
export async function writeDomainNodes(xs: XenstoreClient, d: DomainNodes): Promise<void> {
  for (;;) {
    const tx = await xs.transactionStart();
    try {
      for (const [path, value, access] of nodesOf(d)) {
        await xs.write(path, value, tx);
        await xs.setPerms(path, access === 'read-only' ? ['n0', `r${d.domid}`] : [`n${d.domid}`], tx);
      }
      await xs.transactionEnd(tx, true);
      return;
    } catch (error) {
      if (isAgain(error)) continue;
      await xs.transactionEnd(tx, false).catch(() => undefined);
      throw error;
    }
  }
}

/** Removes what writeDomainNodes wrote (and anything below), ignoring what is already gone. */
export async function removeDomainNodes(xs: XenstoreClient, domid: number, uuid: string | undefined): Promise<void> {
  const paths = [domainPath(domid), `/libxl/${domid}`];
  if (uuid !== undefined) paths.push(`/vm/${uuid}`);
  for (const path of paths) await xs.rm(path).catch(() => undefined);
}

function isAgain(error: unknown): boolean {
  return error instanceof XsError && error.errno === 'EAGAIN';
}
