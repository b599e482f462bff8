// The control plane's side of the data plane, on the main thread: it gives every domU
// vCPU a frame (save area and published state), keeps one scheduler per cpupool in step
// with the vCPU lifecycles, and answers the harts' requests: slow-path calls on the
// saved registers, wfi, reschedules and faults. It also publishes every domain's port
// table for the harts' event-channel fast path, and takes the kicks they post when an
// event they set may have to wake a vCPU. Dom0 is native TypeScript on this thread and
// never runs on a hart.
import { PUBLISHED_PORTS, type PortEntry, PortKind, PublishedPorts, UNPUBLISHED_ENTRY } from '../../evtchn/published-ports.js';
import { SHUTDOWN } from '../abi/decl/sched-op.js';
import { VIRQ } from '../abi/decl/xen.js';
import { consoleOutput } from '../hypercalls/console-io.js';
import type { Domain } from '../domain.js';
import { handleVsEcall } from '../exit-handler.js';
import { HVIP } from '../guest-cpu.js';
import type { DomainObserver, Hypervisor } from '../hypervisor.js';
import { DOMID_XEN } from '../memory/frame-allocator.js';
import { PAGE_SIZE, mfnOffset } from '../memory/machine-ram.js';
import { poolPolicy } from '../sched/policies.js';
import { type HartSignals, type Placement, Scheduler } from '../sched/scheduler.js';
import type { Vcpu } from '../vcpu.js';
import { initVcpuCsrs } from '../vcpu-csrs.js';
import type { MachineMemory } from '../../harts/machine-memory.js';
import type { RunControl } from '../../harts/run-control.js';
import { type HartMailbox, NONE } from './mailbox.js';
import type { HartRequest } from './protocol.js';
import { DomainRecord, FLAG_UP, MAX_PUBLISHED_VCPUS, SAVED_CSRS, SharedViews, VcpuRecord } from './records.js';
import { SaveAreaCpu } from './save-area-cpu.js';
import { applyVcpuContext, contextSource } from './vcpu-context.js';

interface Managed {
  readonly id: number;
  readonly vcpu: Vcpu;
  readonly record: VcpuRecord;
  /** The saved registers as the exit handler's GuestCpu. */
  readonly cpu: SaveAreaCpu;
  readonly scheduler: Scheduler;
  /** The context (setvcpucontext or HSM start) last written into the save area. */
  loadedContext: object | undefined;
}

interface ManagedDomain {
  /** Its frames: the domain frame, one per vCPU, the published port table. */
  readonly frames: number[];
  readonly vcpus: Managed[];
  readonly ports: PublishedPorts;
}

export class DataPlane implements DomainObserver {
  readonly nsPerTick: number;
  private readonly views: SharedViews;
  private readonly schedulers = new Map<number, Scheduler>();
  private readonly byId = new Map<number, Managed>();
  private readonly byVcpu = new Map<Vcpu, Managed>();
  private readonly domains = new Map<Domain, ManagedDomain>();
  /** Domains being destroyed: no hart may deliver to them any more. */
  private readonly leaving = new Set<Domain>();
  /** Domains whose p2m lost a translation while a request was served (see shootDownTlbs). */
  private readonly unmappedIn = new Set<Domain>();
  /** The hart whose request is being served, if any: its unmaps are shot down once it is served. */
  private serving: number | undefined;
  private nextId = 1;
  /** Requests served, by kind: every slow-path call, wfi, reschedule and fault that reached this thread. */
  readonly requests: Record<HartRequest['kind'], number> = { call: 0, wfi: 0, schedule: 0, fault: 0 };

  constructor(
    readonly hv: Hypervisor,
    readonly machine: MachineMemory,
    readonly control: RunControl,
    readonly mailbox: HartMailbox,
  ) {
    this.nsPerTick = 1e9 / hv.config.timebaseHz;
    this.views = new SharedViews(machine.memory.buffer);
    const signals = this.signals();
    for (const pool of hv.pools) {
      const scheduler = new Scheduler(pool.cpus, poolPolicy(pool), hv.clock, signals, hv.schedTrace);
      for (const cpu of pool.cpus) this.schedulers.set(cpu, scheduler);
    }
    hv.domainObserver = this;
    hv.ipiSink = (vcpu) => this.post(vcpu, HVIP.VSSIP);
    hv.upcallSink = (vcpu) => this.post(vcpu, HVIP.VSSIP);
    hv.events.onDeliveryChanged = (domain) => this.domains.get(domain)?.vcpus.forEach((m) => this.publishEvents(m));
    hv.events.onPortChanged = (domain, port) => this.publishPort(domain, port);
    for (const domain of hv.domains()) this.created(domain);
  }

  /** Instructions a vCPU has retired on the harts. */
  instructions(vcpu: Vcpu): number {
    return this.byVcpu.get(vcpu)?.record.instructions ?? 0;
  }

  // ---- DomainObserver -------------------------------------------------------------------

  created(domain: Domain): void {
    if (domain.domid === 0 || this.domains.has(domain)) return;
    const scheduler = this.schedulers.get(this.hv.pools.find((p) => p.id === domain.config.cpupool)?.cpus[0] ?? 0);
    if (scheduler === undefined || domain.vcpus.length > MAX_PUBLISHED_VCPUS) {
      this.hv.console.log(`d${domain.domid}: cannot run on the harts (${domain.vcpus.length} vCPUs, pool ${domain.config.cpupool})`);
      return;
    }
    const frames: number[] = [];
    for (let i = 0; i <= domain.vcpus.length + 1; i++) {
      const mfn = this.hv.frames.alloc(DOMID_XEN);
      if (mfn === undefined) {
        for (const f of frames) this.hv.frames.free(f);
        this.hv.console.log(`d${domain.domid}: no memory for the vCPUs' save areas; the domain cannot run`);
        return;
      }
      frames.push(mfn);
    }
    const offsets = frames.map((mfn) => this.machine.ramOffset + mfnOffset(this.hv.ram, mfn));
    const domainOffset = offsets[0]!;
    const portsOffset = offsets[domain.vcpus.length + 1]!;
    this.views.u8.fill(0, portsOffset, portsOffset + PAGE_SIZE);
    const managed = domain.vcpus.map((vcpu, i): Managed => {
      const record = new VcpuRecord(this.views, offsets[i + 1]!);
      const id = this.nextId++;
      record.init(id, vcpu.id, domainOffset);
      record.bindTimers(vcpu.timers, 'object');
      return { id, vcpu, record, cpu: new SaveAreaCpu(record), scheduler, loadedContext: undefined };
    });
    new DomainRecord(this.views, domainOffset).publish({
      domid: domain.domid, privileged: domain.privileged, flags: domain.config.flags, p2mRootMfn: domain.p2m.rootMfn,
      handle: domain.config.handle, vcpuOffsets: offsets.slice(1, domain.vcpus.length + 1), portsOffset,
    });
    this.domains.set(domain, { frames, vcpus: managed, ports: new PublishedPorts(this.views.i32, portsOffset) });
    domain.p2m.onUnmapped = () => {
      this.unmappedIn.add(domain);
      // Outside a hart's request (dom0's toolstack unmapping a running domU's page), at once.
      if (this.serving === undefined) this.shootDownTlbs(undefined);
    };
    for (const m of managed) {
      this.byId.set(m.id, m);
      this.byVcpu.set(m.vcpu, m);
      m.vcpu.observer = (vcpu) => this.vcpuChanged(vcpu);
      this.publish(m);
      this.publishEvents(m);
      scheduler.insert(m.vcpu);
    }
    const valid = Math.min(this.hv.events.table(domain).validPorts, PUBLISHED_PORTS);
    for (let port = 0; port < valid; port++) this.publishPort(domain, port);
  }

  /** Takes the domain's vCPUs off the harts (waiting for any hart still executing one) and frees their frames. */
  destroying(domain: Domain): void {
    const managed = this.domains.get(domain);
    if (managed === undefined) return;
    // Harts stop delivering to it; once each has passed a quiescent point, none still is.
    this.leaving.add(domain);
    domain.p2m.onUnmapped = undefined;
    this.unmappedIn.delete(domain);
    this.republishPeers(domain);
    this.mailbox.awaitQuiescent();
    for (const m of managed.vcpus) {
      m.vcpu.observer = undefined;
      const cpu = m.scheduler.remove(m.vcpu);
      if (cpu !== undefined) {
        this.mailbox.requestDrop(cpu, m.id);
        this.mailbox.awaitNotExecuting(cpu, m.id);
      }
      this.byId.delete(m.id);
      this.byVcpu.delete(m.vcpu);
    }
    for (const mfn of managed.frames) this.hv.frames.free(mfn);
    this.domains.delete(domain);
    this.leaving.delete(domain);
  }

  // ---- event channels on the harts -------------------------------------------------------

  /** Rewrites the published entry of `port` of `domain` from the EventChannels' table. */
  private publishPort(domain: Domain, port: number): void {
    const managed = this.domains.get(domain);
    if (managed === undefined || port >= PUBLISHED_PORTS) return;
    managed.ports.write(port, this.portEntry(domain, port));
  }

  private portEntry(domain: Domain, port: number): PortEntry {
    const events = this.hv.events;
    if (!events.table(domain).isValid(port)) return UNPUBLISHED_ENTRY;
    const route = events.sendRoute(domain, port);
    const own = route.own === undefined ? 0 : this.byVcpu.get(route.own)?.record.offset ?? 0;
    if (route.kind === 'unbound') return { kind: PortKind.UNBOUND, targetPort: 0, targetFrame: 0, ownFrame: own };
    const target = route.kind === 'deliver' && !this.leaving.has(route.target.domain) ? this.byVcpu.get(route.target) : undefined;
    if (route.kind === 'local' || target === undefined) return { kind: PortKind.LOCAL, targetPort: 0, targetFrame: 0, ownFrame: own };
    return { kind: PortKind.DELIVER, targetPort: route.targetPort, targetFrame: target.record.offset, ownFrame: own };
  }

  /** The ports of other domains that deliver into `domain`: its interdomain peers. */
  private republishPeers(domain: Domain): void {
    const table = this.hv.events.table(domain);
    for (const port of table.boundPorts()) {
      const channel = table.get(port);
      if (channel.state !== 'interdomain') continue;
      const peer = this.hv.domain(channel.remoteDomid);
      if (peer !== undefined) this.publishPort(peer, channel.remotePort);
    }
  }

  /**
   * Acts on the kicks harts posted: events they set pending in a domain where a vCPU was
   * blocked, which may now have to wake (at the virtual time of the latest such event).
   */
  serveKicks(): void {
    if (!this.mailbox.takeKicks()) return;
    const kicked = new Map<Domain, number>();
    for (const m of this.byId.values()) {
      if (!m.record.takeKick()) continue;
      const domain = m.vcpu.domain;
      kicked.set(domain, Math.max(kicked.get(domain) ?? 0, m.record.kickAt));
    }
    for (const [domain, atNs] of kicked) this.hv.clock.at(atNs, () => this.hv.events.eventsSetOnHart(domain));
  }

  // ---- the harts' requests ---------------------------------------------------------------

  /** Serves one request from hart `request.hart` and writes the reply into its mailbox. */
  handle(request: HartRequest): void {
    this.requests[request.kind]++;
    const atNs = request.atTicks * this.nsPerTick;
    const scheduler = this.schedulers.get(request.hart);
    if (scheduler === undefined) throw new RangeError(`request from unknown hart ${request.hart}`);
    let placement: Placement;
    this.serving = request.hart;
    try {
      placement = this.hv.clock.at(atNs, () => this.serve(scheduler, request, atNs));
    } catch (error) {
      // A bug in a handler must not leave the hart waiting forever: it crashes the domain.
      const m = this.byId.get(request.vcpu);
      this.hv.console.log(`hart ${request.hart}: ${error instanceof Error ? error.message : String(error)}`);
      m?.vcpu.domain.shutdown(SHUTDOWN.crash);
      placement = this.hv.clock.at(atNs, () => scheduler.reschedule(request.hart, atNs));
    }
    const next = placement.vcpu === undefined ? undefined : this.byVcpu.get(placement.vcpu);
    if (next !== undefined) {
      endPoll(next.vcpu);
      this.prepareContext(next);
      this.publishP2m(next.vcpu.domain);
    }
    this.shootDownTlbs(request.hart);
    this.serving = undefined;
    this.mailbox.reply(request.hart, next === undefined ? undefined : {
      id: next.id, recordOffset: next.record.offset, startTicks: BigInt(Math.ceil(placement.startNs / this.nsPerTick)),
    });
  }

  /** Console text from a hart's fast path. */
  output(domid: number, text: string): void {
    const domain = this.hv.domain(domid);
    if (domain !== undefined) consoleOutput(this.hv, domain, text);
  }

  private serve(scheduler: Scheduler, request: HartRequest, atNs: number): Placement {
    const m = this.byId.get(request.vcpu);
    const onHart = m !== undefined && scheduler.current(request.hart)?.vcpu === m.vcpu;
    let yielded = false;
    if (onHart) {
      switch (request.kind) {
        case 'call':
          handleVsEcall(this.hv, m.vcpu, m.cpu);
          break;
        case 'wfi':
          if (m.record.posted === 0) m.vcpu.block();
          break;
        case 'fault':
          this.hv.console.log(`d${m.vcpu.domain.domid}v${m.vcpu.id} ${request.message}; crashing the domain`);
          m.vcpu.domain.shutdown(SHUTDOWN.crash);
          break;
        case 'schedule':
          yielded = request.reason === 'yield';
          break;
      }
      if (m.vcpu.state === 'blocked') scheduler.park(m.vcpu, request.hart, this.wakeDeadline(m.vcpu, request));
    }
    scheduler.fireTimers(request.hart, atNs);
    const continues = onHart && request.kind === 'call' && m.vcpu.state === 'running';
    return continues ? { vcpu: m.vcpu, startNs: atNs } : scheduler.reschedule(request.hart, atNs, yielded);
  }

  /**
   * When the timers wake a vCPU that blocks now: those the hart saw before the call, and
   * the timeout of a SCHEDOP_poll the call itself made.
   */
  private wakeDeadline(vcpu: Vcpu, request: HartRequest): number | undefined {
    const seen = request.deadlineTicks < 0 ? undefined : request.deadlineTicks * this.nsPerTick;
    const poll = vcpu.timers.pollDeadline;
    return poll === undefined || (seen !== undefined && seen < poll) ? seen : poll;
  }

  // ---- lifecycle ------------------------------------------------------------------------

  private vcpuChanged(vcpu: Vcpu): void {
    const m = this.byVcpu.get(vcpu);
    if (m === undefined) return;
    this.publish(m);
    m.scheduler.vcpuChanged(vcpu);
  }

  private publish(m: Managed): void {
    m.record.flags = m.vcpu.isUp ? FLAG_UP : 0;
    m.record.publishRunstate(m.vcpu.context.runstate);
  }

  /** Where the hart delivers the vCPU's VIRQ_TIMER, if the guest bound it. */
  private publishEvents(m: Managed): void {
    const events = this.hv.events;
    m.record.publishEvents({
      sharedInfoAt: events.twoLevel.sharedInfoAt(m.vcpu.domain),
      vcpuInfoAt: events.twoLevel.vcpuInfoAt(m.vcpu),
      timerPort: events.table(m.vcpu.domain).virqPort(m.vcpu.id, VIRQ.TIMER),
    });
  }

  /**
   * As Xen flushes the TLBs of every pCPU a domain runs on before an unmap returns: each
   * other hart executing a vCPU of a domain whose p2m lost a translation passes a slice
   * boundary, where it sees the new generation and flushes, before the caller (the hart
   * whose request unmapped, or the main thread's own caller) goes on.
   */
  private shootDownTlbs(caller: number | undefined): void {
    if (this.unmappedIn.size === 0) return;
    const ids = new Set<number>();
    for (const domain of this.unmappedIn) {
      this.publishP2m(domain);
      for (const m of this.domains.get(domain)?.vcpus ?? []) ids.add(m.id);
    }
    this.unmappedIn.clear();
    this.mailbox.awaitQuiescentWhere((hart, id) => hart !== caller && ids.has(id));
  }

  /** The hart about to run a vCPU of `domain` flushes its TLBs if the domain's p2m changed. */
  private publishP2m(domain: Domain): void {
    const frames = this.domains.get(domain)?.frames;
    if (frames === undefined) return;
    const record = new DomainRecord(this.views, this.machine.ramOffset + mfnOffset(this.hv.ram, frames[0]!));
    record.p2mGeneration = domain.p2m.generation;
  }

  /** Posts interrupt bits (an IPI, the upcall) to a vCPU; a blocked vCPU wakes. */
  private post(vcpu: Vcpu, bits: bigint): void {
    const m = this.byVcpu.get(vcpu);
    if (m === undefined) return;
    if (bits !== 0n) m.record.post(Number(bits));
    if (vcpu.state === 'blocked') vcpu.wake();
  }

  /** Before a vCPU first runs (or after an HSM start or a new context): its starting state. */
  private prepareContext(m: Managed): void {
    const source = contextSource(m.vcpu);
    if (source === undefined || source === m.loadedContext) return;
    m.loadedContext = source;
    const cpu = m.cpu;
    for (let i = 1; i < 32; i++) cpu.setX(i, 0n);
    for (const csr of SAVED_CSRS) cpu.writeCsr(csr, 0n);
    // The per-vCPU half of the guests' CSR set-up; each hart applied the hart-wide half.
    initVcpuCsrs({
      getX: (i) => cpu.getX(i), setX: (i, v) => cpu.setX(i, v), readCsr: (n) => cpu.readCsr(n),
      writeCsr: (n, v) => { if (cpu.holds(n)) cpu.writeCsr(n, v); }, completeMmio: () => {}, flushTlb: () => {},
    });
    cpu.privilege = 1;
    applyVcpuContext(m.vcpu, cpu);
  }

  private signals(): HartSignals {
    const ticks = (ns: number | undefined): bigint => (ns === undefined ? NONE : BigInt(Math.ceil(ns / this.nsPerTick)));
    return {
      softirq: (cpu) => {
        this.mailbox.raiseSoftirq(cpu);
        this.control.wake(cpu);
      },
      sliceEnd: (cpu, ns) => this.mailbox.setSliceEnd(cpu, ticks(ns)),
      timerDeadline: (cpu, ns) => {
        this.mailbox.setTimer(cpu, ticks(ns));
        this.control.wake(cpu);
      },
      waiting: (cpus, count) => cpus.forEach((cpu) => this.mailbox.setWaiting(cpu, count)),
    };
  }
}

/** A vCPU placed on a hart is past any SCHEDOP_poll (an event, its timeout or another wake ended it): the poll set and timeout go. */
function endPoll(vcpu: Vcpu): void {
  if (vcpu.pollPorts.length > 0) vcpu.pollPorts = [];
  if (vcpu.timers.pollDeadline !== undefined) vcpu.timers.pollDeadline = undefined;
}
