// One physical hart of the data plane: runs the vCPU the scheduler gave it in slices
// bounded by the quantum barrier, its timeslice, the timers parked on it and the vCPU's
// own Xen timers; serves fast-path exits itself; for anything else saves the vCPU into
// its frame and asks the control plane, which answers with what to run next. The same
// code runs in a hart worker (parallel mode) and, for every hart in turn, on the main
// thread (deterministic mode).
import { ExitReason, type Hart } from '../../harts/hart.js';
import { Step } from '../../harts/hart-loop.js';
import { HartState, type RunControl } from '../../harts/run-control.js';
import { SetPending, TwoLevelBits } from '../../evtchn/two-level-bits.js';
import { HYPERCALL, XEN_HYPERCALL } from '../abi/decl/hypercalls.js';
import { SCHEDOP } from '../abi/decl/sched-op.js';
import { GUEST_CSR, HVIP } from '../guest-cpu.js';
import { initVcpuCsrs } from '../vcpu-csrs.js';
import type { Hypervisor } from '../hypervisor.js';
import type { MachineRam } from '../memory/machine-ram.js';
import { FastEvents } from './fast-events.js';
import { type FastPathContext, mayHaveSetTimers, serveFastPath } from './fast-path.js';
import { DomainView, type VcpuView } from './guest-views.js';
import { type Assignment, type HartMailbox, NONE } from './mailbox.js';
import type { ControlLink, HartRequest, ScheduleReason } from './protocol.js';
import { SharedViews, VcpuRecord } from './records.js';

const CSR = { mie: 0x304, henvcfg: 0x60a } as const;
const STCE = 1n << 63n;
const VSTIE = 1n << 6n;

export interface VcpuHartOptions {
  readonly instructionsPerTick: number;
  /** Virtual ns per timebase tick. */
  readonly nsPerTick: number;
  readonly sliceInstructions: number;
  /** The longest a hart polls (wall ns) for an event before a blocking vCPU goes to the scheduler (0: never). */
  readonly haltPollNs: number;
}

interface Loaded {
  readonly id: number;
  readonly record: VcpuRecord;
  readonly view: VcpuView;
}

/** A hart of the data plane: hypervisor trap routing, and the guests' delegation, counters and Sstc. */
export function configureForGuests(hart: Hart): void {
  hart.trapMode = 'hypervisor';
  initVcpuCsrs(hart);
}

export class VcpuHart {
  private current: Loaded | undefined;
  private slept = false;
  private readonly views: SharedViews;
  private readonly eventBits: TwoLevelBits;
  private readonly block: number;
  private domains = new Map<number, DomainView>();
  /** The fast path's context and body, allocated once; it serves the vCPU loaded now. */
  private readonly fastContext: FastPathContext;
  private readonly serveFast = (): boolean => serveFastPath(this.fastContext, this.current!.view, this.hart);
  /** The domain (frame offset) and p2m generation the hart's TLBs were last filled for. */
  private translated = { domain: -1, generation: -1 };

  constructor(
    readonly hart: Hart,
    readonly hartId: number,
    private readonly control: RunControl,
    private readonly mailbox: HartMailbox,
    private readonly link: ControlLink,
    /** This thread's hypervisor: identity, configuration, and a clock set to the hart's time. */
    private readonly hv: Hypervisor,
    private readonly ram: MachineRam,
    private readonly options: VcpuHartOptions,
  ) {
    this.views = new SharedViews(hart.machine.memory.buffer);
    this.eventBits = new TwoLevelBits(hart.machine.memory.buffer);
    this.block = hart.machine.hartBlock(hartId);
    const raiseHere = (bits: number): void => hart.writeCsr(GUEST_CSR.hvip, hart.readCsr(GUEST_CSR.hvip) | BigInt(bits));
    const events = new FastEvents(this.views, this.eventBits, mailbox, raiseHere);
    this.fastContext = { hv, events, output: (domid, text) => link.output(domid, text) };
  }

  get stopped(): boolean {
    return this.control.stopped;
  }

  get runnable(): boolean {
    return this.control.state(this.hartId) === HartState.Running;
  }

  /** Block this thread until the hart may run again (parallel mode). */
  waitUntilRunnable(): void {
    this.control.waitUntilRunnable(this.hartId);
  }

  step(): Step {
    const { control, hart, hartId, mailbox } = this;
    if (control.stopped) return Step.Stopped;
    if (control.state(hartId) !== HartState.Running) return Step.Blocked;
    if (this.slept) {
      this.slept = false;
      const resume = control.resumeTime(hartId);
      if (resume > hart.time) hart.advanceTimeTo(resume);
    }
    this.honourDrop();
    const now = hart.time;
    const end = control.epochEnd;
    const current = this.current;
    if (current === undefined) return this.idle(now, end);
    if (mailbox.takeSoftirq(hartId)) return this.reschedule('softirq');
    if (reached(mailbox.sliceEnd(hartId), now)) return this.reschedule('timeslice');
    if (reached(mailbox.timer(hartId), now)) return this.reschedule('timer');
    if (now >= end) {
      control.arrive(hartId, now);
      return Step.Blocked;
    }
    this.deliverInterrupts(current);
    const budget = this.budget(now, end, current);
    mailbox.setExecuting(hartId, current.id);
    if (mailbox.dropRequested(hartId) === current.id) {
      mailbox.doneExecuting(hartId);
      return Step.Ran;
    }
    this.dropStaleTranslations(current.view.domain);
    // Fast-path exits are served in place and the vCPU runs on with what is left of the budget.
    let left = budget;
    const first = hart.instretNumber;
    const timerAt = this.xenTimerNs(current);
    let exit: ExitReason | 'yield' | 'served';
    for (;;) {
      const before = hart.instretNumber;
      const reason = hart.run(left);
      left -= hart.instretNumber - before;
      if (reason !== ExitReason.EcallFromVS || !this.fastPath()) {
        exit = reason;
        break;
      }
      exit = 'served';
      if (current.view.yieldRequested) {
        current.view.yieldRequested = false;
        if (mailbox.waiting(hartId) > 0) {
          exit = 'yield';
          break;
        }
      }
      // A re-armed Xen timer may fall inside the budget: the next step bounds the slice by it.
      if (left <= 0 || (mayHaveSetTimers(hart) && this.xenTimerNs(current) !== timerAt)) break;
    }
    current.record.addInstructions(hart.instretNumber - first);
    mailbox.doneExecuting(hartId);
    if (exit === 'served') return Step.Ran;
    if (exit === 'yield') return this.reschedule('yield');
    return this.handleExit(exit);
  }

  /** Instructions retired by vCPUs on this hart. */
  get instructions(): bigint {
    return this.hart.instret;
  }

  private idle(now: bigint, end: bigint): Step {
    const { control, hartId, mailbox } = this;
    if (mailbox.takeSoftirq(hartId)) return this.reschedule('softirq');
    const timer = mailbox.timer(hartId);
    if (timer === NONE) {
      // Nothing to run and nothing armed: sleep until the scheduler tickles this hart.
      if (!control.sleep(hartId, () => !mailbox.softirqPending(hartId) && mailbox.timer(hartId) === NONE)) return Step.Ran;
      this.slept = true;
      return Step.Blocked;
    }
    if (now >= timer) return this.reschedule('timer');
    // Idle until the parked timer: skip virtual time, not past the epoch end.
    const target = timer < end ? timer : end;
    if (target > now) this.hart.advanceTimeTo(target);
    if (this.hart.time >= timer) return this.reschedule('timer');
    control.arrive(hartId, timer);
    return Step.Blocked;
  }

  private budget(now: bigint, end: bigint, current: Loaded): number {
    let limit = end;
    for (const t of [this.mailbox.sliceEnd(this.hartId), this.mailbox.timer(this.hartId), this.xenTimerTicks(current)]) {
      if (t !== NONE && t < limit) limit = t;
    }
    const instructions = Number(limit - now) * this.options.instructionsPerTick;
    return Math.max(1, Math.min(this.options.sliceInstructions, instructions));
  }

  private fastPath(): boolean {
    return this.hv.clock.at(this.nowNs(), this.serveFast);
  }

  private handleExit(reason: ExitReason): Step {
    switch (reason) {
      case ExitReason.BudgetDone:
      case ExitReason.Interrupt:
        return Step.Ran;
      case ExitReason.EcallFromVS:
        return this.haltPolled() ? Step.Ran : this.ask({ kind: 'call' });
      case ExitReason.Wfi:
        return this.ask({ kind: 'wfi' });
      default: {
        const exit = this.hart.exit;
        return this.ask({ kind: 'fault', message: `unhandled exit ${ExitReason[reason]} at pc 0x${exit.pc.toString(16)} (cause ${exit.cause}, gpa 0x${exit.gpa.toString(16)})` });
      }
    }
  }

  /**
   * SCHEDOP_block with nothing else waiting for this hart: poll (wall time) for an event
   * before giving the vCPU to the scheduler, as KVM's halt polling does. An event another
   * hart sets meanwhile ends the block here, the vCPU's time moving on to the event's;
   * then no round trip to the main thread and back is needed to wake it. The window
   * adapts as KVM's does (adaptHaltPoll): it grows while blocks end soon after it, and
   * shrinks when they last longer than the longest window.
   */
  private haltPolled(): boolean {
    const { hart, hartId, mailbox, options } = this;
    const current = this.current;
    if (options.haltPollNs <= 0 || current === undefined || !isBlock(hart)) return false;
    if (mailbox.waiting(hartId) > 0 || mailbox.softirqPending(hartId)) return false;
    const start = performance.now();
    const until = start + current.view.haltPollWindowNs / 1e6;
    const vcpuInfoAt = current.record.readEvents().vcpuInfoAt;
    for (;;) {
      if (current.record.posted !== 0 || this.eventBits.upcallPending(vcpuInfoAt)) break;
      if (performance.now() >= until || this.control.stopped || mailbox.dropRequested(hartId) === current.id) {
        current.view.blockedSince = start;
        return false;
      }
    }
    const eventTicks = BigInt(Math.ceil(current.record.kickAt / options.nsPerTick));
    if (eventTicks > hart.time) hart.advanceTimeTo(eventTicks);
    hart.setXNumber(A0, 0);
    hart.completeMmio();
    return true;
  }

  /** The vCPU runs again after a block the scheduler ended: was polling longer worth it? */
  private adaptHaltPoll(view: VcpuView): void {
    if (view.blockedSince === undefined) return;
    const blockedNs = (performance.now() - view.blockedSince) * 1e6;
    view.blockedSince = undefined;
    const max = this.options.haltPollNs;
    if (blockedNs > max) view.haltPollWindowNs = view.haltPollWindowNs / 2 < HALT_POLL_START_NS ? 0 : view.haltPollWindowNs / 2;
    else if (blockedNs > view.haltPollWindowNs) view.haltPollWindowNs = Math.min(max, Math.max(HALT_POLL_START_NS, view.haltPollWindowNs * 2));
  }

  private reschedule(reason: ScheduleReason): Step {
    return this.ask({ kind: 'schedule', reason });
  }

  /** Saves the vCPU, sends the request, waits for the reply and loads what it names. */
  private ask(body: { kind: 'call' } | { kind: 'wfi' } | { kind: 'schedule'; reason: ScheduleReason } | { kind: 'fault'; message: string }): Step {
    const { hart, hartId, mailbox } = this;
    const current = this.current;
    const deadline = current === undefined ? NONE : this.wakeDeadline(current);
    current?.record.saveFrom(this.block);
    const seen = mailbox.replySeq(hartId);
    // Every request has one shape (a spread of the varying bodies made V8 build slow dictionary objects).
    const request = {
      kind: body.kind, reason: body.kind === 'schedule' ? body.reason : undefined, message: body.kind === 'fault' ? body.message : undefined,
      hart: hartId, vcpu: current?.id ?? 0, atTicks: Number(hart.time), deadlineTicks: Number(deadline),
    } as HartRequest;
    this.link.request(request);
    const next = mailbox.awaitReply(hartId, seen, () => this.control.stopped);
    if (this.control.stopped) return Step.Stopped;
    this.load(next);
    return Step.Ran;
  }

  private load(next: Assignment | undefined): void {
    const previous = this.current;
    if (previous !== undefined) previous.view.running = false;
    this.mailbox.clearDrop(this.hartId);
    if (next === undefined) {
      this.current = undefined;
      return;
    }
    const loaded = previous?.id === next.id ? previous : this.viewOf(next);
    loaded.record.restoreTo(this.block);
    loaded.view.running = true;
    this.adaptHaltPoll(loaded.view);
    this.current = loaded;
    this.hart.virt = true;
    if (next.startTicks > this.hart.time) this.hart.advanceTimeTo(next.startTicks);
  }

  /**
   * TLB entries are tagged by VMID and ASID: only another domain or a p2m that lost a
   * translation needs a flush. Checked each time the hart starts executing a vCPU (after a
   * switch too), after it announces what it executes: an unmap returns only once every
   * other hart executing the domain has passed this point.
   */
  private dropStaleTranslations(domain: DomainView): void {
    const generation = domain.record.p2mGeneration;
    if (domain.offset === this.translated.domain && generation === this.translated.generation) return;
    this.hart.flushTlb();
    this.translated = { domain: domain.offset, generation };
  }

  private viewOf(next: Assignment): Loaded {
    const record = new VcpuRecord(this.views, next.recordOffset);
    const domainOffset = record.domainOffset;
    let domain = this.domains.get(domainOffset);
    // Frames of a destroyed domain are reused: a cached view is current only if made for this very vCPU.
    if (domain === undefined || domain.vcpus[record.vcpuId]?.handle !== next.id) {
      domain = new DomainView(this.ram, this.views, domainOffset, this.hv.clock);
      this.domains = new Map([[domainOffset, domain]]);
    }
    const view = domain.vcpus[record.vcpuId];
    if (view === undefined) throw new Error(`vCPU frame at ${next.recordOffset} is not in its domain's frame`);
    return { id: next.id, record, view };
  }

  /** A dying domain's vCPU is dropped without saving: its frame is being freed. */
  private honourDrop(): void {
    const current = this.current;
    if (current !== undefined && this.mailbox.dropRequested(this.hartId) === current.id) {
      this.current = undefined;
      this.domains.clear();
      this.mailbox.clearDrop(this.hartId);
    }
  }

  /** Folds posted interrupts (IPIs, upcalls) into hvip and fires the vCPU's due Xen timers. */
  private deliverInterrupts(current: Loaded): void {
    let bits = BigInt(current.record.takePosted());
    const now = this.nowNs();
    const timers = current.view.timers;
    let fired = false;
    if (timers.singleshotDeadline !== undefined && timers.singleshotDeadline <= now) {
      timers.singleshotDeadline = undefined;
      fired = true;
    }
    if (timers.periodNs > 0 && timers.periodicNext <= now) {
      const missed = Math.floor((now - timers.periodicNext) / timers.periodNs) + 1;
      timers.periodicNext += missed * timers.periodNs;
      fired = true;
    }
    if (fired) bits |= this.timerInterrupt(current);
    if (bits !== 0n) this.hart.writeCsr(GUEST_CSR.hvip, this.hart.readCsr(GUEST_CSR.hvip) | bits);
  }

  /**
   * A Xen timer fired: VIRQ_TIMER's port is set pending if the guest bound it (the upcall
   * when that calls for one), else the timer interrupt is injected directly.
   */
  private timerInterrupt(current: Loaded): bigint {
    const events = current.record.readEvents();
    if (events.timerPort === 0) return HVIP.VSTIP;
    const result = this.eventBits.setPending(events.sharedInfoAt, events.vcpuInfoAt, events.timerPort);
    return result === SetPending.upcall ? HVIP.VSSIP : 0n;
  }

  /** The vCPU's next Xen timer (singleshot, periodic, poll timeout), in ticks. */
  private xenTimerTicks(current: Loaded): bigint {
    const earliest = this.xenTimerNs(current);
    return earliest === Infinity ? NONE : BigInt(Math.ceil(earliest / this.options.nsPerTick));
  }

  /** The same in ns (Infinity: none), cheap enough to check after every fast call. */
  private xenTimerNs(current: Loaded): number {
    const t = current.view.timers;
    let earliest = Infinity;
    if (t.singleshotDeadline !== undefined) earliest = Math.min(earliest, t.singleshotDeadline);
    if (t.periodNs > 0) earliest = Math.min(earliest, t.periodicNext);
    if (t.pollDeadline !== undefined) earliest = Math.min(earliest, t.pollDeadline);
    return earliest;
  }

  /** When the vCPU's timers wake it if it blocks now: Xen's timers, and vstimecmp if the guest enabled its timer interrupt. */
  private wakeDeadline(current: Loaded): bigint {
    let deadline = this.xenTimerTicks(current);
    if ((this.hart.readCsr(CSR.mie) & VSTIE) !== 0n && (this.hart.readCsr(CSR.henvcfg) & STCE) !== 0n) {
      const guestTimer = this.hart.nextTimerDeadline();
      if (guestTimer !== undefined && (deadline === NONE || guestTimer < deadline)) deadline = guestTimer;
    }
    return deadline;
  }

  private nowNs(): number {
    return Number(this.hart.time) * this.options.nsPerTick;
  }
}

/** The first halt-poll window a vCPU gets once a block ended soon enough to be worth polling for. */
const HALT_POLL_START_NS = 10_000;
const A0 = 10;
const A1 = 11;
const A6 = 16;
const A7 = 17;

/** The ecall the hart stopped on is SCHEDOP_block. */
function isBlock(hart: Hart): boolean {
  return hart.getXNumber(A7) === XEN_HYPERCALL.EID && hart.getXNumber(A6) === HYPERCALL.sched_op && hart.getXNumber(A1) === SCHEDOP.block;
}

function reached(deadline: bigint, now: bigint): boolean {
  return deadline !== NONE && now >= deadline;
}
