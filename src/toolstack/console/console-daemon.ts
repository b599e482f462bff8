// The console backend of every domU, in the role of xenconsoled: it has its own
// connection to xenstored, watches @introduceDomain and @releaseDomain, and on each event
// compares the domain list with the consoles it serves. A new domain's console is found
// under /local/domain/<id>/console (ring-ref: the page's gfn, port: the event channel the
// domain offered dom0, limit: how much output to keep); its page is mapped and its channel
// bound. The console of a domain that is dying, gone, or no longer introduced to
// xenstored (the toolstack released it: the domain is being destroyed) is closed. Output
// is kept per domain, so a session attached later (xl console) sees what the guest wrote
// before.
import { XEN_DOMINF } from '../../hypervisor/abi/decl/domctl.js';
import type { XenstoreClient } from '../../xenstore/client.js';
import { type LocalClient, connectLocal } from '../../xenstore/local-client.js';
import { Msg } from '../../xenstore/wire.js';
import { Dom0DomainHost } from '../dom0-domain-host.js';
import type { Host } from '../host.js';
import { allDomains } from '../xl/list.js';
import { ConsoleRing } from './console-ring.js';
import { DomainConsole } from './domain-console.js';

/** Output kept when a domain names no console/limit (libxl writes 1 MiB). */
const DEFAULT_LIMIT = 1024 * 1024;
const WATCH_TOKEN = 'domlist';

export class ConsoleDaemon {
  private readonly consoles = new Map<number, DomainConsole>();
  private readonly waiters = new Map<number, Set<(domainConsole: DomainConsole) => void>>();
  private connection: LocalClient | undefined;
  private host: Host | undefined;
  private mapper: Dom0DomainHost | undefined;
  private scanning = false;
  private rescan = false;

  /** Connects to xenstored and starts watching for domains (once the host is up). */
  async start(host: Host): Promise<void> {
    this.host = host;
    this.mapper = new Dom0DomainHost(host.hv, host.dom0);
    this.connection = connectLocal(host.xenstored, 0);
    const xs = this.connection.client;
    xs.onWatch = () => {
      this.scan().catch((error: unknown) => host.hv.console.log(`xenconsoled: ${error instanceof Error ? error.message : String(error)}`));
    };
    await xs.watch('@introduceDomain', WATCH_TOKEN);
    await xs.watch('@releaseDomain', WATCH_TOKEN);
  }

  stop(): void {
    this.connection?.close();
    this.connection = undefined;
    for (const domainConsole of this.consoles.values()) domainConsole.close();
    this.consoles.clear();
  }

  /** The console of `domid`, if the daemon serves one. */
  get(domid: number): DomainConsole | undefined {
    return this.consoles.get(domid);
  }

  /** The console of `domid` once the daemon serves it; undefined after `timeoutMs`. */
  whenReady(domid: number, timeoutMs: number): Promise<DomainConsole | undefined> {
    const ready = this.consoles.get(domid);
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => {
      let waiters = this.waiters.get(domid);
      if (waiters === undefined) this.waiters.set(domid, (waiters = new Set()));
      const waiter = (domainConsole: DomainConsole) => {
        clearTimeout(timer);
        resolve(domainConsole);
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        resolve(undefined);
      }, timeoutMs);
      waiters.add(waiter);
    });
  }

  /** One scan at a time; events during a scan cause one more. */
  private async scan(): Promise<void> {
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    this.scanning = true;
    try {
      do {
        this.rescan = false;
        await this.scanOnce();
      } while (this.rescan);
    } finally {
      this.scanning = false;
    }
  }

  private async scanOnce(): Promise<void> {
    const host = this.host;
    const xs = this.connection?.client;
    if (host === undefined || xs === undefined) return;
    const live = new Map(allDomains(host).map((info) => [info.domain, info.flags]));
    for (const [domid, domainConsole] of [...this.consoles]) {
      const flags = live.get(domid);
      const gone = flags === undefined || (flags & XEN_DOMINF.dying) !== 0 || !(await isIntroduced(xs, domid));
      if (gone && this.consoles.get(domid) === domainConsole) {
        domainConsole.close();
        this.consoles.delete(domid);
      }
    }
    for (const [domid, flags] of live) {
      if (domid === host.dom0.domid || this.consoles.has(domid) || (flags & XEN_DOMINF.dying) !== 0) continue;
      await this.connect(xs, domid);
    }
  }

  /** Maps and binds the console the domain's nodes describe; leaves it for a later event if they are not there yet. */
  private async connect(xs: XenstoreClient, domid: number): Promise<void> {
    const base = `/local/domain/${domid}/console`;
    const [ringRef, port, limit] = await Promise.all(['ring-ref', 'port', 'limit'].map((node) => xs.read(`${base}/${node}`).catch(() => undefined)));
    const mapper = this.mapper;
    if (ringRef === undefined || port === undefined || mapper === undefined || this.consoles.has(domid)) return;
    if (!/^\d+$/.test(ringRef) || !/^\d+$/.test(port)) return;
    const page = mapper.mapRing(domid, BigInt(ringRef));
    if (page === undefined) return;
    const keep = limit !== undefined && /^\d+$/.test(limit) ? Number(limit) : DEFAULT_LIMIT;
    const domainConsole = new DomainConsole(domid, new ConsoleRing(page), keep, mapper.mappingAlive(domid));
    const channel = mapper.bindEventChannel(domid, Number(port), () => domainConsole.service());
    if (channel === undefined) return;
    this.consoles.set(domid, domainConsole);
    domainConsole.bind(channel);
    const waiters = this.waiters.get(domid);
    this.waiters.delete(domid);
    for (const waiter of waiters ?? []) waiter(domainConsole);
  }
}

/** XS_IS_DOMAIN_INTRODUCED: false once the toolstack released the domain. */
async function isIntroduced(xs: XenstoreClient, domid: number): Promise<boolean> {
  const answer = await xs.call(Msg.IS_DOMAIN_INTRODUCED, `${domid}\0`).catch(() => undefined);
  return answer?.toString('latin1').startsWith('T') ?? false;
}
