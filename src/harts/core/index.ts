// Hart core entry points (AssemblyScript → dist/core.wasm). One instance per hart per
// thread, bound to that hart's block in the shared memory with init(). All state is in the
// block; the TypeScript face is src/harts/hart.ts.
import {
  HB_EXIT_REASON, HB_EXIT_TVAL, HB_EXIT_INSN, HB_ACC_VALID, HB_ACC_RD, HB_ACC_SIZE, HB_ACC_SIGNED, HB_ACC_STORE, HB_EXIT_LEN,
  HB_TICKS, HB_IPT, HB_MTIMECMP, HB_LR_VALID, HB_CSR,
  EXIT_BUDGET,
} from '../block-layout';
import * as B from './bits';
import { addCycles, addInstret, csrGet, csrKnown, csrSet, timeNow } from './csr';
import { checkInterrupts, raiseException } from './trap';
import { interpret } from './interp';
import { requestTlbFlush, syncTlbContext } from './mmu';
import { extend } from './memory';
import { HB, bindBlock, gStop, setStop, setRecheck, cr, hbGet, hbSet, getPc, setPc, setPriv, setVirt, xw } from './state';

export function init(block: usize): void {
  bindBlock(block);
  requestTlbFlush(); // a fresh block's zeroed TLB would otherwise look like valid entries
}

const NEVER: i64 = i64.MAX_VALUE;

/** Instructions until the next timer comparator fires (NEVER when none is ahead). */
function untilDeadline(): i64 {
  const ticks = hbGet(HB_TICKS);
  const ipt = hbGet(HB_IPT);
  const deadline = nextTimerDeadline();
  if (deadline == -1 || <u64>deadline > <u64>(NEVER / ipt)) return NEVER;
  return deadline * ipt - ticks;
}

/** The earliest future time (in ticks) at which mtimecmp, stimecmp or vstimecmp fires; -1 if none. */
export function nextTimerDeadline(): i64 {
  const now = timeNow();
  let best: i64 = -1;
  let c = hbGet(HB_MTIMECMP);
  if (<u64>c > <u64>now && <u64>c < <u64>best) best = c;
  if ((cr(B.CSR_MENVCFG) & B.STCE) != 0) {
    c = cr(B.CSR_STIMECMP);
    if (<u64>c > <u64>now && <u64>c < <u64>best) best = c;
    if ((cr(B.CSR_HENVCFG) & B.STCE) != 0) {
      c = cr(B.CSR_VSTIMECMP) - cr(B.CSR_HTIMEDELTA);
      if (<u64>c > <u64>now && <u64>c < <u64>best) best = c;
    }
  }
  return best;
}

/** Runs at most `budget` instructions; returns the exit reason (EXIT_BUDGET when the budget ran out). */
export function run(budget: i32): i32 {
  hbSet(HB_EXIT_REASON, EXIT_BUDGET);
  hbSet(HB_ACC_VALID, 0);
  setStop(false);
  let remaining: i64 = budget;
  for (;;) {
    setRecheck(false);
    syncTlbContext();
    if (checkInterrupts() && gStop) break;
    if (remaining <= 0) break;
    let chunk = remaining;
    const toDeadline = untilDeadline();
    if (toDeadline > 0 && toDeadline < chunk) chunk = toDeadline;
    remaining -= <i64>interpret(<i32>chunk);
    if (gStop) break;
  }
  xw(0, 0);
  return <i32>hbGet(HB_EXIT_REASON);
}

/**
 * Completes the instruction an exit stopped on: a decoded load gets `value` (extended by its
 * width and signedness) in rd; then pc moves past the instruction and it retires.
 */
export function completeInstruction(value: i64): void {
  if (hbGet(HB_ACC_VALID) != 0 && hbGet(HB_ACC_STORE) == 0) {
    const size = hbGet(HB_ACC_SIZE);
    const signed = hbGet(HB_ACC_SIGNED) != 0;
    const f3: u32 = (size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : 3) | (signed || size == 8 ? 0 : 4);
    xw(<u32>hbGet(HB_ACC_RD), extend(value, f3));
    xw(0, 0);
  }
  hbSet(HB_ACC_VALID, 0);
  setPc(getPc() + hbGet(HB_EXIT_LEN));
  addInstret(1);
}

/**
 * Turns the MMIO access an exit stopped on into a load/store access fault (no device
 * there): the trap is taken as hardware would, with tval = the virtual address.
 */
export function failAccess(): void {
  if (hbGet(HB_ACC_VALID) == 0) return;
  const cause = hbGet(HB_ACC_STORE) != 0 ? B.CAUSE_STORE_ACCESS : B.CAUSE_LOAD_ACCESS;
  hbSet(HB_ACC_VALID, 0);
  addInstret(1); // raiseException uncounts it again
  raiseException(cause, hbGet(HB_EXIT_TVAL), 0, <u32>hbGet(HB_EXIT_INSN), <i32>hbGet(HB_EXIT_LEN));
  setStop(false);
}

/** Architectural reset: M-mode at pc, x10 = a0, x11 = a1, every CSR at its reset value. */
export function reset(pc: i64, a0: i64, a1: i64): void {
  for (let i: u32 = 0; i < 32; i++) xw(i, 0);
  for (let n = 0; n < 4096; n++) store<i64>(HB + HB_CSR + (<usize>n << 3), 0);
  xw(10, a0);
  xw(11, a1);
  setPc(pc);
  setPriv(3);
  setVirt(false);
  hbSet(HB_LR_VALID, 0);
  requestTlbFlush();
}

export function readCsr(n: i32): i64 { return csrGet(n); }
export function writeCsr(n: i32, v: i64): void { csrSet(n, v); }
export function knownCsr(n: i32): bool { return csrKnown(n); }

/** Moves virtual time forward to `ticks` (WFI skipping); mcycle advances with it. */
export function advanceTimeTo(ticks: i64): void {
  const target = ticks * hbGet(HB_IPT);
  const now = hbGet(HB_TICKS);
  if (target > now) {
    hbSet(HB_TICKS, target);
    addCycles(target - now);
  }
}

export function time(): i64 { return timeNow(); }

export function flushTlb(): void { requestTlbFlush(); }
