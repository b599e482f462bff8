// The one interface every platform device implements, and the shared state it lives in.
// Device registers live in a SharedArrayBuffer so that every hart worker sees the same
// device: each thread builds its own Device objects over the same words, in the same order.
// There is no periodic tick: no platform device acts on time by itself (the core compares
// mtimecmp with its virtual time), and MMIO accesses carry the accessor's time.

import { withSharedLock } from '../harts/shared-mutex.js';

export type AccessSize = 1 | 2 | 4 | 8;

/** Bit numbers of the interrupt lines in `mip`. */
export const MIP = { SSIP: 1, MSIP: 3, STIP: 5, MTIP: 7, SEIP: 9, MEIP: 11 } as const;

/** Who performs an MMIO access: the hart and its virtual time (timebase ticks). */
export interface Accessor {
  readonly hartId: number;
  readonly time: bigint;
}

export interface Device {
  readonly name: string;
  /** Physical base address and size of the MMIO window. */
  readonly base: bigint;
  readonly size: number;
  read(offset: number, size: AccessSize, by: Accessor): bigint;
  write(offset: number, size: AccessSize, value: bigint, by: Accessor): void;
  save(): Uint8Array;
  restore(state: Uint8Array): void;
}

/** What devices drive on the harts: interrupt lines and the ACLINT timer compare. */
export interface HartLines {
  readonly hartCount: number;
  /** Drive a hart's `mip` bit as a level; wakes the hart when it sleeps in WFI. */
  setInterruptPending(hart: number, mipBit: number, pending: boolean): void;
  setTimerCompare(hart: number, value: bigint): void;
}

/** Hands out consecutive Int32 words of a SharedArrayBuffer; same order, same layout. */
export class SharedWords {
  private next = 0;
  readonly words: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer);
  }

  static create(count: number): SharedWords {
    return new SharedWords(new SharedArrayBuffer(count * 4));
  }

  take(count: number): Int32Array {
    if (this.next + count > this.words.length) {
      throw new Error(`shared device state exhausted: need ${this.next + count} words, have ${this.words.length}`);
    }
    const slice = this.words.subarray(this.next, this.next + count);
    this.next += count;
    return slice;
  }
}

/**
 * A device whose whole state is an Int32 array in shared memory, guarded by a mutex in its
 * word 0 (contention only between harts touching the same device at the same time).
 */
export abstract class SharedStateDevice implements Device {
  abstract readonly name: string;
  abstract readonly base: bigint;
  abstract readonly size: number;
  protected readonly state: Int32Array;

  constructor(shared: SharedWords, stateWords: number) {
    this.state = shared.take(stateWords + 1).subarray(1);
    this.lockWord = this.state.byteOffset / 4 - 1;
    this.all = new Int32Array(this.state.buffer);
  }

  abstract read(offset: number, size: AccessSize, by: Accessor): bigint;
  abstract write(offset: number, size: AccessSize, value: bigint, by: Accessor): void;

  save(): Uint8Array {
    return new Uint8Array(Int32Array.from(this.state).buffer);
  }

  restore(saved: Uint8Array): void {
    if (saved.byteLength !== this.state.byteLength) {
      throw new Error(`${this.name}: saved state has ${saved.byteLength} bytes, expected ${this.state.byteLength}`);
    }
    this.state.set(new Int32Array(saved.slice().buffer));
  }

  private readonly lockWord: number;
  private readonly all: Int32Array;

  protected locked<T>(body: () => T): T {
    return withSharedLock(this.all, this.lockWord, body);
  }
}

/** Bytes [byteOffset, byteOffset+size) of a 64-bit register, for sub-word reads. */
export function readPart(register: bigint, byteOffset: number, size: AccessSize): bigint {
  return (register >> BigInt(byteOffset * 8)) & ((1n << BigInt(size * 8)) - 1n);
}

/** The register after writing `size` bytes of `value` at `byteOffset`. */
export function writePart(register: bigint, byteOffset: number, size: AccessSize, value: bigint): bigint {
  const shift = BigInt(byteOffset * 8);
  const mask = ((1n << BigInt(size * 8)) - 1n) << shift;
  return ((register & ~mask) | ((value << shift) & mask)) & 0xffff_ffff_ffff_ffffn;
}
