// A domain's port table as the hart threads see it: one frame of shared memory, written
// only by the EventChannels' owner on the main thread (through the data plane), read by
// any hart serving EVTCHNOP_send or EVTCHNOP_unmask on its fast path (DESIGN §1).
//
// Layout: PUBLISHED_PORTS entries of 16 bytes (four Int32 words), port p at byte 16 p:
//   word 0  sequence: odd while the main thread rewrites the entry, bumped twice per write
//   word 1  kind (low 8 bits) | target port << 8
//   word 2  target vCPU frame, as its byte offset / 4096 (interdomain: the peer's notify
//           vCPU; IPI: the port's own vCPU); 0 when there is none
//   word 3  the port's own notify vCPU frame / 4096 (unmask delivers there)
// A reader takes the entry only if the sequence is even and unchanged across its reads;
// anything else, a port past the table, or kind UNPUBLISHED, is left to the slow path.
import { PAGE_SIZE } from '../hypervisor/memory/machine-ram.js';

/** Ports a frame describes; sends and unmasks of higher ports take the slow path. */
export const PUBLISHED_PORTS = PAGE_SIZE / 16;

export const PortKind = {
  /** Not described: the slow path answers. */
  UNPUBLISHED: 0,
  /** A valid port that send does not serve on a hart (closed, VIRQ, a peer on the main thread): unmask only. */
  LOCAL: 1,
  /** send drops the event and returns 0 (nobody bound yet). */
  UNBOUND: 2,
  /** send sets the target port pending in the target vCPU's domain (interdomain or IPI). */
  DELIVER: 3,
} as const;
export type PortKind = (typeof PortKind)[keyof typeof PortKind];

export interface PortEntry {
  kind: PortKind;
  targetPort: number;
  /** Byte offset of the target vCPU's frame (0: none). */
  targetFrame: number;
  /** Byte offset of the port's own notify vCPU's frame (0: none). */
  ownFrame: number;
}

const SEQ = 0;
const KIND = 1;
const TARGET = 2;
const OWN = 3;

export class PublishedPorts {
  /** Word index of entry 0. */
  private readonly base: number;

  constructor(private readonly i32: Int32Array, frameOffset: number) {
    this.base = frameOffset >>> 2;
  }

  /** Main thread: rewrites one entry under its sequence. */
  write(port: number, entry: PortEntry): void {
    if (port < 0 || port >= PUBLISHED_PORTS) return;
    const at = this.base + port * 4;
    const i32 = this.i32;
    Atomics.add(i32, at + SEQ, 1);
    Atomics.store(i32, at + KIND, entry.kind | (entry.targetPort << 8));
    Atomics.store(i32, at + TARGET, entry.targetFrame / PAGE_SIZE);
    Atomics.store(i32, at + OWN, entry.ownFrame / PAGE_SIZE);
    Atomics.add(i32, at + SEQ, 1);
  }

  /** Main thread: every entry unpublished (a fresh frame). */
  clear(): void {
    for (let port = 0; port < PUBLISHED_PORTS; port++) this.write(port, UNPUBLISHED_ENTRY);
  }

  /**
   * Hart thread: fills `out` with a consistent snapshot of the entry; false when there is
   * none (past the table, or being rewritten: the caller takes the slow path).
   */
  read(port: number, out: PortEntry): boolean {
    if (!Number.isInteger(port) || port < 0 || port >= PUBLISHED_PORTS) return false;
    const at = this.base + port * 4;
    const i32 = this.i32;
    const seq = Atomics.load(i32, at + SEQ);
    if ((seq & 1) !== 0) return false;
    const kind = Atomics.load(i32, at + KIND);
    const target = Atomics.load(i32, at + TARGET);
    const own = Atomics.load(i32, at + OWN);
    if (Atomics.load(i32, at + SEQ) !== seq) return false;
    out.kind = (kind & 0xff) as PortKind;
    out.targetPort = kind >>> 8;
    out.targetFrame = target * PAGE_SIZE;
    out.ownFrame = own * PAGE_SIZE;
    return out.kind !== PortKind.UNPUBLISHED;
  }
}

export const UNPUBLISHED_ENTRY: PortEntry = { kind: PortKind.UNPUBLISHED, targetPort: 0, targetFrame: 0, ownFrame: 0 };
