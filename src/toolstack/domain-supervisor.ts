// The role of the process `xl create` leaves behind for each domain: it watches
// @releaseDomain on its own xenstore connection and, when a supervised domain has shut
// down, applies the config's on_poweroff / on_reboot / on_crash / on_watchdog action:
// destroy, restart (a new domain from the same config, with a new domid), preserve
// (left in state s for inspection) or rename-restart (the old one kept under a new name).
// What it does is logged per domain name, as xl logs to its per-domain file.
import { XEN_DOMINF } from '../hypervisor/abi/decl/domctl.js';
import { SHUTDOWN } from '../hypervisor/abi/decl/sched-op.js';
import { connectLocal, type LocalClient } from '../xenstore/local-client.js';
import { type BuiltDomain, buildDomain } from './domain-builder/build-domain.js';
import { destroyDomain } from './domain-builder/destroy-domain.js';
import type { Host } from './host.js';
import { HypercallFailed } from './privcmd.js';
import type { DomainSpec, ShutdownAction } from './xlcfg/domain-spec.js';

export interface SupervisedDomain {
  readonly spec: DomainSpec;
  readonly kernel: { readonly path: string; readonly bytes: Uint8Array };
}

const WATCH_TOKEN = 'xl-domain-death';

function actionFor(spec: DomainSpec, reason: number): ShutdownAction | undefined {
  switch (reason) {
    case SHUTDOWN.poweroff: return spec.onPoweroff;
    case SHUTDOWN.reboot: return spec.onReboot;
    case SHUTDOWN.crash: return spec.onCrash;
    case SHUTDOWN.watchdog: return spec.onWatchdog;
    default: return undefined; // suspend and soft_reset are for the toolstack that asked for them
  }
}

const supervisors = new WeakMap<Host, DomainSupervisor>();

export class DomainSupervisor {
  private readonly domains = new Map<number, SupervisedDomain>();
  /** Lines xl would write to its log, per domain name. */
  readonly logs = new Map<string, string[]>();
  /** Domids created by restarts, in order (so callers can follow a restarting guest). */
  readonly restarts: { from: number; to: number }[] = [];
  private work: Promise<void> = Promise.resolve();

  private constructor(private readonly host: Host, private readonly connection: LocalClient) {
    connection.client.onWatch = () => {
      this.work = this.work.then(() => this.review());
    };
  }

  /** The host's supervisor, started on first use. */
  static async of(host: Host): Promise<DomainSupervisor> {
    let supervisor = supervisors.get(host);
    if (supervisor === undefined) {
      supervisor = new DomainSupervisor(host, connectLocal(host.xenstored, 0));
      supervisors.set(host, supervisor);
      await supervisor.connection.client.watch('@releaseDomain', WATCH_TOKEN);
    }
    return supervisor;
  }

  supervise(domid: number, domain: SupervisedDomain): void {
    this.domains.set(domid, domain);
  }

  isSupervised(domid: number): boolean {
    return this.domains.has(domid);
  }

  /** Resolves when every action triggered so far has been carried out. */
  async settled(): Promise<void> {
    for (let seen: Promise<void> | undefined; seen !== this.work; ) {
      seen = this.work;
      await seen;
    }
  }

  private log(name: string, line: string): void {
    const lines = this.logs.get(name) ?? [];
    lines.push(line);
    this.logs.set(name, lines);
  }

  private async review(): Promise<void> {
    for (const [domid, domain] of [...this.domains]) {
      const flags = this.flagsOf(domid);
      if (flags === undefined || flags & XEN_DOMINF.dying) {
        this.domains.delete(domid);
        continue;
      }
      if (!(flags & XEN_DOMINF.shutdown)) continue;
      const reason = (flags >>> XEN_DOMINF.shutdownshift) & XEN_DOMINF.shutdownmask;
      const action = actionFor(domain.spec, reason);
      if (action === undefined) continue;
      this.domains.delete(domid);
      await this.apply(domid, domain, reason, action);
    }
  }

  private async apply(domid: number, domain: SupervisedDomain, reason: number, action: ShutdownAction): Promise<void> {
    const { name } = domain.spec;
    this.log(name, `Domain ${domid} has shut down, reason code ${reason} 0x${reason.toString(16)}`);
    this.log(name, `Action for shutdown reason code ${reason} is ${action}`);
    if (action === 'preserve') return;
    if (action === 'rename-restart') {
      await this.host.xs.write(`/local/domain/${domid}/name`, `${name}--${domid}`);
    } else {
      this.log(name, `Domain ${domid} needs to be cleaned up: destroying the domain`);
      await destroyDomain(this.host, domid);
    }
    if (action === 'destroy') return;
    this.log(name, 'Done. Rebooting now');
    let rebuilt: BuiltDomain;
    try {
      rebuilt = await buildDomain(this.host, domain.spec, domain.kernel);
    } catch (error) {
      this.log(name, `Restart of domain ${name} failed: ${(error as Error).message}`);
      return;
    }
    this.restarts.push({ from: domid, to: rebuilt.domid });
    this.domains.set(rebuilt.domid, domain);
  }

  private flagsOf(domid: number): number | undefined {
    try {
      return this.host.xc.domainGetinfo(domid).flags;
    } catch (error) {
      if (error instanceof HypercallFailed) return undefined;
      throw error;
    }
  }
}
