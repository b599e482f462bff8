// Dom0's privcmd: the native toolstack's way into the hypervisor. Arguments are
// marshalled into hypercall buffers in dom0's own memory (a region at the top of its RAM,
// like Linux's privcmd bounce buffers) and the call enters the same dispatch as a guest's
// ecall, from dom0's vCPU 0.
import type { Aggregate } from '../hypervisor/abi/aggregate.js';
import { XenErrno } from '../hypervisor/abi/decl/errno.js';
import type { Domain } from '../hypervisor/domain.js';
import type { GuestMemory } from '../hypervisor/memory/guest-memory.js';
import type { Hypervisor } from '../hypervisor/hypervisor.js';

/** A hypercall that failed: `errno` is positive, as libxc's errno. */
export class HypercallFailed extends Error {
  constructor(readonly what: string, readonly errno: number) {
    super(`${what} failed: error ${errno}`);
    this.name = 'HypercallFailed';
  }
}

const ARENA_BYTES = 1024 * 1024;
const ALIGN = 8;

export class Privcmd {
  private readonly arenaBase: number;
  private top = 0;

  constructor(
    readonly hv: Hypervisor,
    readonly dom0: Domain,
    /** Guest-physical end of dom0's RAM; the arena sits just below it. */
    ramEnd: number,
  ) {
    this.arenaBase = ramEnd - ARENA_BYTES;
  }

  /** Issues hypercall `nr`; returns Xen's result (negative errno on failure). */
  hypercall(nr: number, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): number {
    return this.hv.dispatch(this.dom0.vcpus[0], nr, a1, a2, a3, a4, a5);
  }

  /** Runs `body` with a fresh buffer arena; buffers allocated inside are freed after. */
  withBuffers<T>(body: () => T): T {
    const saved = this.top;
    try {
      return body();
    } finally {
      this.top = saved;
    }
  }

  /** A zeroed hypercall buffer of `size` bytes in dom0 memory; returns its address. */
  alloc(size: number): number {
    const start = Math.ceil(this.top / ALIGN) * ALIGN;
    if (start + size > ARENA_BYTES) throw new Error(`hypercall buffers exhausted (${size} bytes requested)`);
    this.top = start + size;
    const gpa = this.arenaBase + start;
    this.dom0.memory.fill(gpa, size, 0);
    return gpa;
  }

  /** A buffer holding `value` encoded as `type`. */
  allocStruct<V extends object>(type: Aggregate<V>, value: Partial<V>): number {
    const gpa = this.alloc(type.size);
    this.dom0.memory.write(gpa, type.encode(value));
    return gpa;
  }

  readStruct<V extends object>(type: Aggregate<V>, gpa: number): V {
    return type.decode(this.dom0.memory.read(gpa, type.size));
  }

  /**
   * Another domain's memory, as privcmd's foreign mapping gives it to the toolstack
   * (IOCTL_PRIVCMD_MMAPBATCH): dom0 only, guest-physical, bounds-checked.
   */
  foreignMemory(domid: number): GuestMemory {
    const target = this.hv.domain(domid);
    if (target === undefined) throw new HypercallFailed('foreign mapping', XenErrno.ESRCH);
    return target.memory;
  }

  read(gpa: number, length: number): Uint8Array {
    return this.dom0.memory.read(gpa, length);
  }

  write(gpa: number, bytes: Uint8Array): void {
    this.dom0.memory.write(gpa, bytes);
  }
}
