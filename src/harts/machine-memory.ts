// The machine's one shared WebAssembly.Memory: the hart blocks (registers, CSRs, TLBs, exit
// records) and guest RAM, laid out as in block-layout.ts. Every thread attaches to the same
// memory; the interrupt doorbells below are atomic and callable from any of them.
import {
  HARTS_BASE, HART_STRIDE, RAM_ALIGN, MACHINE_HEADER, MH_MAGIC, MH_HARTS, MH_RAM_OFFSET, MH_RAM_BYTES, MH_IPT,
  MACHINE_MAGIC, HB_RAM_OFFSET, HB_RAM_BYTES, HB_IPT, HB_HART_ID, HB_WATCH, HB_MTIMECMP, HB_CSR, HB_DOORBELL,
} from './block-layout.js';

/** Physical address of guest RAM. */
export const RAM_BASE = 0x8000_0000n;

export interface MachineConfig {
  harts: number;
  ramBytes: number;
  /** time = instret / instructionsPerTick (e.g. 100 = 1 GHz at CPI 1 over a 10 MHz timebase). */
  instructionsPerTick: number;
}

/** A word a sleeping hart waits on (Atomics.wait(array, index, seen)) and others notify. */
export interface Doorbell { array: Int32Array; index: number }

const PAGE = 65536;
const MAX_PAGES = 65536;
const CSR_MIP = 0x344;
const CSR_HVIP = 0x645;
const HVIP_BITS = (1 << 2) | (1 << 6) | (1 << 10); // VSSIP, VSTIP, VSEIP

function alignUp(v: number, a: number): number { return Math.ceil(v / a) * a; }

function ramOffsetFor(harts: number): number { return alignUp(HARTS_BASE + harts * HART_STRIDE, RAM_ALIGN); }

function validate(config: MachineConfig): void {
  const { harts, ramBytes, instructionsPerTick } = config;
  if (!Number.isInteger(harts) || harts < 1 || harts > 256) throw new RangeError(`harts must be 1..256, got ${harts}`);
  if (!Number.isInteger(ramBytes) || ramBytes < 4096 || ramBytes % 4096 !== 0) {
    throw new RangeError(`ramBytes must be a positive multiple of 4096, got ${ramBytes}`);
  }
  if (!Number.isInteger(instructionsPerTick) || instructionsPerTick < 1) {
    throw new RangeError(`instructionsPerTick must be a positive integer, got ${instructionsPerTick}`);
  }
  const pages = Math.ceil((ramOffsetFor(harts) + ramBytes) / PAGE);
  if (pages > MAX_PAGES) throw new RangeError(`ramBytes ${ramBytes} does not fit in a 4 GiB wasm memory with ${harts} harts`);
}

export class MachineMemory {
  readonly ramOffset: number;
  private readonly i32: Int32Array;
  private readonly i64: BigInt64Array;

  private constructor(readonly memory: WebAssembly.Memory, readonly config: MachineConfig) {
    this.ramOffset = ramOffsetFor(config.harts);
    this.i32 = new Int32Array(memory.buffer);
    this.i64 = new BigInt64Array(memory.buffer);
  }

  /** Allocates the shared memory and initialises the machine header and every hart block. */
  static create(config: MachineConfig): MachineMemory {
    validate(config);
    const pages = Math.ceil((ramOffsetFor(config.harts) + config.ramBytes) / PAGE);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    const m = new MachineMemory(memory, { ...config });
    m.set(MACHINE_HEADER + MH_MAGIC, BigInt(MACHINE_MAGIC));
    m.set(MACHINE_HEADER + MH_HARTS, BigInt(config.harts));
    m.set(MACHINE_HEADER + MH_RAM_OFFSET, BigInt(m.ramOffset));
    m.set(MACHINE_HEADER + MH_RAM_BYTES, BigInt(config.ramBytes));
    m.set(MACHINE_HEADER + MH_IPT, BigInt(config.instructionsPerTick));
    for (let h = 0; h < config.harts; h++) {
      const b = m.hartBlock(h);
      m.set(b + HB_RAM_OFFSET, BigInt(m.ramOffset));
      m.set(b + HB_RAM_BYTES, BigInt(config.ramBytes));
      m.set(b + HB_IPT, BigInt(config.instructionsPerTick));
      m.set(b + HB_HART_ID, BigInt(h));
      m.set(b + HB_WATCH, -1n);
      m.set(b + HB_MTIMECMP, -1n);
    }
    return m;
  }

  /** Wraps a memory created by create() in another thread; checks it matches `config`. */
  static attach(memory: WebAssembly.Memory, config: MachineConfig): MachineMemory {
    validate(config);
    const m = new MachineMemory(memory, { ...config });
    const header = (off: number): bigint => m.get(MACHINE_HEADER + off);
    if (header(MH_MAGIC) !== BigInt(MACHINE_MAGIC)) throw new Error('attach: memory was not created by MachineMemory.create');
    if (header(MH_HARTS) !== BigInt(config.harts) || header(MH_RAM_BYTES) !== BigInt(config.ramBytes)
      || header(MH_IPT) !== BigInt(config.instructionsPerTick)) {
      throw new Error('attach: config does not match the one the memory was created with');
    }
    return m;
  }

  /** Wasm offset of a hart's block. */
  hartBlock(hart: number): number {
    if (!Number.isInteger(hart) || hart < 0 || hart >= this.config.harts) throw new RangeError(`no hart ${hart}`);
    return HARTS_BASE + hart * HART_STRIDE;
  }

  /** View of guest RAM (physical RAM_BASE at index 0). */
  ram(): Uint8Array { return new Uint8Array(this.memory.buffer, this.ramOffset, this.config.ramBytes); }

  /** Wasm-memory offset of [paddr, paddr+length) when it lies in RAM, else -1. */
  physToOffset(paddr: bigint, length: number): number {
    const off = paddr - RAM_BASE;
    if (off < 0n || length < 0 || off + BigInt(length) > BigInt(this.config.ramBytes)) return -1;
    return this.ramOffset + Number(off);
  }

  /** Posts or clears an interrupt-pending bit (mip bit number) and rings the hart's doorbell. */
  setInterruptPending(hart: number, mipBit: number, pending: boolean): void {
    if (!Number.isInteger(mipBit) || mipBit < 0 || mipBit > 12) throw new RangeError(`bad mip bit ${mipBit}`);
    const mask = 1 << mipBit;
    const csr = (HVIP_BITS & mask) !== 0 ? CSR_HVIP : CSR_MIP;
    const index = (this.hartBlock(hart) + HB_CSR + csr * 8) >> 2;
    if (pending) Atomics.or(this.i32, index, mask);
    else Atomics.and(this.i32, index, ~mask);
    this.ring(hart);
  }

  setTimerCompare(hart: number, which: 'mtimecmp', value: bigint): void {
    if (which !== 'mtimecmp') throw new RangeError(`unknown timer ${String(which)}`);
    Atomics.store(this.i64, (this.hartBlock(hart) + HB_MTIMECMP) >> 3, BigInt.asIntN(64, value));
    this.ring(hart);
  }

  timerCompare(hart: number): bigint {
    return BigInt.asUintN(64, Atomics.load(this.i64, (this.hartBlock(hart) + HB_MTIMECMP) >> 3));
  }

  doorbell(hart: number): Doorbell { return { array: this.i32, index: (this.hartBlock(hart) + HB_DOORBELL) >> 2 }; }

  /** Wakes the hart if it sleeps on its doorbell. */
  ring(hart: number): void {
    const { array, index } = this.doorbell(hart);
    Atomics.add(array, index, 1);
    Atomics.notify(array, index);
  }

  private get(off: number): bigint { return this.i64[off >> 3]!; }
  private set(off: number, v: bigint): void { this.i64[off >> 3] = v; }
}
