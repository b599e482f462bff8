// The host's view of machine RAM: physical addresses [base, base + size) backed by a byte
// range of the machine's shared memory. Frames, G-stage tables and guest pages all live here.

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;

export interface MachineRam {
  /** Physical address of the first byte of RAM. */
  readonly base: number;
  /** Size of RAM in bytes (a multiple of PAGE_SIZE). */
  readonly size: number;
  /** Exactly the RAM: bytes[0] is physical address `base`. */
  readonly bytes: Uint8Array;
  readonly view: DataView;
}

/** Wraps `size` bytes of `buffer` starting at `offset` as machine RAM at physical `base`. */
export function machineRamOver(buffer: ArrayBufferLike, offset: number, base: number, size: number): MachineRam {
  if (size % PAGE_SIZE !== 0 || base % PAGE_SIZE !== 0) throw new Error('machine RAM must be page aligned');
  const bytes = new Uint8Array(buffer, offset, size);
  return { base, size, bytes, view: new DataView(buffer, offset, size) };
}

/** Machine RAM in a fresh (non-shared) buffer, for a host without harts. */
export function allocateMachineRam(base: number, size: number): MachineRam {
  return machineRamOver(new ArrayBuffer(size), 0, base, size);
}

/** First machine frame number of RAM. */
export function firstMfn(ram: MachineRam): number {
  return ram.base / PAGE_SIZE;
}

/** Byte offset into `ram.bytes` of machine frame `mfn`. */
export function mfnOffset(ram: MachineRam, mfn: number): number {
  return mfn * PAGE_SIZE - ram.base;
}

/** The RAM of the harts' shared machine memory (so guests and Xen see the same frames). */
export function machineRamOf(machine: { readonly memory: WebAssembly.Memory; readonly ramOffset: number; readonly config: { readonly ramBytes: number } }, base: number): MachineRam {
  return machineRamOver(machine.memory.buffer, machine.ramOffset, base, machine.config.ramBytes);
}
