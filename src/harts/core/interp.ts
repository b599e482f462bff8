// The interpreter loop: fetch through a host pointer into the current code page, look the
// instruction up in the decode cache (decode.ts), dispatch on its handler number with one
// switch, execute. The guest pc is implicit: pageVa + (hp - pageHost); leaving the page
// (or standing on its last halfword) sends the fetch back through the soft TLB. Loads and
// stores hit the soft TLB inline; everything else (misses, MMIO, SYSTEM, atomics, faults)
// goes to a slow path that commits the instruction counts, stores pc to the block, and
// resynchronises afterwards. Counts are kept in a local and committed to
// mcycle/minstret/time only on slow paths and at the end of the slice.
import {
  HB_TICKS, HB_TLB, TLB_BYTES, TLB_ENTRIES, HB_DECODE, DECODE_SLOTS, HB_DECODE_SCRATCH,
} from '../block-layout';
import * as B from './bits';
import { mulh, mulhsu, mulhu, div, divu, rem, remu, divw, divuw, remw, remuw } from './alu';
import { addCycles, addInstret } from './csr';
import { execSystem } from './system';
import { raiseException } from './trap';
import { syncTlbContext, tlbCtx } from './mmu';
import { loadSlow, storeSlow, execAtomic, fetchPage, fetchAddend, fetchUpperHalf, loadHost, storeHost } from './memory';
import * as O from './ops';
import { SLOT_KEY, SLOT_OP, SLOT_LEN, SLOT_RD, SLOT_RS1, SLOT_RS2, SLOT_IMM, decodeInto, slotRaw, slotLen, slotRd } from './decode';
import { HB, gStop, gRecheck, getPc, setPc, hbGet, hbSet } from './state';

function addCounts(k: i64): void {
  addCycles(k);
  addInstret(k);
  hbSet(HB_TICKS, hbGet(HB_TICKS) + k);
}

@inline function sext32(v: i64): i64 { return <i64><i32>v; }
// Operands of a decoded slot `d`, through a local copy of the block address (cheaper than the global).
@inline function rs1(hb: usize, d: usize): i64 { return load<i64>(hb + <usize>load<u16>(d, SLOT_RS1)); }
@inline function rs2(hb: usize, d: usize): i64 { return load<i64>(hb + <usize>load<u16>(d, SLOT_RS2)); }
@inline function imm(d: usize): i64 { return <i64>load<i32>(d, SLOT_IMM); }
/** The immediate as a host-pointer displacement (branch and jump offsets). */
@inline function disp(d: usize): usize { return <usize>load<i32>(d, SLOT_IMM); }
@inline function len(d: usize): usize { return <usize>load<u8>(d, SLOT_LEN); }
@inline function setRd(hb: usize, d: usize, v: i64): void { store<i64>(hb + <usize>load<u16>(d, SLOT_RD), v); }
@inline function pcOf(pageVa: i64, pageHost: usize, hp: usize): i64 { return pageVa + <i64><i32>(hp - pageHost); }
@inline function tlbAt(hb: usize, acc: i32, vaddr: i64): usize {
  return hb + HB_TLB + <usize>acc * TLB_BYTES + ((<usize>(vaddr >> 12) & (TLB_ENTRIES - 1)) << 4);
}

// Fast paths of loads and stores (funct3 a constant, so each handler has one width):
// a soft-TLB hit on an access that stays inside the page.
@inline function loadFast(hb: usize, d: usize, ctx: i64, f3: u32): bool {
  const addr = rs1(hb, d) + imm(d);
  const e = tlbAt(hb, B.ACC_LOAD, addr);
  if (load<i64>(e) != ((addr & ~0xfff) | ctx) || (addr & 0xfff) > 0xff8) return false;
  setRd(hb, d, loadHost(<usize>(addr + load<i64>(e, 8)), f3));
  return true;
}
@inline function storeFast(hb: usize, d: usize, ctx: i64, f3: u32): bool {
  const addr = rs1(hb, d) + imm(d);
  const e = tlbAt(hb, B.ACC_STORE, addr);
  if (load<i64>(e) != ((addr & ~0xfff) | ctx) || (addr & 0xfff) > 0xff8) return false;
  storeHost(<usize>(addr + load<i64>(e, 8)), f3, rs2(hb, d));
  return true;
}

/** A load or store its fast path could not do. True when done; false after a trap or an exit. */
function accessSlow(hb: usize, d: usize): bool {
  const op = load<u8>(d, SLOT_OP);
  const addr = rs1(hb, d) + imm(d);
  if (op < O.OP_STORE) return loadSlow(addr, <u32>(op - O.OP_LOAD), slotRd(d), slotRaw(d), slotLen(d));
  return storeSlow(addr, <u32>(op - O.OP_STORE), rs2(hb, d), slotRaw(d), slotLen(d));
}

const HANDLED: i64 = -2; // a slow path already did what was needed
const SLOW_ACCESS: i64 = -3;

/** Executes at most `budget` instructions; returns how many were executed (trapped ones included). */
export function interpret(budget: i32): i32 {
  let n = budget;
  let base = n;
  // A pc outside the current page is represented as pageVa = pc - 4096, hp - pageHost = 4096.
  let pageVa: i64 = getPc() - 0x1000;
  let pageHost: usize = 0;
  let hp: usize = 0x1000;
  const hb = HB;
  const cache = hb + HB_DECODE;
  syncTlbContext();
  let ctx = tlbCtx;
  while (n > 0) {
    n--;
    let exc: i64 = HANDLED; // what the slow tail does: raise this cause, SLOW_ACCESS or HANDLED
    let d: usize;
    const off = hp - pageHost;
    if (off < 0xffe) {
      const word = load<u32>(hp);
      d = cache + ((hp & ((DECODE_SLOTS - 1) << 1)) << 3);
      if (load<u32>(d, SLOT_KEY) != word) decodeInto(d, word);
    } else {
      // Off the page, or on its last halfword: translate pc through the fetch TLB.
      const pc = pageVa + <i64><i32>off;
      const e = tlbAt(hb, B.ACC_FETCH, pc);
      let add: i64;
      if (load<i64>(e) == ((pc & ~0xfff) | ctx)) {
        add = load<i64>(e, 8);
      } else {
        addCounts(<i64>(base - n)); base = n;
        setPc(pc);
        if (!fetchPage(pc)) {
          if (gStop || gRecheck) return budget - n;
          pageVa = getPc() - 0x1000; pageHost = 0; hp = 0x1000;
          syncTlbContext(); ctx = tlbCtx;
          continue;
        }
        add = fetchAddend;
      }
      pageVa = pc & ~0xfff;
      pageHost = <usize>(pageVa + add);
      hp = pageHost + <usize>(pc & 0xfff);
      if ((pc & 0xfff) != 0xffe) { n++; continue; } // fetch again, on the fast path
      // The last halfword of a page: an RVC instruction, or one that continues on the next page.
      let word = <u32>load<u16>(hp);
      if ((word & 3) == 3) {
        addCounts(<i64>(base - n)); base = n;
        setPc(pc);
        const hi = fetchUpperHalf(pc);
        if (hi < 0) {
          if (gStop || gRecheck) return budget - n;
          pageVa = getPc() - 0x1000; pageHost = 0; hp = 0x1000;
          syncTlbContext(); ctx = tlbCtx;
          continue;
        }
        word |= <u32>hi << 16;
      }
      d = hb + HB_DECODE_SCRATCH;
      decodeInto(d, word);
    }
    switch (load<u8>(d, SLOT_OP)) {
      case O.OP_ADDI: setRd(hb, d, rs1(hb, d) + imm(d)); hp += len(d); continue;
      case O.OP_SLLI: setRd(hb, d, rs1(hb, d) << imm(d)); hp += len(d); continue;
      case O.OP_SLTI: setRd(hb, d, rs1(hb, d) < imm(d) ? 1 : 0); hp += len(d); continue;
      case O.OP_SLTIU: setRd(hb, d, <u64>rs1(hb, d) < <u64>imm(d) ? 1 : 0); hp += len(d); continue;
      case O.OP_XORI: setRd(hb, d, rs1(hb, d) ^ imm(d)); hp += len(d); continue;
      case O.OP_SRLI: setRd(hb, d, <i64>(<u64>rs1(hb, d) >> <u64>imm(d))); hp += len(d); continue;
      case O.OP_SRAI: setRd(hb, d, rs1(hb, d) >> imm(d)); hp += len(d); continue;
      case O.OP_ORI: setRd(hb, d, rs1(hb, d) | imm(d)); hp += len(d); continue;
      case O.OP_ANDI: setRd(hb, d, rs1(hb, d) & imm(d)); hp += len(d); continue;
      case O.OP_ADD: setRd(hb, d, rs1(hb, d) + rs2(hb, d)); hp += len(d); continue;
      case O.OP_SUB: setRd(hb, d, rs1(hb, d) - rs2(hb, d)); hp += len(d); continue;
      case O.OP_SLL: setRd(hb, d, rs1(hb, d) << (rs2(hb, d) & 63)); hp += len(d); continue;
      case O.OP_SLT: setRd(hb, d, rs1(hb, d) < rs2(hb, d) ? 1 : 0); hp += len(d); continue;
      case O.OP_SLTU: setRd(hb, d, <u64>rs1(hb, d) < <u64>rs2(hb, d) ? 1 : 0); hp += len(d); continue;
      case O.OP_XOR: setRd(hb, d, rs1(hb, d) ^ rs2(hb, d)); hp += len(d); continue;
      case O.OP_SRL: setRd(hb, d, <i64>(<u64>rs1(hb, d) >> <u64>(rs2(hb, d) & 63))); hp += len(d); continue;
      case O.OP_SRA: setRd(hb, d, rs1(hb, d) >> (rs2(hb, d) & 63)); hp += len(d); continue;
      case O.OP_OR: setRd(hb, d, rs1(hb, d) | rs2(hb, d)); hp += len(d); continue;
      case O.OP_AND: setRd(hb, d, rs1(hb, d) & rs2(hb, d)); hp += len(d); continue;
      case O.OP_MUL: setRd(hb, d, rs1(hb, d) * rs2(hb, d)); hp += len(d); continue;
      case O.OP_MULH: setRd(hb, d, mulh(rs1(hb, d), rs2(hb, d))); hp += len(d); continue;
      case O.OP_MULHSU: setRd(hb, d, mulhsu(rs1(hb, d), rs2(hb, d))); hp += len(d); continue;
      case O.OP_MULHU: setRd(hb, d, mulhu(rs1(hb, d), rs2(hb, d))); hp += len(d); continue;
      case O.OP_DIV: setRd(hb, d, div(rs1(hb, d), rs2(hb, d))); hp += len(d); continue;
      case O.OP_DIVU: setRd(hb, d, divu(rs1(hb, d), rs2(hb, d))); hp += len(d); continue;
      case O.OP_REM: setRd(hb, d, rem(rs1(hb, d), rs2(hb, d))); hp += len(d); continue;
      case O.OP_REMU: setRd(hb, d, remu(rs1(hb, d), rs2(hb, d))); hp += len(d); continue;
      case O.OP_ADDIW: setRd(hb, d, sext32(rs1(hb, d) + imm(d))); hp += len(d); continue;
      case O.OP_SLLIW: setRd(hb, d, sext32(rs1(hb, d) << imm(d))); hp += len(d); continue;
      case O.OP_SRLIW: setRd(hb, d, <i64><i32>(<u32>rs1(hb, d) >> <u32>imm(d))); hp += len(d); continue;
      case O.OP_SRAIW: setRd(hb, d, <i64>(<i32>rs1(hb, d) >> <i32>imm(d))); hp += len(d); continue;
      case O.OP_ADDW: setRd(hb, d, sext32(rs1(hb, d) + rs2(hb, d))); hp += len(d); continue;
      case O.OP_SUBW: setRd(hb, d, sext32(rs1(hb, d) - rs2(hb, d))); hp += len(d); continue;
      case O.OP_SLLW: setRd(hb, d, sext32(rs1(hb, d) << (rs2(hb, d) & 31))); hp += len(d); continue;
      case O.OP_SRLW: setRd(hb, d, <i64><i32>(<u32>rs1(hb, d) >> <u32>(rs2(hb, d) & 31))); hp += len(d); continue;
      case O.OP_SRAW: setRd(hb, d, <i64>(<i32>rs1(hb, d) >> <i32>(rs2(hb, d) & 31))); hp += len(d); continue;
      case O.OP_MULW: setRd(hb, d, sext32(rs1(hb, d) * rs2(hb, d))); hp += len(d); continue;
      case O.OP_DIVW: setRd(hb, d, divw(rs1(hb, d), rs2(hb, d))); hp += len(d); continue;
      case O.OP_DIVUW: setRd(hb, d, divuw(rs1(hb, d), rs2(hb, d))); hp += len(d); continue;
      case O.OP_REMW: setRd(hb, d, remw(rs1(hb, d), rs2(hb, d))); hp += len(d); continue;
      case O.OP_REMUW: setRd(hb, d, remuw(rs1(hb, d), rs2(hb, d))); hp += len(d); continue;
      case O.OP_LOAD: if (loadFast(hb, d, ctx, 0)) { hp += len(d); continue; } exc = SLOW_ACCESS; break;
      case O.OP_LOAD + 1: if (loadFast(hb, d, ctx, 1)) { hp += len(d); continue; } exc = SLOW_ACCESS; break;
      case O.OP_LOAD + 2: if (loadFast(hb, d, ctx, 2)) { hp += len(d); continue; } exc = SLOW_ACCESS; break;
      case O.OP_LOAD + 3: if (loadFast(hb, d, ctx, 3)) { hp += len(d); continue; } exc = SLOW_ACCESS; break;
      case O.OP_LOAD + 4: if (loadFast(hb, d, ctx, 4)) { hp += len(d); continue; } exc = SLOW_ACCESS; break;
      case O.OP_LOAD + 5: if (loadFast(hb, d, ctx, 5)) { hp += len(d); continue; } exc = SLOW_ACCESS; break;
      case O.OP_LOAD + 6: if (loadFast(hb, d, ctx, 6)) { hp += len(d); continue; } exc = SLOW_ACCESS; break;
      case O.OP_STORE: if (storeFast(hb, d, ctx, 0)) { hp += len(d); continue; } exc = SLOW_ACCESS; break;
      case O.OP_STORE + 1: if (storeFast(hb, d, ctx, 1)) { hp += len(d); continue; } exc = SLOW_ACCESS; break;
      case O.OP_STORE + 2: if (storeFast(hb, d, ctx, 2)) { hp += len(d); continue; } exc = SLOW_ACCESS; break;
      case O.OP_STORE + 3: if (storeFast(hb, d, ctx, 3)) { hp += len(d); continue; } exc = SLOW_ACCESS; break;
      case O.OP_BRANCH: hp += rs1(hb, d) == rs2(hb, d) ? disp(d) : len(d); continue;
      case O.OP_BRANCH + 1: hp += rs1(hb, d) != rs2(hb, d) ? disp(d) : len(d); continue;
      case O.OP_BRANCH + 4: hp += rs1(hb, d) < rs2(hb, d) ? disp(d) : len(d); continue;
      case O.OP_BRANCH + 5: hp += rs1(hb, d) >= rs2(hb, d) ? disp(d) : len(d); continue;
      case O.OP_BRANCH + 6: hp += <u64>rs1(hb, d) < <u64>rs2(hb, d) ? disp(d) : len(d); continue;
      case O.OP_BRANCH + 7: hp += <u64>rs1(hb, d) >= <u64>rs2(hb, d) ? disp(d) : len(d); continue;
      case O.OP_LUI: setRd(hb, d, imm(d)); hp += len(d); continue;
      case O.OP_AUIPC: setRd(hb, d, pcOf(pageVa, pageHost, hp) + imm(d)); hp += len(d); continue;
      case O.OP_JAL: setRd(hb, d, pcOf(pageVa, pageHost, hp) + <i64>len(d)); hp += disp(d); continue;
      case O.OP_JALR: {
        const target = (rs1(hb, d) + imm(d)) & ~1;
        setRd(hb, d, pcOf(pageVa, pageHost, hp) + <i64>len(d));
        if (((target ^ pageVa) & ~0xfff) == 0) {
          hp = pageHost + <usize>(target & 0xfff);
        } else {
          pageVa = target - 0x1000; pageHost = 0; hp = 0x1000;
        }
        continue;
      }
      case O.OP_FENCE: hp += len(d); continue;
      case O.OP_SYSTEM: {
        addCounts(<i64>(base - n)); base = n;
        setPc(pcOf(pageVa, pageHost, hp));
        execSystem(<u32>load<i32>(d, SLOT_IMM), slotRaw(d), slotLen(d));
        store<i64>(hb, 0);
        break;
      }
      case O.OP_AMO: {
        addCounts(<i64>(base - n)); base = n;
        setPc(pcOf(pageVa, pageHost, hp));
        const ok = execAtomic(<u32>load<i32>(d, SLOT_IMM), slotRaw(d), slotLen(d));
        store<i64>(hb, 0);
        if (ok) { hp += len(d); continue; }
        break;
      }
      default:
        exc = B.CAUSE_ILLEGAL;
        break;
    }
    // Slow tail: a load/store the TLB could not serve, an exception to raise, or a slow path
    // that changed state.
    addCounts(<i64>(base - n)); base = n;
    if (exc == SLOW_ACCESS) {
      setPc(pcOf(pageVa, pageHost, hp));
      const ok = accessSlow(hb, d);
      store<i64>(hb, 0); // x0 (a slow path writes registers by number)
      if (ok) { hp += len(d); continue; }
    } else if (exc >= 0) {
      setPc(pcOf(pageVa, pageHost, hp));
      const raw = slotRaw(d);
      raiseException(exc, <i64>raw, 0, raw, slotLen(d));
    }
    if (gStop || gRecheck) return budget - n;
    pageVa = getPc() - 0x1000; pageHost = 0; hp = 0x1000;
    syncTlbContext();
    ctx = tlbCtx;
  }
  addCounts(<i64>(base - n));
  setPc(pcOf(pageVa, pageHost, hp));
  return budget;
}
