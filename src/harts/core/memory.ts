// The slow paths of data and instruction memory: TLB misses, accesses that cross a page
// (emulated in place, byte by byte; misaligned accesses inside a page are done natively),
// MMIO exits, the HTIF watch, faults, and LR/SC/AMO (always aligned: a misaligned AMO, LR or
// SC raises an address-misaligned exception; they are real wasm atomics on shared memory).
import {
  HB_ACC_VALID, HB_ACC_PADDR, HB_ACC_SIZE, HB_ACC_STORE, HB_ACC_VALUE, HB_ACC_RD, HB_ACC_SIGNED,
  HB_EXIT_PC, HB_EXIT_TVAL, HB_EXIT_INSN, HB_EXIT_LEN, HB_WATCH, HB_LR_VALID, HB_LR_HOST, HB_LR_VALUE, EXIT_MMIO, EXIT_HTIF,
} from '../block-layout';
import { addInstret } from './csr';
import * as B from './bits';
import { translate, tlbFill, xlCause, xlGpa, accessFault } from './mmu';
import { raiseException } from './trap';
import { hbGet, hbSet, getPc, setPc, ramHost, stopWith, xr, xw } from './state';

/** Sign- or zero-extends a loaded value by the funct3 of the load. */
@inline export function extend(v: i64, f3: u32): i64 {
  switch (f3) {
    case 0: return <i64><i8>v;
    case 1: return <i64><i16>v;
    case 2: return <i64><i32>v;
    case 4: return v & 0xff;
    case 5: return v & 0xffff;
    case 6: return v & 0xffffffff;
    default: return v;
  }
}

@inline export function loadHost(host: usize, f3: u32): i64 {
  switch (f3) {
    case 0: return <i64>load<i8>(host);
    case 1: return <i64>load<i16>(host);
    case 2: return <i64>load<i32>(host);
    case 4: return <i64>load<u8>(host);
    case 5: return <i64>load<u16>(host);
    case 6: return <i64>load<u32>(host);
    default: return load<i64>(host);
  }
}

@inline export function storeHost(host: usize, f3: u32, v: i64): void {
  switch (f3) {
    case 0: store<i8>(host, <i8>v); break;
    case 1: store<i16>(host, <i16>v); break;
    case 2: store<i32>(host, <i32>v); break;
    default: store<i64>(host, v); break;
  }
}

function recordAccess(paddr: i64, size: i32, isStore: bool, value: i64, rd: u32, signed: bool): void {
  hbSet(HB_ACC_VALID, 1);
  hbSet(HB_ACC_PADDR, paddr);
  hbSet(HB_ACC_SIZE, size);
  hbSet(HB_ACC_STORE, isStore ? 1 : 0);
  hbSet(HB_ACC_VALUE, value);
  hbSet(HB_ACC_RD, <i64>rd);
  hbSet(HB_ACC_SIGNED, signed ? 1 : 0);
}

/** A failed translation: a guest-page fault carries the decoded access (for MMIO emulation). */
function translationFault(vaddr: i64, size: i32, isStore: bool, value: i64, rd: u32, f3: u32, raw: u32, len: i32): void {
  if (xlCause == B.CAUSE_LOAD_GUEST_PAGE || xlCause == B.CAUSE_STORE_GUEST_PAGE) {
    recordAccess(xlGpa, size, isStore, value, rd, f3 < 4);
  }
  raiseException(xlCause, vaddr, xlGpa, raw, len);
}

function mmioExit(vaddr: i64, paddr: i64, size: i32, isStore: bool, value: i64, rd: u32, f3: u32, raw: u32, len: i32): void {
  recordAccess(paddr, size, isStore, value, rd, f3 < 4);
  hbSet(HB_EXIT_TVAL, vaddr);
  hbSet(HB_EXIT_PC, getPc());
  hbSet(HB_EXIT_INSN, <i64>raw);
  hbSet(HB_EXIT_LEN, <i64>len);
  addInstret(-1); // retires in completeMmio
  stopWith(EXIT_MMIO);
}

/** Host offset of one byte for a page-crossing access, or 0 after raising the fault. */
function byteHost(vaddr: i64, acc: i32, raw: u32, len: i32, origin: i64): usize {
  const pa = translate(vaddr, acc);
  if (pa == -1) { raiseException(xlCause, origin, xlGpa, raw, len); return 0; }
  const host = ramHost(pa, 1);
  if (host == 0) raiseException(accessFault(acc), origin, 0, raw, len);
  return host;
}

/** A load the TLB could not serve. True when rd was written; false after a trap or an exit. */
export function loadSlow(vaddr: i64, f3: u32, rd: u32, raw: u32, len: i32): bool {
  const size = 1 << (f3 & 3);
  if ((vaddr & 0xfff) + size <= 0x1000) {
    const pa = translate(vaddr, B.ACC_LOAD);
    if (pa == -1) { translationFault(vaddr, size, false, 0, rd, f3, raw, len); return false; }
    const host = ramHost(pa, size);
    if (host == 0) { mmioExit(vaddr, pa, size, false, 0, rd, f3, raw, len); return false; }
    tlbFill(B.ACC_LOAD, vaddr, pa);
    xw(rd, loadHost(host, f3));
    return true;
  }
  let v: i64 = 0;
  for (let i = 0; i < size; i++) {
    const host = byteHost(vaddr + i, B.ACC_LOAD, raw, len, vaddr);
    if (host == 0) return false;
    v |= <i64>load<u8>(host) << (i << 3);
  }
  xw(rd, extend(v, f3));
  return true;
}

/** A store the TLB could not serve. True when done; false after a trap or an exit (HTIF included). */
export function storeSlow(vaddr: i64, f3: u32, value: i64, raw: u32, len: i32): bool {
  const size = 1 << (f3 & 3);
  if ((vaddr & 0xfff) + size <= 0x1000) {
    const pa = translate(vaddr, B.ACC_STORE);
    if (pa == -1) { translationFault(vaddr, size, true, value, 0, f3, raw, len); return false; }
    const host = ramHost(pa, size);
    if (host == 0) { mmioExit(vaddr, pa, size, true, value, 0, f3, raw, len); return false; }
    tlbFill(B.ACC_STORE, vaddr, pa);
    storeHost(host, f3, value);
    const watch = hbGet(HB_WATCH);
    if (watch != -1 && pa < watch + 8 && pa + size > watch) {
      setPc(getPc() + len);
      stopWith(EXIT_HTIF);
      return false;
    }
    return true;
  }
  // Check every byte first so a fault on the second page leaves memory untouched.
  for (let i = 0; i < size; i++) if (byteHost(vaddr + i, B.ACC_STORE, raw, len, vaddr) == 0) return false;
  for (let i = 0; i < size; i++) store<u8>(byteHost(vaddr + i, B.ACC_STORE, raw, len, vaddr), <u8>(value >> (i << 3)));
  return true;
}

/** Host offset for an aligned atomic access of `size` bytes, or 0 after raising the exception. */
function atomicHost(vaddr: i64, size: i32, isLoad: bool, raw: u32, len: i32): usize {
  if ((vaddr & (size - 1)) != 0) {
    raiseException(isLoad ? B.CAUSE_LOAD_MISALIGNED : B.CAUSE_STORE_MISALIGNED, vaddr, 0, raw, len);
    return 0;
  }
  const acc = isLoad ? B.ACC_LOAD : B.ACC_STORE;
  const pa = translate(vaddr, acc);
  if (pa == -1) { raiseException(xlCause, vaddr, xlGpa, raw, len); return 0; }
  const host = ramHost(pa, size);
  if (host == 0) { raiseException(accessFault(acc), vaddr, 0, raw, len); return 0; }
  return host;
}

@inline function sext32(v: i64): i64 { return <i64><i32>v; }

/** LR, SC and the AMOs (opcode 0x2f). True when done; false after a trap. */
export function execAtomic(insn: u32, raw: u32, len: i32): bool {
  const f5 = insn >>> 27;
  const f3 = (insn >> 12) & 7;
  const rd = (insn >> 7) & 31;
  const rs1 = (insn >> 15) & 31;
  const rs2 = (insn >> 20) & 31;
  if (f3 != 2 && f3 != 3) { raiseException(B.CAUSE_ILLEGAL, <i64>raw, 0, raw, len); return false; }
  const wide = f3 == 3;
  const size = wide ? 8 : 4;
  const addr = xr(rs1);
  if (f5 == 2) { // LR
    if (rs2 != 0) { raiseException(B.CAUSE_ILLEGAL, <i64>raw, 0, raw, len); return false; }
    const host = atomicHost(addr, size, true, raw, len);
    if (host == 0) return false;
    const v = wide ? atomic.load<i64>(host) : sext32(<i64>atomic.load<i32>(host));
    hbSet(HB_LR_VALID, 1);
    hbSet(HB_LR_HOST, <i64>host);
    hbSet(HB_LR_VALUE, v);
    xw(rd, v);
    return true;
  }
  if (f5 == 3) { // SC: succeeds if the reserved word still holds what LR read (compare-and-swap)
    const host = atomicHost(addr, size, false, raw, len);
    if (host == 0) return false;
    let ok = false;
    if (hbGet(HB_LR_VALID) != 0 && hbGet(HB_LR_HOST) == <i64>host) {
      const expected = hbGet(HB_LR_VALUE);
      ok = wide ? atomic.cmpxchg<i64>(host, expected, xr(rs2)) == expected
        : atomic.cmpxchg<i32>(host, <i32>expected, <i32>xr(rs2)) == <i32>expected;
    }
    hbSet(HB_LR_VALID, 0);
    xw(rd, ok ? 0 : 1);
    return true;
  }
  const host = atomicHost(addr, size, false, raw, len);
  if (host == 0) return false;
  const src = xr(rs2);
  let old: i64 = 0;
  if (wide) {
    switch (f5) {
      case 0x00: old = atomic.add<i64>(host, src); break;
      case 0x01: old = atomic.xchg<i64>(host, src); break;
      case 0x04: old = atomic.xor<i64>(host, src); break;
      case 0x08: old = atomic.or<i64>(host, src); break;
      case 0x0c: old = atomic.and<i64>(host, src); break;
      case 0x10: case 0x14: case 0x18: case 0x1c: {
        for (;;) {
          old = atomic.load<i64>(host);
          const nv = f5 == 0x10 ? (old < src ? old : src) : f5 == 0x14 ? (old > src ? old : src)
            : f5 == 0x18 ? (<u64>old < <u64>src ? old : src) : (<u64>old > <u64>src ? old : src);
          if (atomic.cmpxchg<i64>(host, old, nv) == old) break;
        }
        break;
      }
      default: raiseException(B.CAUSE_ILLEGAL, <i64>raw, 0, raw, len); return false;
    }
  } else {
    const s = <i32>src;
    let o: i32 = 0;
    switch (f5) {
      case 0x00: o = atomic.add<i32>(host, s); break;
      case 0x01: o = atomic.xchg<i32>(host, s); break;
      case 0x04: o = atomic.xor<i32>(host, s); break;
      case 0x08: o = atomic.or<i32>(host, s); break;
      case 0x0c: o = atomic.and<i32>(host, s); break;
      case 0x10: case 0x14: case 0x18: case 0x1c: {
        for (;;) {
          o = atomic.load<i32>(host);
          const nv = f5 == 0x10 ? (o < s ? o : s) : f5 == 0x14 ? (o > s ? o : s)
            : f5 == 0x18 ? (<u32>o < <u32>s ? o : s) : (<u32>o > <u32>s ? o : s);
          if (atomic.cmpxchg<i32>(host, o, nv) == o) break;
        }
        break;
      }
      default: raiseException(B.CAUSE_ILLEGAL, <i64>raw, 0, raw, len); return false;
    }
    old = <i64>o;
  }
  xw(rd, old);
  return true;
}

/** Set by fetchPage: wasm offset of the fetched page minus its virtual address. */
export let fetchAddend: i64 = 0;

/** Refills the fetch page for `pc`; false after raising the fault (fetch outside RAM is an access fault). */
export function fetchPage(pc: i64): bool {
  const pa = translate(pc, B.ACC_FETCH);
  if (pa == -1) { raiseException(xlCause, pc, xlGpa, 0, 0); return false; }
  const host = ramHost(pa & ~0xfff, 4096);
  if (host == 0) { raiseException(B.CAUSE_FETCH_ACCESS, pc, 0, 0, 0); return false; }
  tlbFill(B.ACC_FETCH, pc, pa);
  fetchAddend = <i64>host - (pc & ~0xfff);
  return true;
}

/** The upper half of a 32-bit instruction that starts 2 bytes before a page end, or -1 after a fault. */
export function fetchUpperHalf(pc: i64): i64 {
  const next = pc + 2;
  const pa = translate(next, B.ACC_FETCH);
  if (pa == -1) { raiseException(xlCause, next, xlGpa, 0, 0); return -1; }
  const host = ramHost(pa, 2);
  if (host == 0) { raiseException(B.CAUSE_FETCH_ACCESS, next, 0, 0, 0); return -1; }
  return <i64>load<u16>(host);
}
