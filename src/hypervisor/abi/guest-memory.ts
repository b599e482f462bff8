// Reading and writing declared structures in a guest's memory through its accessor (the
// per-domain copy from/to guest by guest-physical address, which bounds-checks and fails
// with -EFAULT). One copy in, one copy out; the codec works on the copy.
import type { Aggregate } from './aggregate.js';

/** What the codecs need of a domain's guest memory (memory/guest-memory.ts provides it). */
export interface GuestMemoryAccess {
  /** A copy of `length` bytes at guest-physical `gpa`. */
  read(gpa: number, length: number): Uint8Array;
  write(gpa: number, bytes: Uint8Array): void;
}

export function readGuest<V extends object>(memory: GuestMemoryAccess, type: Aggregate<V>, gpa: number): V {
  return type.decode(memory.read(gpa, type.size));
}

/** Writes the whole structure (every member must be given; padding included). */
export function writeGuest<V extends object>(memory: GuestMemoryAccess, type: Aggregate<V>, gpa: number, value: V): void {
  const bytes = new Uint8Array(type.size);
  type.write(new DataView(bytes.buffer), 0, value);
  memory.write(gpa, bytes);
}

/** Updates some members (an OUT field, say) and leaves the guest's other bytes alone. */
export function patchGuest<V extends object>(memory: GuestMemoryAccess, type: Aggregate<V>, gpa: number, value: Partial<V>): void {
  const bytes = memory.read(gpa, type.size);
  type.patch(new DataView(bytes.buffer, bytes.byteOffset, bytes.length), 0, value);
  memory.write(gpa, bytes);
}

/**
 * A guest handle (u64) as a guest-physical address number. Handles beyond 2^53 cannot be
 * in guest RAM; they become MAX_SAFE_INTEGER, which every access then refuses as unmapped.
 */
export function handleAddress(handle: bigint): number {
  return handle <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(handle) : Number.MAX_SAFE_INTEGER;
}
