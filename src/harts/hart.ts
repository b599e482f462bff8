// One hart as seen from TypeScript: an instance of the wasm core (dist/core.wasm) bound to
// the hart's block in the machine's shared memory. Several Harts can live in one thread
// (deterministic mode); the module is compiled once per thread.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { MachineMemory } from './machine-memory.js';
import * as L from './block-layout.js';

/** Why run() returned. Values are the EXIT_* constants of block-layout.ts. */
export enum ExitReason {
  BudgetDone = 0,
  /** A load/store to a physical address outside RAM: `exit.access`; finish with completeMmio(). */
  Mmio = 1,
  /** wfi with nothing pending; pc is past the wfi. Sleep (advanceTimeTo / doorbell), then run() again. */
  Wfi = 2,
  /** A store hit the watched HTIF word; it completed and pc is past it. */
  Htif = 3,
  /** Hypervisor mode: ecall from VS; pc is the ecall (completeMmio() or pc += 4 to resume after it). */
  EcallFromVS = 4,
  /** Hypervisor mode: guest-page fault; `exit.gpa`, and `exit.access` for a load/store (MMIO emulation). */
  GuestPageFault = 5,
  /** Hypervisor mode: virtual-instruction exception (`exit.insn`). */
  VirtualInstruction = 6,
  /** Hypervisor mode: an interrupt for HS/M arrived while V=1 (`exit.cause` has the interrupt bit). */
  Interrupt = 7,
  /** Hypervisor mode: any other trap from V=1 that hardware would send to HS/M (`exit.cause`). */
  Trap = 8,
}

export type TrapMode = 'architectural' | 'hypervisor';

export interface DecodedAccess {
  /** Physical address (Mmio) or guest-physical address (GuestPageFault). */
  paddr: bigint;
  size: 1 | 2 | 4 | 8;
  store: boolean;
  /** Store data (low `size` bytes). */
  value: bigint;
  rd: number;
  signed: boolean;
}

export interface ExitRecord {
  cause: bigint;
  tval: bigint;
  gpa: bigint;
  /** Raw instruction bits (16-bit for a compressed instruction). */
  insn: number;
  pc: bigint;
  access?: DecodedAccess;
}

interface CoreExports {
  init(block: number): void;
  run(budget: number): number;
  completeInstruction(value: bigint): void;
  failAccess(): void;
  reset(pc: bigint, a0: bigint, a1: bigint): void;
  readCsr(n: number): bigint;
  writeCsr(n: number, v: bigint): void;
  knownCsr(n: number): number;
  advanceTimeTo(ticks: bigint): void;
  time(): bigint;
  nextTimerDeadline(): bigint;
  flushTlb(): void;
}

const CORE_URL = new URL('../../dist/core.wasm', import.meta.url);
let compiled: WebAssembly.Module | undefined;

function moduleSync(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(readFileSync(CORE_URL));
  return compiled;
}

const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);

export class Hart {
  private readonly i64: BigInt64Array;
  /** The same memory as 32-bit halves: register reads on hot paths without BigInt. */
  private readonly u32: Uint32Array;
  private readonly block: number;

  private constructor(readonly machine: MachineMemory, readonly hartId: number, private readonly core: CoreExports) {
    this.block = machine.hartBlock(hartId);
    this.i64 = new BigInt64Array(machine.memory.buffer);
    this.u32 = new Uint32Array(machine.memory.buffer);
    core.init(this.block);
  }

  /** Compiles dist/core.wasm (once per thread) and binds a new instance to hart `hartId`. */
  static async load(machine: MachineMemory, hartId: number): Promise<Hart> {
    compiled ??= await WebAssembly.compile(await readFile(CORE_URL));
    return Hart.loadSync(machine, hartId);
  }

  static loadSync(machine: MachineMemory, hartId: number): Hart {
    machine.hartBlock(hartId); // validates the id
    const instance = new WebAssembly.Instance(moduleSync(), { env: { memory: machine.memory } });
    return new Hart(machine, hartId, instance.exports as unknown as CoreExports);
  }

  private get(off: number): bigint { return this.i64[(this.block + off) >> 3]!; }
  private set(off: number, v: bigint): void { this.i64[(this.block + off) >> 3] = BigInt.asIntN(64, v); }

  /** Executes at most `budget` instructions (at most 2^31-1). */
  run(budget: number): ExitReason {
    if (!Number.isInteger(budget) || budget < 0 || budget > 0x7fffffff) throw new RangeError(`bad budget ${budget}`);
    return this.core.run(budget) as ExitReason;
  }

  get exitReason(): ExitReason { return Number(this.get(L.HB_EXIT_REASON)) as ExitReason; }

  get exit(): ExitRecord {
    const record: ExitRecord = {
      cause: u64(this.get(L.HB_EXIT_CAUSE)),
      tval: u64(this.get(L.HB_EXIT_TVAL)),
      gpa: u64(this.get(L.HB_EXIT_GPA)),
      insn: Number(u64(this.get(L.HB_EXIT_INSN)) & 0xffffffffn),
      pc: u64(this.get(L.HB_EXIT_PC)),
    };
    if (this.get(L.HB_ACC_VALID) !== 0n) {
      const size = Number(this.get(L.HB_ACC_SIZE)) as 1 | 2 | 4 | 8;
      const mask = (1n << BigInt(size * 8)) - 1n;
      record.access = {
        paddr: u64(this.get(L.HB_ACC_PADDR)),
        size,
        store: this.get(L.HB_ACC_STORE) !== 0n,
        value: u64(this.get(L.HB_ACC_VALUE)) & mask,
        rd: Number(this.get(L.HB_ACC_RD)),
        signed: this.get(L.HB_ACC_SIGNED) !== 0n,
      };
    }
    return record;
  }

  /**
   * Finishes the instruction the last exit stopped on: for a decoded load, rd gets
   * `loadValue` extended per width and sign; then pc moves past the instruction and it
   * retires. Also resumes after EcallFromVS, VirtualInstruction or a trap the caller emulated.
   */
  completeMmio(loadValue = 0n): void { this.core.completeInstruction(BigInt.asIntN(64, loadValue)); }

  /**
   * No device answers the access of the last Mmio exit: the hart takes a load/store access
   * fault instead (mtval = the virtual address), as hardware does on a bus error.
   */
  failMmio(): void { this.core.failAccess(); }

  getX(i: number): bigint {
    if (!Number.isInteger(i) || i < 0 || i > 31) throw new RangeError(`no register x${i}`);
    return u64(this.get(L.HB_X + i * 8));
  }
  setX(i: number, v: bigint): void {
    if (!Number.isInteger(i) || i < 0 || i > 31) throw new RangeError(`no register x${i}`);
    if (i !== 0) this.set(L.HB_X + i * 8, v);
  }

  /**
   * x[i] as an unsigned number, Number.MAX_SAFE_INTEGER when it is 2^53 or more (no valid
   * hypercall argument is): the hypercall fast path reads its arguments without BigInt.
   */
  getXNumber(i: number): number {
    const at = (this.block + L.HB_X + i * 8) >> 2;
    const high = this.u32[at + 1]!;
    return high < 0x20_0000 ? high * 0x1_0000_0000 + this.u32[at]! : Number.MAX_SAFE_INTEGER;
  }
  /** x[i] = `v`, a safe integer (negative: sign-extended), as setX(i, BigInt(v)) without BigInt. */
  setXNumber(i: number, v: number): void {
    if (i === 0) return;
    const at = (this.block + L.HB_X + i * 8) >> 2;
    this.u32[at] = v >>> 0;
    this.u32[at + 1] = Math.floor(v / 0x1_0000_0000) >>> 0;
  }

  get pc(): bigint { return u64(this.get(L.HB_PC)); }
  set pc(v: bigint) { this.set(L.HB_PC, v); }

  /** Raw CSR access for the hypervisor, runner and debugger: WARL masks apply, privilege checks do not. */
  readCsr(n: number): bigint {
    this.checkCsr(n);
    return u64(this.core.readCsr(n));
  }
  writeCsr(n: number, v: bigint): void {
    this.checkCsr(n);
    this.core.writeCsr(n, BigInt.asIntN(64, v));
  }
  private checkCsr(n: number): void {
    if (!Number.isInteger(n) || n < 0 || n > 0xfff || this.core.knownCsr(n) === 0) {
      throw new RangeError(`unknown CSR 0x${Number(n).toString(16)}`);
    }
  }

  get instret(): bigint { return u64(this.get(L.HB_INSTRET)); }
  /** instret as a number (exact below 2^53 instructions): for counting on hot paths. */
  get instretNumber(): number {
    const at = (this.block + L.HB_INSTRET) >> 2;
    return this.u32[at + 1]! * 0x1_0000_0000 + this.u32[at]!;
  }
  get cycles(): bigint { return u64(this.get(L.HB_CYCLES)); }
  /** Virtual time in timer ticks. */
  get time(): bigint { return u64(this.core.time()); }
  /** Moves virtual time forward (never backward), e.g. to skip a WFI sleep to the next deadline. */
  advanceTimeTo(ticks: bigint): void { this.core.advanceTimeTo(BigInt.asIntN(64, ticks)); }
  /** The next tick at which mtimecmp/stimecmp/vstimecmp fires, or undefined if none is ahead. */
  nextTimerDeadline(): bigint | undefined {
    const d = this.core.nextTimerDeadline();
    return d === -1n ? undefined : u64(d);
  }

  get privilege(): 0 | 1 | 3 { return Number(this.get(L.HB_PRIV)) as 0 | 1 | 3; }
  set privilege(p: 0 | 1 | 3) {
    if (p !== 0 && p !== 1 && p !== 3) throw new RangeError(`bad privilege ${String(p)}`);
    this.set(L.HB_PRIV, BigInt(p));
  }
  get virt(): boolean { return this.get(L.HB_VIRT) !== 0n; }
  set virt(v: boolean) { this.set(L.HB_VIRT, v ? 1n : 0n); }

  get trapMode(): TrapMode { return this.get(L.HB_TRAP_MODE) === BigInt(L.TRAP_MODE_HYPERVISOR) ? 'hypervisor' : 'architectural'; }
  set trapMode(m: TrapMode) { this.set(L.HB_TRAP_MODE, BigInt(m === 'hypervisor' ? L.TRAP_MODE_HYPERVISOR : L.TRAP_MODE_ARCH)); }

  /** Architectural reset: M-mode at `pc`, a0 = `a0` (the hart id by convention), a1 = `a1`. */
  reset(pc: bigint, a0: bigint, a1 = 0n): void { this.core.reset(BigInt.asIntN(64, pc), BigInt.asIntN(64, a0), BigInt.asIntN(64, a1)); }

  /** HTIF: a store to the 8-byte word at `paddr` completes, then run() exits with ExitReason.Htif. */
  watchStores(paddr: bigint): void {
    this.set(L.HB_WATCH, paddr & ~7n);
    this.core.flushTlb();
  }

  flushTlb(): void { this.core.flushTlb(); }
}
