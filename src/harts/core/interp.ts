// The interpreter loop: fetch through a cached code page, expand RVC through the shared
// table, execute. Loads and stores hit the soft TLB inline; everything else (misses, MMIO,
// SYSTEM, atomics, faults) goes to a slow path that commits the instruction counts, stores
// pc to the block, and resynchronises afterwards. Counts are kept in a local and committed
// to mcycle/minstret/time only on slow paths and at the end of the slice.
import { HB_CYCLES, HB_INSTRET, HB_TICKS, HB_TLB, TLB_BYTES, TLB_ENTRIES } from '../block-layout';
import * as B from './bits';
import { mulh, mulhsu, mulhu, div, divu, rem, remu, divw, divuw, remw, remuw } from './alu';
import { execSystem } from './system';
import { raiseException } from './trap';
import { syncTlbContext, tlbCtx } from './mmu';
import { loadSlow, storeSlow, execAtomic, fetchPage, fetchAddend, fetchUpperHalf, loadHost, storeHost } from './memory';
import { rvc } from './rvc';
import { HB, gStop, gRecheck, getPc, setPc, hbGet, hbSet } from './state';

function addCounts(k: i64): void {
  hbSet(HB_CYCLES, hbGet(HB_CYCLES) + k);
  hbSet(HB_INSTRET, hbGet(HB_INSTRET) + k);
  hbSet(HB_TICKS, hbGet(HB_TICKS) + k);
}

@inline function sext32(v: i64): i64 { return <i64><i32>v; }
// Register access through a local copy of the block address (cheaper than the global).
@inline function getX(hb: usize, r: u32): i64 { return load<i64>(hb + (<usize>r << 3)); }
@inline function putX(hb: usize, r: u32, v: i64): void { store<i64>(hb + (<usize>r << 3), v); }
@inline function tlbAt(hb: usize, acc: i32, vaddr: i64): usize {
  return hb + HB_TLB + <usize>acc * TLB_BYTES + ((<usize>(vaddr >> 12) & (TLB_ENTRIES - 1)) << 4);
}

/** Executes at most `budget` instructions; returns how many were executed (trapped ones included). */
export function interpret(budget: i32): i32 {
  let n = budget;
  let base = n;
  let pc = getPc();
  let fetchTag: i64 = -1;
  let fetchAdd: i64 = 0;
  const hb = HB;
  syncTlbContext();
  let ctx = tlbCtx;
  while (n > 0) {
    n--;
    store<i64>(hb, 0); // x0
    let exc: i64 = -2; // cause to raise on the slow tail; -2 = a slow path already handled it
    let raw: u32 = 0;
    let len: i64 = 4;
    if ((pc & ~0xfff) != fetchTag) {
      const e = tlbAt(hb, B.ACC_FETCH, pc);
      if (load<i64>(e) == ((pc & ~0xfff) | ctx)) {
        fetchAdd = load<i64>(e, 8);
      } else {
        addCounts(<i64>(base - n)); base = n;
        setPc(pc);
        if (!fetchPage(pc)) {
          if (gStop || gRecheck) return budget - n;
          pc = getPc(); fetchTag = -1; syncTlbContext(); ctx = tlbCtx;
          continue;
        }
        fetchAdd = fetchAddend;
      }
      fetchTag = pc & ~0xfff;
    }
    const host = <usize>(pc + fetchAdd);
    let insn: u32;
    if ((pc & 0xfff) != 0xffe) {
      raw = load<u32>(host);
    } else {
      raw = <u32>load<u16>(host);
      if ((raw & 3) == 3) {
        addCounts(<i64>(base - n)); base = n;
        setPc(pc);
        const hi = fetchUpperHalf(pc);
        if (hi < 0) {
          if (gStop || gRecheck) return budget - n;
          pc = getPc(); fetchTag = -1; syncTlbContext(); ctx = tlbCtx;
          continue;
        }
        raw |= <u32>hi << 16;
      }
    }
    if ((raw & 3) == 3) {
      insn = raw;
    } else {
      raw &= 0xffff;
      len = 2;
      insn = rvc(raw);
    }
    const rd = (insn >> 7) & 31;
    const rs1 = (insn >> 15) & 31;
    const rs2 = (insn >> 20) & 31;
    const f3 = (insn >> 12) & 7;
    switch ((insn >> 2) & 31) { // major opcode (bits 1:0 are 11 for every expanded instruction)
      case 0x04: { // OP-IMM
        if ((f3 == 1 && (insn >>> 26) != 0) || (f3 == 5 && ((insn >>> 26) & 0x2f) != 0)) { exc = B.CAUSE_ILLEGAL; break; }
        const a = getX(hb, rs1);
        const imm = <i64>(<i32>insn >> 20);
        let v: i64 = 0;
        switch (f3) {
          case 0: v = a + imm; break;
          case 1: v = a << (imm & 63); break;
          case 2: v = a < imm ? 1 : 0; break;
          case 3: v = <u64>a < <u64>imm ? 1 : 0; break;
          case 4: v = a ^ imm; break;
          case 5: v = (insn & 0x40000000) != 0 ? a >> (imm & 63) : <i64>(<u64>a >> <u64>(imm & 63)); break;
          case 6: v = a | imm; break;
          default: v = a & imm; break;
        }
        putX(hb, rd, v);
        pc += len;
        continue;
      }
      case 0x00: { // LOAD
        if (f3 == 7) { exc = B.CAUSE_ILLEGAL; break; }
        const addr = getX(hb, rs1) + <i64>(<i32>insn >> 20);
        const e = tlbAt(hb, B.ACC_LOAD, addr);
        if (load<i64>(e) == ((addr & ~0xfff) | ctx) && (addr & 0xfff) <= 0xff8) {
          putX(hb, rd, loadHost(<usize>(addr + load<i64>(e, 8)), f3));
          pc += len;
          continue;
        }
        addCounts(<i64>(base - n)); base = n;
        setPc(pc);
        if (loadSlow(addr, f3, rd, raw, <i32>len)) { pc += len; continue; }
        break;
      }
      case 0x08: { // STORE
        if (f3 >= 4) { exc = B.CAUSE_ILLEGAL; break; }
        const addr = getX(hb, rs1) + ((<i64>(<i32>(insn & 0xfe000000) >> 20)) | <i64>((insn >> 7) & 31));
        const e = tlbAt(hb, B.ACC_STORE, addr);
        if (load<i64>(e) == ((addr & ~0xfff) | ctx) && (addr & 0xfff) <= 0xff8) {
          storeHost(<usize>(addr + load<i64>(e, 8)), f3, getX(hb, rs2));
          pc += len;
          continue;
        }
        addCounts(<i64>(base - n)); base = n;
        setPc(pc);
        if (storeSlow(addr, f3, getX(hb, rs2), raw, <i32>len)) { pc += len; continue; }
        break;
      }
      case 0x0c: { // OP
        const a = getX(hb, rs1);
        const b = getX(hb, rs2);
        const f7 = insn >>> 25;
        let v: i64 = 0;
        if (f7 == 0) {
          switch (f3) {
            case 0: v = a + b; break;
            case 1: v = a << (b & 63); break;
            case 2: v = a < b ? 1 : 0; break;
            case 3: v = <u64>a < <u64>b ? 1 : 0; break;
            case 4: v = a ^ b; break;
            case 5: v = <i64>(<u64>a >> <u64>(b & 63)); break;
            case 6: v = a | b; break;
            default: v = a & b; break;
          }
        } else if (f7 == 1) {
          switch (f3) {
            case 0: v = a * b; break;
            case 1: v = mulh(a, b); break;
            case 2: v = mulhsu(a, b); break;
            case 3: v = mulhu(a, b); break;
            case 4: v = div(a, b); break;
            case 5: v = divu(a, b); break;
            case 6: v = rem(a, b); break;
            default: v = remu(a, b); break;
          }
        } else if (f7 == 0x20 && f3 == 0) {
          v = a - b;
        } else if (f7 == 0x20 && f3 == 5) {
          v = a >> (b & 63);
        } else {
          exc = B.CAUSE_ILLEGAL; break;
        }
        putX(hb, rd, v);
        pc += len;
        continue;
      }
      case 0x18: { // BRANCH
        const a = getX(hb, rs1);
        const b = getX(hb, rs2);
        let take: bool;
        switch (f3) {
          case 0: take = a == b; break;
          case 1: take = a != b; break;
          case 4: take = a < b; break;
          case 5: take = a >= b; break;
          case 6: take = <u64>a < <u64>b; break;
          case 7: take = <u64>a >= <u64>b; break;
          default: take = false; exc = B.CAUSE_ILLEGAL; break;
        }
        if (exc >= 0) break;
        if (take) {
          pc += (<i64>(<i32>(insn & 0x80000000) >> 19)) | <i64>((insn & 0x80) << 4)
            | <i64>((insn >> 20) & 0x7e0) | <i64>((insn >> 7) & 0x1e);
        } else {
          pc += len;
        }
        continue;
      }
      case 0x06: { // OP-IMM-32
        const a = getX(hb, rs1);
        const f7 = insn >>> 25;
        let v: i64 = 0;
        if (f3 == 0) v = sext32(a + <i64>(<i32>insn >> 20));
        else if (f3 == 1 && f7 == 0) v = sext32(a << rs2);
        else if (f3 == 5 && f7 == 0) v = sext32(<i64>(<u32>a >> rs2));
        else if (f3 == 5 && f7 == 0x20) v = <i64>(<i32>a >> rs2);
        else { exc = B.CAUSE_ILLEGAL; break; }
        putX(hb, rd, v);
        pc += len;
        continue;
      }
      case 0x0e: { // OP-32
        const a = getX(hb, rs1);
        const b = getX(hb, rs2);
        const f7 = insn >>> 25;
        let v: i64 = 0;
        if (f7 == 0 && f3 == 0) v = sext32(a + b);
        else if (f7 == 0x20 && f3 == 0) v = sext32(a - b);
        else if (f7 == 0 && f3 == 1) v = sext32(a << (b & 31));
        else if (f7 == 0 && f3 == 5) v = sext32(<i64>(<u32>a >> <u32>(b & 31)));
        else if (f7 == 0x20 && f3 == 5) v = <i64>(<i32>a >> <i32>(b & 31));
        else if (f7 == 1) {
          switch (f3) {
            case 0: v = sext32(a * b); break;
            case 4: v = divw(a, b); break;
            case 5: v = divuw(a, b); break;
            case 6: v = remw(a, b); break;
            case 7: v = remuw(a, b); break;
            default: v = 0; exc = B.CAUSE_ILLEGAL; break;
          }
          if (exc >= 0) break;
        } else { exc = B.CAUSE_ILLEGAL; break; }
        putX(hb, rd, v);
        pc += len;
        continue;
      }
      case 0x0d: putX(hb, rd, <i64><i32>(insn & 0xfffff000)); pc += len; continue; // LUI
      case 0x05: putX(hb, rd, pc + <i64><i32>(insn & 0xfffff000)); pc += len; continue; // AUIPC
      case 0x1b: { // JAL
        putX(hb, rd, pc + len);
        pc += (<i64>(<i32>(insn & 0x80000000) >> 11)) | <i64>((insn >> 20) & 0x7fe)
          | <i64>((insn >> 9) & 0x800) | <i64>(insn & 0xff000);
        continue;
      }
      case 0x19: { // JALR
        if (f3 != 0) { exc = B.CAUSE_ILLEGAL; break; }
        const target = (getX(hb, rs1) + <i64>(<i32>insn >> 20)) & ~1;
        putX(hb, rd, pc + len);
        pc = target;
        continue;
      }
      case 0x03: { // MISC-MEM: fence is a no-op (wasm atomics are sequentially consistent); fence.i too (no stale decode)
        if (f3 > 1) { exc = B.CAUSE_ILLEGAL; break; }
        pc += len;
        continue;
      }
      case 0x1c: { // SYSTEM
        addCounts(<i64>(base - n)); base = n;
        setPc(pc);
        execSystem(insn, raw, <i32>len);
        break;
      }
      case 0x0b: { // AMO
        addCounts(<i64>(base - n)); base = n;
        setPc(pc);
        if (execAtomic(insn, raw, <i32>len)) { pc += len; continue; }
        break;
      }
      default:
        exc = B.CAUSE_ILLEGAL;
        break;
    }
    // Slow tail: an exception to raise, or a slow path that changed state.
    addCounts(<i64>(base - n)); base = n;
    if (exc >= 0) {
      setPc(pc);
      raiseException(exc, exc == B.CAUSE_ILLEGAL ? <i64>raw : 0, 0, raw, <i32>len);
    }
    if (gStop || gRecheck) return budget - n;
    pc = getPc();
    fetchTag = -1;
    syncTlbContext();
    ctx = tlbCtx;
  }
  addCounts(<i64>(base - n));
  setPc(pc);
  return budget;
}
