// The EventChannels actor of the control plane: every domain's port table and the
// operations that change them (bind, close, reset), the delivery of events through the
// 2-level ABI (two-level.ts), VIRQs raised by the hypervisor, and native endpoints for
// backends that run in the host (xenstored, the console) rather than as guest code.
// Results are ports or negated Xen errno values, exactly as the hypercalls return them.
import { XenErrno } from '../hypervisor/abi/decl/errno.js';
import { NR_VIRQS, VIRQ } from '../hypervisor/abi/decl/xen.js';
import type { Domain } from '../hypervisor/domain.js';
import type { MachineRam } from '../hypervisor/memory/machine-ram.js';
import type { Vcpu } from '../hypervisor/vcpu.js';
import { type Channel, CHANNEL_STATUS, PortTable } from './port-table.js';
import { TwoLevelEvents } from './two-level.js';

/** What the event channels need from the hypervisor. */
export interface EventHost {
  readonly ram: MachineRam;
  domain(domid: number): Domain | undefined;
  /** Injects the upcall interrupt into `vcpu` (hvip.VSSIP), waking it if blocked. */
  raiseUpcall(vcpu: Vcpu): void;
}

/** EVTCHNOP_status's answer. */
export interface PortStatus {
  status: number;
  vcpu: number;
  /** unbound: the domain allowed to bind; interdomain: the peer. */
  dom?: number;
  /** interdomain: the peer's port. */
  port?: number;
  virq?: number;
}

/** A host-side endpoint of an event channel (the server end of a backend's channel). */
export interface NativeEndpoint {
  readonly port: number;
  /** Sends an event to the peer. */
  notify(): void;
  /** Closes the port; no more events after this. */
  close(): void;
}

/** Where a send on a port lands, for a hart serving it without the main thread. */
export type SendRoute =
  | { readonly kind: 'local'; readonly own: Vcpu | undefined }
  | { readonly kind: 'unbound'; readonly own: Vcpu | undefined }
  | { readonly kind: 'deliver'; readonly own: Vcpu | undefined; readonly target: Vcpu; readonly targetPort: number };

/** VIRQs that exist once per vCPU; every other VIRQ is global (bound on vCPU 0, sent to one domain). */
const PER_VCPU_VIRQS: ReadonlySet<number> = new Set([VIRQ.TIMER, VIRQ.DEBUG, VIRQ.XENOPROF, VIRQ.XENPMU]);

export function virqIsGlobal(virq: number): boolean {
  return !PER_VCPU_VIRQS.has(virq);
}

export class EventChannels {
  /** The 2-level bitmaps in the domains' shared pages. */
  readonly twoLevel: TwoLevelEvents;
  private readonly tables = new Map<Domain, PortTable>();
  /** Ports whose events a host-side handler takes instead of the domain's bitmaps. */
  private readonly listeners = new Map<Domain, Map<number, () => void>>();
  /** The domain global VIRQs go to: the hardware domain. */
  globalVirqDomid = 0;
  /** Told when where a domain's events land changed (a VIRQ bound or closed, a vcpu_info moved): the data plane republishes. */
  onDeliveryChanged: ((domain: Domain) => void) | undefined;
  /** Told after a port's binding, its notify vCPU or its peer changed: the data plane republishes its entry. */
  onPortChanged: ((domain: Domain, port: number) => void) | undefined;

  constructor(private readonly host: EventHost) {
    this.twoLevel = new TwoLevelEvents(host.ram, (vcpu) => host.raiseUpcall(vcpu));
  }

  /** The domain's port table, made on first use. */
  table(domain: Domain): PortTable {
    let table = this.tables.get(domain);
    if (table === undefined) {
      table = new PortTable(domain.config.maxEvtchnPort, domain.vcpus.length);
      this.tables.set(domain, table);
    }
    return table;
  }

  // ---- binding ----------------------------------------------------------------------------

  /** A port of `domain` that `remoteDomid` may bind to. */
  allocUnbound(domain: Domain, remoteDomid: number): number {
    const table = this.table(domain);
    const port = table.freePort();
    if (port === undefined) return -XenErrno.ENOSPC;
    table.bind(port, { state: 'unbound', vcpu: 0, remoteDomid });
    this.onPortChanged?.(domain, port);
    return port;
  }

  /**
   * Connects a new port of `local` to `remotePort` of `remoteDomid`, which must be
   * unbound and offered to `local`. The new port starts pending: the remote end may have
   * sent before the bind.
   */
  bindInterdomain(local: Domain, remoteDomid: number, remotePort: number): number {
    const remote = this.host.domain(remoteDomid);
    if (remote === undefined || remote.isDying) return -XenErrno.ESRCH;
    const localTable = this.table(local);
    const localPort = localTable.freePort();
    if (localPort === undefined) return -XenErrno.ENOSPC;
    const remoteTable = this.table(remote);
    if (!remoteTable.isValid(remotePort)) return -XenErrno.EINVAL;
    const offered = remoteTable.get(remotePort);
    if (offered.state !== 'unbound' || offered.remoteDomid !== local.domid) return -XenErrno.EINVAL;
    localTable.bind(localPort, { state: 'interdomain', vcpu: 0, remoteDomid: remote.domid, remotePort });
    remoteTable.bind(remotePort, { state: 'interdomain', vcpu: offered.vcpu, remoteDomid: local.domid, remotePort: localPort });
    this.onPortChanged?.(local, localPort);
    this.onPortChanged?.(remote, remotePort);
    this.deliver(local, localPort);
    return localPort;
  }

  bindVirq(domain: Domain, virq: number, vcpuId: number): number {
    if (!Number.isInteger(virq) || virq < 0 || virq >= NR_VIRQS.NR_VIRQS) return -XenErrno.EINVAL;
    if (virqIsGlobal(virq) && vcpuId !== 0) return -XenErrno.EINVAL;
    if (domain.vcpus[vcpuId] === undefined) return -XenErrno.ENOENT;
    const table = this.table(domain);
    if (table.virqPort(vcpuId, virq) !== 0) return -XenErrno.EEXIST;
    const port = table.freePort();
    if (port === undefined) return -XenErrno.ENOSPC;
    table.bind(port, { state: 'virq', vcpu: vcpuId, virq });
    this.onPortChanged?.(domain, port);
    this.onDeliveryChanged?.(domain);
    return port;
  }

  bindIpi(domain: Domain, vcpuId: number): number {
    if (domain.vcpus[vcpuId] === undefined) return -XenErrno.ENOENT;
    const table = this.table(domain);
    const port = table.freePort();
    if (port === undefined) return -XenErrno.ENOSPC;
    table.bind(port, { state: 'ipi', vcpu: vcpuId });
    this.onPortChanged?.(domain, port);
    return port;
  }

  /** Moves delivery of a port to another vCPU (unbound, interdomain and global VIRQ ports). */
  bindVcpu(domain: Domain, port: number, vcpuId: number): number {
    if (domain.vcpus[vcpuId] === undefined) return -XenErrno.ENOENT;
    const table = this.table(domain);
    if (!table.isValid(port)) return -XenErrno.EINVAL;
    const channel = table.get(port);
    const movable = channel.state === 'unbound' || channel.state === 'interdomain' || (channel.state === 'virq' && virqIsGlobal(channel.virq));
    if (!movable) return -XenErrno.EINVAL;
    channel.vcpu = vcpuId;
    this.onPortChanged?.(domain, port);
    // The peer's sends land on the new vCPU.
    if (channel.state === 'interdomain') this.portChangedIn(channel.remoteDomid, channel.remotePort);
    return 0;
  }

  /** Closes a port; an interdomain peer's port goes back to unbound, offered to this domain. */
  close(domain: Domain, port: number): number {
    const table = this.table(domain);
    if (!table.isValid(port)) return -XenErrno.EINVAL;
    const channel = table.get(port);
    if (channel.state === 'closed' || channel.state === 'reserved') return -XenErrno.EINVAL;
    if (channel.state === 'interdomain') {
      const peer = this.host.domain(channel.remoteDomid);
      const peerTable = peer === undefined ? undefined : this.tables.get(peer);
      const peerChannel = peerTable?.get(channel.remotePort);
      if (peer !== undefined && peerTable !== undefined && peerChannel?.state === 'interdomain') {
        peerTable.bind(channel.remotePort, { state: 'unbound', vcpu: peerChannel.vcpu, remoteDomid: domain.domid });
        this.onPortChanged?.(peer, channel.remotePort);
      }
    }
    table.free(port);
    this.listeners.get(domain)?.delete(port);
    this.twoLevel.clearPending(domain, port);
    this.onPortChanged?.(domain, port);
    if (channel.state === 'virq') this.onDeliveryChanged?.(domain);
    return 0;
  }

  /** Closes every port of the domain. */
  reset(domain: Domain): void {
    const table = this.table(domain);
    for (const port of table.boundPorts()) this.close(domain, port);
  }

  /** The domain is going away: its ports close, so its peers' ports become unbound. */
  domainDestroyed(domain: Domain): void {
    if (this.tables.has(domain)) this.reset(domain);
    this.tables.delete(domain);
    this.listeners.delete(domain);
  }

  /**
   * The vCPU registered its vcpu_info (VCPUOP_register_vcpu_info): events go there from
   * now on, and it is marked as having events pending so the guest rescans its ports.
   */
  vcpuInfoMoved(vcpu: Vcpu): void {
    this.onDeliveryChanged?.(vcpu.domain);
    this.twoLevel.markEventsPending(vcpu);
  }

  // ---- events -----------------------------------------------------------------------------

  /** EVTCHNOP_send: an event to the peer (interdomain) or to the bound vCPU (IPI). */
  send(domain: Domain, port: number): number {
    const table = this.table(domain);
    if (!table.isValid(port)) return -XenErrno.EINVAL;
    const channel = table.get(port);
    switch (channel.state) {
      case 'interdomain': {
        const peer = this.host.domain(channel.remoteDomid);
        if (peer !== undefined) this.deliver(peer, channel.remotePort);
        return 0;
      }
      case 'ipi':
        this.deliver(domain, port);
        return 0;
      case 'unbound':
        return 0; // nobody to notify yet: dropped, as Xen does
      default:
        return -XenErrno.EINVAL;
    }
  }

  unmask(domain: Domain, port: number): number {
    const table = this.table(domain);
    if (!table.isValid(port)) return -XenErrno.EINVAL;
    const vcpu = domain.vcpus[channelVcpu(table.get(port))];
    if (vcpu !== undefined) this.twoLevel.unmask(vcpu, port);
    return 0;
  }

  status(domain: Domain, port: number): PortStatus | number {
    const table = this.table(domain);
    if (!table.isValid(port)) return -XenErrno.EINVAL;
    const channel = table.get(port);
    const answer: PortStatus = { status: CHANNEL_STATUS[channel.state], vcpu: channelVcpu(channel) };
    if (channel.state === 'unbound') answer.dom = channel.remoteDomid;
    if (channel.state === 'interdomain') Object.assign(answer, { dom: channel.remoteDomid, port: channel.remotePort });
    if (channel.state === 'virq') answer.virq = channel.virq;
    return answer;
  }

  /**
   * Raises a per-vCPU VIRQ (TIMER, DEBUG) on `vcpu`. False when the guest has not bound
   * it, so the caller can fall back (the timer injects VSTIP instead).
   */
  raiseVirq(vcpu: Vcpu, virq: number): boolean {
    const port = this.tables.get(vcpu.domain)?.virqPort(vcpu.id, virq) ?? 0;
    if (port === 0) return false;
    this.deliver(vcpu.domain, port);
    return true;
  }

  /** Raises a global VIRQ (DOM_EXC, CONSOLE, ...) in the domain that handles them. */
  raiseGlobalVirq(virq: number): boolean {
    const handler = this.host.domain(this.globalVirqDomid);
    const port = handler === undefined ? 0 : this.tables.get(handler)?.virqPort(0, virq) ?? 0;
    if (handler === undefined || port === 0) return false;
    this.deliver(handler, port);
    return true;
  }

  // ---- host-side endpoints ----------------------------------------------------------------

  /**
   * Events on `port` of `domain` go to `onEvent` instead of the domain's bitmaps: how a
   * native domain (dom0's kernel is TypeScript) takes its events.
   */
  listen(domain: Domain, port: number, onEvent: () => void): void {
    let ports = this.listeners.get(domain);
    if (ports === undefined) this.listeners.set(domain, (ports = new Map()));
    ports.set(port, onEvent);
    // Sends from the peer must now reach the listener, on the main thread.
    const channel = this.table(domain).get(port);
    if (channel.state === 'interdomain') this.portChangedIn(channel.remoteDomid, channel.remotePort);
  }

  /**
   * A backend in `backend` (dom0) binds to the port a frontend offered it and takes its
   * events natively: the server end of a xenstore or console channel.
   */
  bindBackend(backend: Domain, frontendDomid: number, frontendPort: number, onEvent: () => void): NativeEndpoint | number {
    const port = this.bindInterdomain(backend, frontendDomid, frontendPort);
    if (port < 0) return port;
    this.listen(backend, port, onEvent);
    return { port, notify: () => void this.send(backend, port), close: () => void this.close(backend, port) };
  }

  /**
   * Where a send on `port` of `domain` goes: delivered into a vCPU's bitmaps (an
   * interdomain peer that takes its events there, or an IPI), dropped (unbound), or
   * left to this thread (anything else: errors, host-side listeners, dying peers).
   */
  sendRoute(domain: Domain, port: number): SendRoute {
    const channel = this.table(domain).get(port);
    const own = domain.vcpus[channelVcpu(channel)];
    if (channel.state === 'unbound') return { kind: 'unbound', own };
    if (channel.state === 'ipi' && own !== undefined) return { kind: 'deliver', own, target: own, targetPort: port };
    if (channel.state !== 'interdomain') return { kind: 'local', own };
    const peer = this.host.domain(channel.remoteDomid);
    if (peer === undefined || peer.isDying || this.listeners.get(peer)?.has(channel.remotePort) === true) return { kind: 'local', own };
    const target = peer.vcpus[channelVcpu(this.table(peer).get(channel.remotePort))];
    return target === undefined ? { kind: 'local', own } : { kind: 'deliver', own, target, targetPort: channel.remotePort };
  }

  /**
   * Events were set pending in `domain` by a hart (a fast-path send): what delivering
   * them on this thread would also have done. Pollers of a pending port wake, and so
   * does a blocked vCPU whose upcall is pending.
   */
  eventsSetOnHart(domain: Domain): void {
    if (domain.isDying) return;
    for (const vcpu of domain.vcpus) {
      if (vcpu.pollPorts.some((port) => this.twoLevel.isPending(domain, port))) {
        vcpu.pollPorts = [];
        vcpu.timers.pollDeadline = undefined;
        if (vcpu.state === 'blocked') vcpu.wake();
      } else if (vcpu.state === 'blocked' && this.twoLevel.upcallPending(vcpu)) {
        vcpu.wake();
      }
    }
  }

  private portChangedIn(domid: number, port: number): void {
    const domain = this.host.domain(domid);
    if (domain !== undefined) this.onPortChanged?.(domain, port);
  }

  /** An event for `port` of `domain`: to its host-side listener, or set pending for its vCPU. */
  private deliver(domain: Domain, port: number): void {
    if (domain.isDying) return;
    const listener = this.listeners.get(domain)?.get(port);
    if (listener !== undefined) {
      listener();
      return;
    }
    const vcpu = domain.vcpus[channelVcpu(this.table(domain).get(port))];
    if (vcpu !== undefined && this.twoLevel.setPending(vcpu, port)) wakePollers(domain, port);
  }
}

/**
 * A newly pending port ends the SCHEDOP_poll of every vCPU of the domain that waits on
 * it (masked or not: polling masked ports is what poll is for); a vCPU polling several
 * ports wakes on any event, as in Xen.
 */
function wakePollers(domain: Domain, port: number): void {
  for (const vcpu of domain.vcpus) {
    const ports = vcpu.pollPorts;
    if (ports.length === 0 || (ports.length === 1 && ports[0] !== port)) continue;
    vcpu.pollPorts = [];
    vcpu.timers.pollDeadline = undefined;
    if (vcpu.state === 'blocked') vcpu.wake();
  }
}

function channelVcpu(channel: Channel): number {
  return channel.state === 'closed' || channel.state === 'reserved' ? 0 : channel.vcpu;
}
