// A domain: its lifecycle actor (domain-machine.ts), vCPUs, memory (p2m + accessor +
// page accounting) and the per-domain state the hypercalls read and write.
import { type Actor, createActor } from 'xstate';
import type { SystemClock } from './clock.js';
import { type DomainContext, domainMachine } from './domain-machine.js';
import { GrantTable } from './grants/grant-table.js';
import { releaseMappingAt, releaseMappings } from './grants/grant-mapping.js';
import { DOMID_XEN, type FrameAllocator } from './memory/frame-allocator.js';
import { GuestMemory } from './memory/guest-memory.js';
import { type MachineRam, PAGE_SIZE, mfnOffset } from './memory/machine-ram.js';
import { P2m } from './memory/p2m.js';
import { type SchedParams, defaultSchedParams } from './sched-params.js';
import { Vcpu } from './vcpu.js';

export interface DomainConfig {
  ssidref: number;
  handle: Uint8Array;
  /** XEN_DOMCTL_CDF_* flags. */
  flags: number;
  maxVcpus: number;
  maxEvtchnPort: number;
  maxGrantFrames: number;
  maxMaptrackFrames: number;
  cpupool: number;
}

/** Which physical CPUs the domain's vCPUs may use and start on. */
export interface DomainHost {
  readonly clock: SystemClock;
  readonly ram: MachineRam;
  readonly frames: FrameAllocator;
  readonly nrCpus: number;
  /** Told after the domain entered shutdown (Xen sends VIRQ_DOM_EXC then). */
  domainShutDown?(domain: Domain): void;
  /** Told when a killed domain that stayed dying (others mapped its pages) is finally dead. */
  domainReleased?(domain: Domain): void;
}

export const NR_HVM_PARAMS = 64;

export class Domain {
  readonly vcpus: Vcpu[] = [];
  readonly p2m: P2m;
  readonly memory: GuestMemory;
  /** Pages of RAM the domain owns (tot_pages). */
  totPages = 0;
  /** Most pages the domain may own (max_pages, set by max_mem). */
  maxPages: number;
  /** Xen's page holding the domain's shared_info, mapped into the guest on request. */
  readonly sharedInfoMfn: number;
  /** Guest frame where shared_info is mapped, or -1. */
  sharedInfoGfn = -1;
  /** Xen-owned grant-table frames, allocated as the guest maps them. */
  readonly grantFrames: number[] = [];
  /** The domain's grant table: its grants to others and its maptrack of theirs. */
  readonly grants: GrantTable;
  /** Pages owned but not mapped (increase_reservation). */
  private readonly unmappedPages: number[] = [];
  readonly hvmParams = new BigUint64Array(NR_HVM_PARAMS);
  readonly schedParams: SchedParams = defaultSchedParams();
  /** Partial console line (console_io write from a domU is printed line by line). */
  consoleLine = '';
  private readonly actor: Actor<typeof domainMachine>;

  private constructor(
    readonly domid: number,
    readonly privileged: boolean,
    readonly config: DomainConfig,
    private readonly host: DomainHost,
    p2m: P2m,
    sharedInfoMfn: number,
  ) {
    this.p2m = p2m;
    this.memory = new GuestMemory(host.ram, p2m);
    this.grants = new GrantTable(this, host.ram, host.frames);
    this.sharedInfoMfn = sharedInfoMfn;
    this.maxPages = 0;
    this.actor = createActor(domainMachine);
    this.actor.start();
    for (let id = 0; id < config.maxVcpus; id++) {
      this.vcpus.push(new Vcpu(id, this, host.clock, id % host.nrCpus, host.nrCpus));
    }
  }

  /** A new domain in the creating state, or undefined when RAM is exhausted. */
  static create(domid: number, privileged: boolean, config: DomainConfig, host: DomainHost): Domain | undefined {
    const p2m = P2m.create(host.ram, host.frames);
    if (p2m === undefined) return undefined;
    const sharedInfo = host.frames.alloc(DOMID_XEN);
    if (sharedInfo === undefined) {
      p2m.destroy();
      return undefined;
    }
    return new Domain(domid, privileged, config, host, p2m, sharedInfo);
  }

  get lifecycle(): DomainContext {
    return this.actor.getSnapshot().context;
  }

  /** creating, paused, running, shutdown, dying or dead. */
  get state(): string {
    return String(this.actor.getSnapshot().value);
  }

  get isDying(): boolean {
    return this.state === 'dying' || this.state === 'dead';
  }

  get clock(): SystemClock {
    return this.host.clock;
  }

  /** Creation is complete: the domain is paused, waiting for the toolstack's unpause. */
  finishCreation(): void {
    for (const vcpu of this.vcpus) vcpu.domainPause();
    this.actor.send({ type: 'CREATED' });
  }

  /** Toolstack pause (controller pause count); also stops every vCPU. */
  pauseByController(): void {
    this.actor.send({ type: 'PAUSE' });
    for (const vcpu of this.vcpus) vcpu.domainPause();
  }

  unpauseByController(): void {
    this.actor.send({ type: 'UNPAUSE' });
    for (const vcpu of this.vcpus) vcpu.domainUnpause();
  }

  /** The first reason wins; every vCPU is paused for the shutdown. */
  shutdown(code: number): boolean {
    if (this.state !== 'running' && this.state !== 'paused') return false;
    this.actor.send({ type: 'SHUTDOWN', code });
    for (const vcpu of this.vcpus) vcpu.pause();
    this.host.domainShutDown?.(this);
    return true;
  }

  /** SCHEDOP_shutdown_code: the reason a later shutdown will report, if none is set. */
  setShutdownCode(code: number): void {
    this.actor.send({ type: 'SET_SHUTDOWN_CODE', code });
  }

  resume(): void {
    if (this.state !== 'shutdown') return;
    this.actor.send({ type: 'RESUME' });
    for (const vcpu of this.vcpus) vcpu.unpause();
  }

  /**
   * Kills the domain: every vCPU stops and its memory returns to Xen's heap. Pages other
   * domains still map by grant stay allocated (and counted in tot_pages): the domain stays
   * dying until the last of them is unmapped, then it is dead and the host is told.
   */
  kill(): void {
    if (this.isDying) return;
    this.actor.send({ type: 'KILL' });
    for (const vcpu of this.vcpus) {
      vcpu.down();
      vcpu.stop();
    }
    releaseMappings(this);
    this.releaseMemory();
    const active = this.grants.active;
    this.totPages = active.heldFrames;
    if (this.totPages === 0) {
      this.actor.send({ type: 'RELEASED' });
      return;
    }
    active.onHeldFrameFreed = (stillHeld) => {
      this.totPages = stillHeld;
      if (stillHeld > 0) return;
      active.onHeldFrameFreed = undefined;
      this.actor.send({ type: 'RELEASED' });
      this.host.domainReleased?.(this);
    };
  }

  // ---- memory -----------------------------------------------------------------------------

  /**
   * Gives the domain fresh frames at gfns [gfn, gfn + count). Stops early when max_pages
   * or RAM runs out; returns the number of pages populated.
   */
  populate(gfn: number, count: number): number {
    for (let i = 0; i < count; i++) {
      if (this.totPages >= this.maxPages) return i;
      if (!this.populateOne(gfn + i)) return i;
    }
    return count;
  }

  /**
   * increase_reservation on a translated guest: pages become the domain's (counted in
   * tot_pages) without a place in its physmap. Returns how many were reserved.
   */
  reserveUnmapped(count: number): number {
    for (let i = 0; i < count; i++) {
      if (this.totPages >= this.maxPages) return i;
      const mfn = this.host.frames.alloc(this.domid);
      if (mfn === undefined) return i;
      this.unmappedPages.push(mfn);
      this.totPages++;
    }
    return count;
  }

  /**
   * Releases the domain's page at `gfn`; false if no page of this domain is there. A grant
   * mapped there is unmapped instead (the granter's page is not the domain's to free).
   */
  releasePage(gfn: number): boolean {
    if (releaseMappingAt(this, gfn)) return true;
    const mfn = this.p2m.lookup(gfn);
    if (mfn < 0 || this.host.frames.ownerOf(mfn) !== this.domid) return false;
    this.p2m.unmap(gfn);
    this.freeOwnFrame(mfn);
    this.totPages--;
    return true;
  }

  /**
   * Takes the domain's own page at `gfn` out of its physmap without freeing it (Xen's
   * remove_from_physmap, or a grant mapped over it): the page stays the domain's.
   */
  detachPage(gfn: number): boolean {
    const mfn = this.p2m.lookup(gfn);
    if (mfn < 0 || this.host.frames.ownerOf(mfn) !== this.domid) return false;
    this.p2m.unmap(gfn);
    this.unmappedPages.push(mfn);
    return true;
  }

  /** Maps one of Xen's frames (shared_info, grant table) at `gfn`, replacing any page there. */
  mapXenFrame(gfn: number, mfn: number): boolean {
    if (this.p2m.lookup(gfn) >= 0 && !this.releasePage(gfn)) this.p2m.unmap(gfn);
    return this.p2m.map(gfn, mfn, 'rw');
  }

  /** Highest gfn with a mapping (XENMEM_maximum_gpfn), or -1. */
  maxMappedGfn(): number {
    let max = -1;
    this.p2m.forEachMapping((gfn) => (max = gfn));
    return max;
  }

  /** Bytes of Xen's shared_info page (for event-channel and time updates). */
  sharedInfoBytes(): Uint8Array {
    const offset = mfnOffset(this.host.ram, this.sharedInfoMfn);
    return this.host.ram.bytes.subarray(offset, offset + PAGE_SIZE);
  }

  /** A grant-table frame, allocated on first use; undefined past max_grant_frames or OOM. */
  grantFrame(index: number): number | undefined {
    if (index >= this.config.maxGrantFrames) return undefined;
    while (this.grantFrames.length <= index) {
      const mfn = this.host.frames.alloc(DOMID_XEN);
      if (mfn === undefined) return undefined;
      this.grantFrames.push(mfn);
    }
    return this.grantFrames[index];
  }

  private populateOne(gfn: number): boolean {
    if (this.p2m.lookup(gfn) >= 0) return false;
    const mfn = this.host.frames.alloc(this.domid);
    if (mfn === undefined) return false;
    if (!this.p2m.map(gfn, mfn)) {
      this.host.frames.free(mfn);
      return false;
    }
    this.totPages++;
    return true;
  }

  private releaseMemory(): void {
    const owned: number[] = [];
    this.p2m.forEachMapping((_gfn, mfn) => {
      if (this.host.frames.ownerOf(mfn) === this.domid) owned.push(mfn);
    });
    for (const mfn of [...owned, ...this.unmappedPages]) this.freeOwnFrame(mfn);
    this.unmappedPages.length = 0;
    this.totPages = 0;
    this.p2m.destroy();
    this.host.frames.free(this.sharedInfoMfn);
    for (const mfn of this.grantFrames) this.host.frames.free(mfn);
    this.grantFrames.length = 0;
    this.grants.active.sharedFramesReleased();
  }

  /** A page the domain gives up; one another domain has mapped by grant is freed at its last unmap. */
  private freeOwnFrame(mfn: number): void {
    if (!this.grants.active.holdIfPinned(mfn)) this.host.frames.free(mfn);
  }
}
