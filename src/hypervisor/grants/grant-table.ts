// A domain's grant table (v1 only, as on Arm: GNTTAB_MAX_VERSION 1): the shared frames
// holding its grant entries and where its physmap shows them, its active entries (as a
// granter) and its maptrack (as a mapper). Xen starts every table with one frame and
// grows it up to max_grant_frames as the guest asks (setup_table, add_to_physmap).
import { GNTTAB } from '../abi/decl/grant-table.js';
import type { FrameAllocator } from '../memory/frame-allocator.js';
import type { MachineRam } from '../memory/machine-ram.js';
import type { P2m } from '../memory/p2m.js';
import { ActiveGrants, type Granter } from './active-grants.js';
import { MAPTRACK_PER_FRAME, Maptrack } from './maptrack.js';
import { SharedEntries } from './shared-entries.js';

/** Xen's INITIAL_NR_GRANT_FRAMES. */
const INITIAL_FRAMES = 1;

/** What the grant table needs of its domain. */
export interface GrantTableOwner {
  readonly domid: number;
  readonly p2m: P2m;
  readonly config: { readonly maxGrantFrames: number; readonly maxMaptrackFrames: number };
  /** The domain's shared grant frames, allocated as the table grows. */
  readonly grantFrames: readonly number[];
  /** Frame `index` of the table, allocating up to it; undefined past the limit or without RAM. */
  grantFrame(index: number): number | undefined;
}

export class GrantTable implements Granter {
  /** Only v1 exists here; set_version(1) keeps it. */
  readonly version = 1;
  readonly entries: SharedEntries;
  readonly active: ActiveGrants;
  readonly maptrack: Maptrack;
  /** gfn at which each shared frame is in the owner's physmap, or -1. */
  private readonly frameGfns: number[] = [];

  constructor(
    private readonly owner: GrantTableOwner,
    ram: MachineRam,
    private readonly frames: FrameAllocator,
  ) {
    this.entries = new SharedEntries(ram);
    this.maptrack = new Maptrack(owner.config.maxMaptrackFrames * MAPTRACK_PER_FRAME);
    this.active = new ActiveGrants(this, this.entries, frames);
  }

  ownsFrame(mfn: number): boolean {
    return this.frames.ownerOf(mfn) === this.owner.domid;
  }

  lookupGfn(gfn: number): number {
    return this.owner.p2m.lookup(gfn);
  }

  /** nr_grant_frames: at least Xen's initial frame. */
  get nrFrames(): number {
    return Math.max(INITIAL_FRAMES, this.owner.grantFrames.length);
  }

  get maxFrames(): number {
    return this.owner.config.maxGrantFrames;
  }

  /** Number of v1 entries in the table's frames. */
  get nrEntries(): number {
    return this.nrFrames * GNTTAB.ENTRIES_PER_FRAME;
  }

  /** The shared frame holding entry `ref` (allocated on demand), or undefined. */
  sharedFrame(ref: number): number | undefined {
    return this.owner.grantFrame(Math.floor(ref / GNTTAB.ENTRIES_PER_FRAME));
  }

  /** Grows the table to `count` frames; false past max_grant_frames or without RAM. */
  grow(count: number): boolean {
    if (count > this.maxFrames) return false;
    return count === 0 || this.owner.grantFrame(count - 1) !== undefined;
  }

  /** gfn of shared frame `index` in the owner's physmap, or -1 when it is not mapped. */
  frameGfn(index: number): number {
    return this.frameGfns[index] ?? -1;
  }

  /** Records that frame `index` is now at `gfn` (-1: removed from the physmap). */
  setFrameGfn(index: number, gfn: number): void {
    this.frameGfns[index] = gfn;
  }

  /** The index of the shared frame the physmap shows at `gfn`, or -1. */
  frameIndexAt(gfn: number): number {
    return gfn < 0 ? -1 : this.frameGfns.indexOf(gfn);
  }
}
