// Platform-level interrupt controller with QEMU virt's layout: 96 sources, 7 priority
// levels, two contexts per hart (2h = M-mode -> MEIP, 2h+1 = S-mode -> SEIP). Sources are
// level-triggered: a source is pending while its line is high and it is not in service.
import { MIP, SharedStateDevice, SharedWords, type AccessSize, type HartLines } from './device.js';

export const PLIC_BASE = 0x0c00_0000n;
export const PLIC_SOURCES = 96;
const WORDS = PLIC_SOURCES / 32;
const MAX_PRIORITY = 7;
const PENDING = 0x1000;
const ENABLE = 0x2000;
const ENABLE_STRIDE = 0x80;
const CONTEXT = 0x20_0000;
const CONTEXT_STRIDE = 0x1000;

export class Plic extends SharedStateDevice {
  readonly name = 'plic';
  readonly base = PLIC_BASE;
  readonly size = 0x400_0000;
  private readonly contexts: number;
  // Word offsets inside the state.
  private readonly level = PLIC_SOURCES;
  private readonly pending = this.level + WORDS;
  private readonly inService = this.pending + WORDS;
  private readonly enable = this.inService + WORDS;
  private readonly threshold: number;

  constructor(shared: SharedWords, private readonly lines: HartLines) {
    const contexts = 2 * lines.hartCount;
    super(shared, PLIC_SOURCES + 3 * WORDS + contexts * WORDS + contexts);
    this.contexts = contexts;
    this.threshold = this.enable + contexts * WORDS;
  }

  /** Drive source `id`'s interrupt line (from a device). */
  setLevel(id: number, high: boolean): void {
    this.locked(() => {
      const was = this.bit(this.level, id);
      if (was === high) return;
      this.setBit(this.level, id, high);
      if (high && !this.bit(this.inService, id)) this.setBit(this.pending, id, true);
      this.updateOutputs();
    });
  }

  read(offset: number, size: AccessSize): bigint {
    if (size !== 4 || (offset & 3) !== 0) return 0n;
    return BigInt(this.locked(() => this.readWord(offset)) >>> 0);
  }

  write(offset: number, size: AccessSize, value: bigint): void {
    if (size !== 4 || (offset & 3) !== 0) return;
    this.locked(() => this.writeWord(offset, Number(value & 0xffff_ffffn)));
  }

  override restore(saved: Uint8Array): void {
    super.restore(saved);
    this.locked(() => this.updateOutputs());
  }

  private readWord(offset: number): number {
    if (offset < PENDING) return offset >> 2 < PLIC_SOURCES ? this.state[offset >> 2]! : 0;
    if (offset < PENDING + 4 * WORDS) return this.state[this.pending + ((offset - PENDING) >> 2)]!;
    if (offset >= ENABLE && offset < ENABLE + this.contexts * ENABLE_STRIDE) {
      const context = (offset - ENABLE) / ENABLE_STRIDE | 0;
      const word = ((offset - ENABLE) % ENABLE_STRIDE) >> 2;
      return word < WORDS ? this.state[this.enable + context * WORDS + word]! : 0;
    }
    const context = this.contextAt(offset);
    if (context < 0) return 0;
    if ((offset & (CONTEXT_STRIDE - 1)) === 0) return this.state[this.threshold + context]!;
    return this.claim(context);
  }

  private writeWord(offset: number, value: number): void {
    if (offset < PENDING) {
      const id = offset >> 2;
      if (id > 0 && id < PLIC_SOURCES) this.state[id] = Math.min(value >>> 0, MAX_PRIORITY);
    } else if (offset >= ENABLE && offset < ENABLE + this.contexts * ENABLE_STRIDE) {
      const context = (offset - ENABLE) / ENABLE_STRIDE | 0;
      const word = ((offset - ENABLE) % ENABLE_STRIDE) >> 2;
      if (word >= WORDS) return;
      this.state[this.enable + context * WORDS + word] = word === 0 ? value & ~1 : value; // source 0 does not exist
    } else {
      const context = this.contextAt(offset);
      if (context < 0) return;
      if ((offset & (CONTEXT_STRIDE - 1)) === 0) this.state[this.threshold + context] = Math.min(value >>> 0, MAX_PRIORITY);
      else this.complete(context, value >>> 0);
    }
    this.updateOutputs();
  }

  /** Context number for a threshold (+0) or claim/complete (+4) register, else -1. */
  private contextAt(offset: number): number {
    if (offset < CONTEXT) return -1;
    const context = (offset - CONTEXT) / CONTEXT_STRIDE | 0;
    const register = (offset - CONTEXT) % CONTEXT_STRIDE;
    return context < this.contexts && register <= 4 ? context : -1;
  }

  private claim(context: number): number {
    const id = this.best(context);
    if (id !== 0) {
      this.setBit(this.pending, id, false);
      this.setBit(this.inService, id, true);
      this.updateOutputs();
    }
    return id;
  }

  private complete(context: number, id: number): void {
    if (id <= 0 || id >= PLIC_SOURCES || !this.bit(this.enable + context * WORDS, id)) return;
    this.setBit(this.inService, id, false);
    if (this.bit(this.level, id)) this.setBit(this.pending, id, true);
  }

  /** Highest-priority pending source enabled for the context above its threshold (0 = none). */
  private best(context: number): number {
    let bestId = 0;
    let bestPriority = this.state[this.threshold + context]!;
    for (let word = 0; word < WORDS; word++) {
      let candidates = this.state[this.pending + word]! & this.state[this.enable + context * WORDS + word]!;
      while (candidates !== 0) {
        const bit = 31 - Math.clz32(candidates & -candidates);
        candidates &= candidates - 1;
        const id = word * 32 + bit;
        if (this.state[id]! > bestPriority) {
          bestPriority = this.state[id]!;
          bestId = id;
        }
      }
    }
    return bestId;
  }

  private updateOutputs(): void {
    for (let context = 0; context < this.contexts; context++) {
      const hart = context >> 1;
      this.lines.setInterruptPending(hart, context & 1 ? MIP.SEIP : MIP.MEIP, this.best(context) !== 0);
    }
  }

  private bit(base: number, id: number): boolean {
    return ((this.state[base + (id >> 5)]! >>> (id & 31)) & 1) === 1;
  }

  private setBit(base: number, id: number, on: boolean): void {
    const at = base + (id >> 5);
    this.state[at] = on ? this.state[at]! | (1 << (id & 31)) : this.state[at]! & ~(1 << (id & 31));
  }
}
