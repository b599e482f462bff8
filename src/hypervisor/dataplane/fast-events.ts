// EVTCHNOP_send and EVTCHNOP_unmask served on a hart (DESIGN §1): the port's entry in its
// domain's published port table (src/evtchn/published-ports.ts) says where the event
// goes; the hart sets the bits of the 2-level ABI with atomics in the target's shared
// memory and posts the upcall to the target vCPU's frame, which its hart folds into hvip
// (the vCPU on this hart: into hvip at once). A target vCPU that may be blocked needs the
// scheduler: the hart marks it and rings the main thread's doorbell (a kick), without
// waiting. Ports the table does not describe are the slow path's, which gives the errors.
//
// The entry is read under its sequence, so a send is ordered before or after a concurrent
// rebind as a whole. The frames it names stay allocated until every hart has passed a
// quiescent point after the main thread unpublished them (HartMailbox.awaitQuiescent).
import { type PortEntry, PortKind, UNPUBLISHED_ENTRY } from '../../evtchn/published-ports.js';
import { SetPending, type TwoLevelBits } from '../../evtchn/two-level-bits.js';
import { RUNSTATE } from '../abi/decl/vcpu.js';
import { HVIP } from '../guest-cpu.js';
import type { VcpuView } from './guest-views.js';
import type { HartMailbox } from './mailbox.js';
import {
  type SharedViews, domainFrameOf, kickFrame, noteEventAt, postToFrame, publishedRunstateOf, sharedInfoAtOf, vcpuFrameAt, vcpuFrameCount,
  vcpuInfoAtOf,
} from './records.js';

const VSSIP = Number(HVIP.VSSIP);

export class FastEvents {
  private readonly entry: PortEntry = { ...UNPUBLISHED_ENTRY };

  constructor(
    private readonly views: SharedViews,
    private readonly bits: TwoLevelBits,
    private readonly mailbox: HartMailbox,
    /** Raises hvip bits of the vCPU this hart runs now. */
    private readonly raiseHere: (bits: number) => void,
  ) {}

  /** EVTCHNOP_send from `caller` at virtual time `nowNs`: 0, or undefined for the slow path. */
  send(caller: VcpuView, port: number, nowNs: number): number | undefined {
    const entry = this.entry;
    if (!caller.domain.ports.read(port, entry)) return undefined;
    if (entry.kind === PortKind.UNBOUND) return 0; // nobody to notify yet: dropped, as Xen does
    if (entry.kind !== PortKind.DELIVER) return undefined;
    const target = entry.targetFrame;
    // The time first: a hart polling for the event (VcpuHart.haltPolled) reads it once the bits are set.
    noteEventAt(this.views, target, nowNs);
    const result = this.bits.setPending(sharedInfoAtOf(this.views, target), vcpuInfoAtOf(this.views, target), entry.targetPort);
    if (result !== SetPending.already) this.notify(caller, target, result === SetPending.upcall);
    return 0;
  }

  /** EVTCHNOP_unmask: 0, or undefined for the slow path. */
  unmask(caller: VcpuView, port: number, nowNs: number): number | undefined {
    const entry = this.entry;
    if (!caller.domain.ports.read(port, entry)) return undefined;
    const own = entry.ownFrame;
    if (own === 0) return 0;
    noteEventAt(this.views, own, nowNs);
    if (this.bits.unmask(sharedInfoAtOf(this.views, own), vcpuInfoAtOf(this.views, own), port)) this.notify(caller, own, true);
    return 0;
  }

  /** A port of the vCPU at `target` became pending: the upcall if it calls for one, and a kick if the domain may be asleep. */
  private notify(caller: VcpuView, target: number, upcall: boolean): void {
    if (upcall) {
      if (target === caller.record.offset) this.raiseHere(VSSIP);
      else postToFrame(this.views, target, VSSIP);
    }
    if (this.anyBlocked(domainFrameOf(this.views, target))) {
      kickFrame(this.views, target);
      this.mailbox.postKick();
    }
  }

  /** A blocked vCPU of the domain may be polling the port or waiting for its upcall. */
  private anyBlocked(domainFrame: number): boolean {
    const count = vcpuFrameCount(this.views, domainFrame);
    for (let i = 0; i < count; i++) {
      if (publishedRunstateOf(this.views, vcpuFrameAt(this.views, domainFrame, i)) === RUNSTATE.blocked) return true;
    }
    return false;
  }
}
