// Per-instance state of the core: where this hart's block is, and the flags the
// interpreter's slow paths use to talk to the run loop. Everything architectural lives
// in the hart block in shared memory; these globals are per wasm instance (= per hart).
import {
  HB_CSR, HB_X, HB_PC, HB_PRIV, HB_VIRT, HB_RAM_OFFSET, HB_RAM_BYTES, HB_EXIT_REASON,
} from '../block-layout';

export const RAM_BASE: i64 = 0x80000000;

/** This hart's block in the shared memory. */
export let HB: usize = 0;
/** Wasm offset of guest RAM and its size (copied from the block by bindBlock). */
export let RAM_OFF: i64 = 0;
export let RAM_SIZE: i64 = 0;

/** Set by a slow path when run() must return (an exit was recorded). */
export let gStop: bool = false;
/** Set after state changes that may make an interrupt deliverable (CSR writes, xRET). */
export let gRecheck: bool = false;

export function bindBlock(block: usize): void {
  HB = block;
  RAM_OFF = load<i64>(block + HB_RAM_OFFSET);
  RAM_SIZE = load<i64>(block + HB_RAM_BYTES);
}

export function setStop(v: bool): void { gStop = v; }
export function setRecheck(v: bool): void { gRecheck = v; }

@inline export function xr(r: u32): i64 { return load<i64>(HB + HB_X + (<usize>r << 3)); }
@inline export function xw(r: u32, v: i64): void { store<i64>(HB + HB_X + (<usize>r << 3), v); }
@inline export function csrSlot(n: i32): usize { return HB + HB_CSR + (<usize>n << 3); }
@inline export function cr(n: i32): i64 { return load<i64>(csrSlot(n)); }
@inline export function cw(n: i32, v: i64): void { store<i64>(csrSlot(n), v); }
@inline export function getPc(): i64 { return load<i64>(HB + HB_PC); }
@inline export function setPc(v: i64): void { store<i64>(HB + HB_PC, v); }
@inline export function getPriv(): i32 { return <i32>load<i64>(HB + HB_PRIV); }
@inline export function setPriv(v: i32): void { store<i64>(HB + HB_PRIV, <i64>v); }
@inline export function getVirt(): bool { return load<i64>(HB + HB_VIRT) != 0; }
@inline export function setVirt(v: bool): void { store<i64>(HB + HB_VIRT, v ? 1 : 0); }
@inline export function hbGet(off: usize): i64 { return load<i64>(HB + off); }
@inline export function hbSet(off: usize, v: i64): void { store<i64>(HB + off, v); }

/** Wasm offset of a physical address when [paddr, paddr+size) is inside RAM, else 0. */
@inline export function ramHost(paddr: i64, size: i64): usize {
  const off = paddr - RAM_BASE;
  if (<u64>off <= <u64>(RAM_SIZE - size)) return <usize>(RAM_OFF + off);
  return 0;
}

/** Records an exit and stops the run loop. */
export function stopWith(reason: i32): void {
  store<i64>(HB + HB_EXIT_REASON, <i64>reason);
  gStop = true;
}
