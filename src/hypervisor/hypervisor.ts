// The hypervisor: machine RAM and its frame allocator, virtual time, the console, the
// domain table and the hypercall dispatcher every caller enters (guests through the
// ecall exit handler, dom0's toolstack through privcmd).
import { XenErrno } from './abi/decl/errno.js';
import { XEN_SCHEDULER } from './abi/decl/scheduler.js';
import { DOMID, VIRQ } from './abi/decl/xen.js';
import { SystemClock } from './clock.js';
import { type Cpupool, defaultPoolSchedParams } from './cpupool.js';
import { Domain, type DomainConfig, type DomainHost } from './domain.js';
import { HYPERCALL_TABLE } from './hypercalls/table.js';
import { FrameAllocator } from './memory/frame-allocator.js';
import { GuestFault } from './memory/guest-memory.js';
import { type MachineRam, allocateMachineRam } from './memory/machine-ram.js';
import { type HostConfig, RAM_BASE, XEN_IDENTITY, type XenIdentity } from './host-config.js';
import { SchedTrace } from './sched/sched-trace.js';
import type { Vcpu } from './vcpu.js';
import { XenConsole } from './xen-console.js';
import { EventChannels } from '../evtchn/event-channels.js';

/** XEN_SCHEDULER_* id of an xl scheduler name, or undefined. */
export function schedulerId(name: string): number | undefined {
  const id = (XEN_SCHEDULER as Readonly<Record<string, number>>)[name.toUpperCase()];
  return id;
}

/** Told when domains come and go (the data plane gives their vCPUs save areas and harts). */
export interface DomainObserver {
  created(domain: Domain): void;
  /** Before the domain's vCPUs stop and its memory is released. */
  destroying(domain: Domain): void;
}

export class Hypervisor implements DomainHost {
  readonly clock = new SystemClock();
  readonly console = new XenConsole();
  readonly frames: FrameAllocator;
  readonly identity: XenIdentity = XEN_IDENTITY;
  readonly pools: Cpupool[];
  /** Every scheduling decision of every pool, hashed, once enabled. */
  readonly schedTrace = new SchedTrace();
  /** Injects the event upcall into a vCPU (the hart side sets hvip); vCPUs record it. */
  upcallSink: ((vcpu: Vcpu) => void) | undefined;
  domainObserver: DomainObserver | undefined;
  /** Every domain's event channels (EVTCHNOP, VIRQs, host-side endpoints). */
  readonly events: EventChannels;
  private readonly domainTable = new Map<number, Domain>();
  private nextDomid = 1;

  constructor(
    readonly config: HostConfig,
    readonly ram: MachineRam = allocateMachineRam(RAM_BASE, config.ramBytes),
  ) {
    const sched = schedulerId(config.scheduler);
    if (sched === undefined) throw new Error(`unknown scheduler '${config.scheduler}'`);
    this.frames = new FrameAllocator(ram);
    this.events = new EventChannels(this);
    this.console.onInput = () => this.events.raiseGlobalVirq(VIRQ.CONSOLE);
    this.pools = [{ id: 0, schedulerId: sched, cpus: Array.from({ length: config.nrCpus }, (_, cpu) => cpu), schedParams: defaultPoolSchedParams() }];
  }

  get nrCpus(): number {
    return this.config.nrCpus;
  }

  /** Domains in domid order. */
  domains(): Domain[] {
    return [...this.domainTable.values()].sort((a, b) => a.domid - b.domid);
  }

  domain(domid: number): Domain | undefined {
    return this.domainTable.get(domid);
  }

  /** The domain a hypercall names: DOMID_SELF is the caller. */
  resolveDomain(caller: Domain, domid: number): Domain | undefined {
    return domid === DOMID.SELF ? caller : this.domainTable.get(domid);
  }

  /**
   * Creates a domain, paused. `domid` 0 (for a domU request) or at/above
   * DOMID_FIRST_RESERVED means "pick one". Returns the domain or a negative errno.
   */
  createDomain(config: DomainConfig, options: { domid?: number; privileged?: boolean } = {}): Domain | number {
    const privileged = options.privileged ?? false;
    const domid = privileged && options.domid === 0 ? 0 : this.pickDomid(options.domid ?? 0);
    if (domid < 0) return domid;
    if (config.maxVcpus < 1 || config.maxVcpus > this.nrCpus * 32) return -XenErrno.EINVAL;
    if (this.pools.every((p) => p.id !== config.cpupool)) return -XenErrno.ENOENT;
    const domain = Domain.create(domid, privileged, config, this);
    if (domain === undefined) return -XenErrno.ENOMEM;
    this.domainTable.set(domid, domain);
    domain.finishCreation();
    this.domainObserver?.created(domain);
    return domain;
  }

  /**
   * Kills a domain and drops it from the table once its resources are gone: at once, or,
   * when other domains still map its pages, at their last unmap (domainReleased); until
   * then it is listed as dying and its domid is not reused.
   */
  destroyDomain(domain: Domain): void {
    this.domainObserver?.destroying(domain);
    this.events.domainDestroyed(domain);
    domain.kill();
    if (domain.state === 'dead') this.domainTable.delete(domain.domid);
    this.events.raiseGlobalVirq(VIRQ.DOM_EXC);
  }

  /** A dying domain's last page was unmapped by the domain that held it: it is gone. */
  domainReleased(domain: Domain): void {
    if (this.domainTable.get(domain.domid) === domain) this.domainTable.delete(domain.domid);
    this.events.raiseGlobalVirq(VIRQ.DOM_EXC);
  }

  /** A domain shut down (DomainHost): the toolstack hears of it through VIRQ_DOM_EXC. */
  domainShutDown(): void {
    this.events.raiseGlobalVirq(VIRQ.DOM_EXC);
  }

  /**
   * Enters hypercall `nr` for `caller` with arguments a1..a5: the one entry point for
   * guests and dom0 alike. A bad pointer anywhere in the call gives -EFAULT.
   */
  dispatch(caller: Vcpu, nr: number, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): number {
    const family = Number.isInteger(nr) && nr >= 0 ? HYPERCALL_TABLE[nr] : undefined;
    if (family === undefined) return -XenErrno.ENOSYS;
    try {
      return family.handler(this, caller, a1, a2, a3, a4, a5);
    } catch (error) {
      if (error instanceof GuestFault) return -XenErrno.EFAULT;
      throw error;
    }
  }

  /** Delivers an SBI IPI to `vcpu` (the hart side sets hvip.VSSIP). */
  ipiSink: ((vcpu: Vcpu) => void) | undefined;

  raiseIpi(vcpu: Vcpu): void {
    vcpu.ipiPending = true;
    this.ipiSink?.(vcpu);
  }

  /** Raises the event-channel upcall of `vcpu`. */
  raiseUpcall(vcpu: Vcpu): void {
    vcpu.upcallRaised = true;
    this.upcallSink?.(vcpu);
  }

  private pickDomid(requested: number): number {
    if (requested !== 0 && requested < DOMID.FIRST_RESERVED) {
      return this.domainTable.has(requested) ? -XenErrno.EEXIST : requested;
    }
    for (let tries = 0; tries < DOMID.FIRST_RESERVED; tries++) {
      const candidate = this.nextDomid;
      this.nextDomid = candidate + 1 >= DOMID.FIRST_RESERVED ? 1 : candidate + 1;
      if (!this.domainTable.has(candidate)) return candidate;
    }
    return -XenErrno.ENOMEM;
  }
}
