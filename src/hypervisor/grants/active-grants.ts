// The granting side of a grant table: Xen's active entries. A grant in use (mapped, or
// being copied) is pinned: the active entry remembers who pinned it and which machine
// frame the granted gfn had then, and the shared entry carries GTF_reading/GTF_writing
// until the last pin goes. Pins also hold the frame itself: a frame the granter gives
// up (decrease_reservation, or its death) while pinned is freed only at the last unpin,
// so a mapper never sees a freed or reused frame.
import { GTF, GNTST } from '../abi/decl/grant-table.js';
import type { FrameAllocator } from '../memory/frame-allocator.js';
import type { SharedEntries } from './shared-entries.js';

interface ActiveGrant {
  /** The domain the grant is pinned for. */
  readonly domid: number;
  readonly mfn: number;
  readPins: number;
  writePins: number;
}

/** The granter as the active entries see it. */
export interface Granter {
  ownsFrame(mfn: number): boolean;
  /** Machine frame at `gfn` of the granter's physmap, or -1. */
  lookupGfn(gfn: number): number;
  /** The shared frame holding entry `ref` (allocated on demand), or undefined. */
  sharedFrame(ref: number): number | undefined;
  readonly nrEntries: number;
}

export class ActiveGrants {
  private readonly active = new Map<number, ActiveGrant>();
  private readonly framePins = new Map<number, number>();
  private readonly held = new Set<number>();
  /** Set when the granter's shared frames are gone (it died): flags are no longer written. */
  private sharedFramesGone = false;

  constructor(
    private readonly granter: Granter,
    private readonly entries: SharedEntries,
    private readonly frames: FrameAllocator,
  ) {}

  /** Number of refs currently pinned. */
  get pinnedRefs(): number {
    return this.active.size;
  }

  /**
   * Pins `ref` for domain `domid` (Xen's _set_status and get_paged_frame): checks the
   * shared entry, sets GTF_reading (and GTF_writing) and finds the granted frame.
   * Returns the machine frame, or a GNTST error (negative).
   */
  acquire(ref: number, domid: number, readonly: boolean, forMapping: boolean): number {
    if (this.sharedFramesGone) return GNTST.bad_domain;
    if (!(Number.isInteger(ref) && ref >= 0 && ref < this.granter.nrEntries)) return GNTST.bad_gntref;
    const shared = this.granter.sharedFrame(ref);
    if (shared === undefined) return GNTST.general_error;
    let act = this.active.get(ref);
    if (act !== undefined && act.domid !== domid) return GNTST.general_error;
    if (act === undefined || (!readonly && act.writePins === 0)) {
      const status = this.entries.pin(shared, ref, domid, readonly, forMapping, act !== undefined);
      if (status !== GNTST.okay) return status;
    }
    if (act === undefined) {
      const mfn = this.granter.lookupGfn(this.entries.frameOf(shared, ref));
      const status = mfn < 0 ? GNTST.bad_page : this.granter.ownsFrame(mfn) ? GNTST.okay : GNTST.general_error;
      if (status !== GNTST.okay) {
        this.entries.clearFlags(shared, ref, GTF.reading | (readonly ? 0 : GTF.writing));
        return status;
      }
      act = { domid, mfn, readPins: 0, writePins: 0 };
      this.active.set(ref, act);
    }
    if (readonly) act.readPins++;
    else act.writePins++;
    this.framePins.set(act.mfn, (this.framePins.get(act.mfn) ?? 0) + 1);
    return act.mfn;
  }

  /** Drops one pin taken by acquire(); the last pin clears the flags and may free a held frame. */
  release(ref: number, readonly: boolean): void {
    const act = this.active.get(ref);
    if (act === undefined) return;
    if (readonly) act.readPins--;
    else act.writePins--;
    let clear = 0;
    if (!readonly && act.writePins === 0) clear |= GTF.writing;
    if (act.readPins + act.writePins === 0) {
      clear |= GTF.reading;
      this.active.delete(ref);
    }
    if (clear !== 0 && !this.sharedFramesGone) {
      const shared = this.granter.sharedFrame(ref);
      if (shared !== undefined) this.entries.clearFlags(shared, ref, clear);
    }
    const pins = (this.framePins.get(act.mfn) ?? 1) - 1;
    if (pins > 0) {
      this.framePins.set(act.mfn, pins);
      return;
    }
    this.framePins.delete(act.mfn);
    if (!this.held.delete(act.mfn)) return;
    this.frames.free(act.mfn);
    this.onHeldFrameFreed?.(this.held.size);
  }

  /** Frames the granter gave up that stay allocated while another domain maps them. */
  get heldFrames(): number {
    return this.held.size;
  }

  /** Told each time a held frame is freed, with how many are still held. */
  onHeldFrameFreed: ((stillHeld: number) => void) | undefined;

  /** True if `mfn` is pinned: the caller must not free it; it is freed at the last unpin. */
  holdIfPinned(mfn: number): boolean {
    if (!this.framePins.has(mfn)) return false;
    this.held.add(mfn);
    return true;
  }

  /** Whether some pinned grant has frame `mfn` for domain `domid` (cache_flush's check). */
  isPinnedFor(mfn: number, domid: number): boolean {
    for (const act of this.active.values()) if (act.mfn === mfn && act.domid === domid) return true;
    return false;
  }

  isPinned(ref: number): boolean {
    return this.active.has(ref);
  }

  /** The granter died: its shared frames are freed, pins remain until their mappers let go. */
  sharedFramesReleased(): void {
    this.sharedFramesGone = true;
  }
}
