// Copying strings to a guest the way Xen does: fixed NUL-padded arrays (safe_strcpy
// truncates to fit with a NUL) and the xen_varbuf protocol of the newer sub-ops.
import { XenErrno } from '../abi/decl/errno.js';
import type { GuestMemory } from '../memory/guest-memory.js';

const encoder = new TextEncoder();

/** `text` as a NUL-padded array of `size` bytes, truncated to leave room for the NUL. */
export function fixedString(text: string, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(encoder.encode(text).subarray(0, size - 1));
  return out;
}

const VARBUF_LIMIT = 64 * 1024;
const VARBUF_HEADER = 4;

/**
 * The xen_varbuf protocol: a NULL `gpa` asks for the size; otherwise the guest's `len`
 * says how much room `buf` has. The data is written without a terminator; returns its size.
 */
export function writeVarbuf(memory: GuestMemory, gpa: number, data: Uint8Array): number {
  if (data.length > VARBUF_LIMIT) return -XenErrno.E2BIG;
  if (gpa === 0) return data.length;
  const room = memory.readU32(gpa);
  if (room === 0) return -XenErrno.EINVAL;
  if (data.length > room) return -XenErrno.ENOBUFS;
  memory.write(gpa + VARBUF_HEADER, data);
  return data.length;
}

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
