// A hart thread's view of the domain and vCPU it runs, built from their published frames:
// the members the fast-path handlers of the hypercall table use (identity, privilege,
// guest memory through the domain's p2m, sibling vCPUs' flags, runstates and timers).
import type { SystemClock } from '../clock.js';
import { GuestMemory } from '../memory/guest-memory.js';
import type { MachineRam } from '../memory/machine-ram.js';
import { P2m } from '../memory/p2m.js';
import type { Runstate } from '../vcpu-machine.js';
import type { VcpuTimers } from '../vcpu.js';
import { PublishedPorts } from '../../evtchn/published-ports.js';
import { DomainRecord, FLAG_UP, type SharedViews, VcpuRecord } from './records.js';

export class DomainView {
  readonly domid: number;
  readonly privileged: boolean;
  readonly config: { readonly flags: number; readonly handle: Uint8Array };
  readonly vcpus: VcpuView[];
  readonly record: DomainRecord;
  /** The domain's port table as the EventChannels published it (send and unmask on the hart). */
  readonly ports: PublishedPorts;
  private readonly p2m: P2m;

  constructor(private readonly ram: MachineRam, views: SharedViews, readonly offset: number, clock: SystemClock) {
    this.record = new DomainRecord(views, offset);
    const published = this.record.read();
    this.domid = published.domid;
    this.privileged = published.privileged;
    this.config = { flags: published.flags, handle: published.handle };
    this.p2m = P2m.attach(ram, published.p2mRootMfn);
    this.ports = new PublishedPorts(views.i32, published.portsOffset);
    this.vcpus = published.vcpuOffsets.map((at) => new VcpuView(new VcpuRecord(views, at), this, clock));
  }

  /** A fresh accessor per use: its one-page cache never outlives a hypercall. */
  get memory(): GuestMemory {
    return new GuestMemory(this.ram, this.p2m);
  }
}

export class VcpuView {
  readonly id: number;
  /** The data plane's handle of the vCPU this view was made for (its frame may later be freed and reused). */
  readonly handle: number;
  readonly timers: VcpuTimers = { singleshotDeadline: undefined, periodNs: 0, periodicNext: 0, pollDeadline: undefined };
  /** Set on the view of the vCPU the hart runs. */
  running = false;
  /** sched_op yield asked to give up the CPU. */
  yieldRequested = false;
  /** Halt polling (VcpuHart.haltPolled): the wall ns this hart polls when the vCPU blocks. */
  haltPollWindowNs = 0;
  /** When (performance.now(), ms) the vCPU last went to the scheduler after polling in vain. */
  blockedSince: number | undefined;

  constructor(readonly record: VcpuRecord, readonly domain: DomainView, private readonly clock: SystemClock) {
    this.id = record.vcpuId;
    this.handle = record.id;
    record.bindTimers(this.timers, 'frame');
  }

  get isUp(): boolean {
    return (this.record.flags & FLAG_UP) !== 0;
  }

  get isRunning(): boolean {
    return this.running;
  }

  runstateNow(): Runstate {
    const rs = this.record.readRunstate();
    const now = this.clock.now();
    const time: Runstate['time'] = [...rs.time];
    if (now > rs.entryTime) time[rs.state]! += now - rs.entryTime;
    return { state: rs.state, entryTime: rs.entryTime, time };
  }

  preempt(): void {
    this.yieldRequested = true;
  }
}
