// xenctl_bitmap ↔ CPU masks, as Xen's cpumask_to_xenctl_bitmap and
// xenctl_bitmap_to_cpumask copy them: the guest's nr_bits bound what is copied, bits
// beyond the host's CPUs read as zero, and the guest's extra bytes are cleared.
import type { GuestMemory } from '../memory/guest-memory.js';
import type { CpuMask } from '../vcpu.js';

export interface XenctlBitmap {
  bitmap: bigint;
  nr_bits: number;
}

export function writeCpumap(memory: GuestMemory, target: XenctlBitmap, mask: CpuMask, nrCpus: number): void {
  const guestBytes = Math.ceil(target.nr_bits / 8);
  if (guestBytes === 0) return;
  const out = new Uint8Array(guestBytes);
  out.set(mask.subarray(0, Math.min(guestBytes, Math.ceil(nrCpus / 8))));
  if (target.nr_bits % 8 !== 0) out[guestBytes - 1] &= (1 << target.nr_bits % 8) - 1;
  memory.write(Number(target.bitmap), out);
}

export function readCpumap(memory: GuestMemory, source: XenctlBitmap, nrCpus: number): CpuMask {
  const mask = new Uint8Array(Math.ceil(nrCpus / 8));
  const bytes = Math.min(Math.ceil(source.nr_bits / 8), mask.length);
  if (bytes > 0) mask.set(memory.read(Number(source.bitmap), bytes));
  const usable = Math.min(source.nr_bits, nrCpus);
  for (let cpu = usable; cpu < mask.length * 8; cpu++) mask[cpu >> 3] &= ~(1 << (cpu & 7));
  return mask;
}

export function maskIntersects(a: CpuMask, b: CpuMask): boolean {
  return a.some((byte, i) => (byte & (b[i] ?? 0)) !== 0);
}

export function maskAnd(a: CpuMask, b: CpuMask): CpuMask {
  return a.map((byte, i) => byte & (b[i] ?? 0));
}

export function maskWeight(mask: CpuMask): number {
  let count = 0;
  for (const byte of mask) for (let bit = byte; bit !== 0; bit &= bit - 1) count++;
  return count;
}

export function maskOf(cpus: readonly number[], nrCpus: number): CpuMask {
  const mask = new Uint8Array(Math.ceil(nrCpus / 8));
  for (const cpu of cpus) mask[cpu >> 3] |= 1 << (cpu & 7);
  return mask;
}
