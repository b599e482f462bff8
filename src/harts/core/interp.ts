// The interpreter: fetch through a host pointer into the current code page, look the
// instruction up in the decode cache (decode.ts), execute. The guest pc is implicit:
// pageVa + (hp - pageHost); a pc whose page is not mapped yet is kept as
// pageVa = pc - 4096, hp - pageHost = 4096, which every fetch check sends to the fetch TLB.
// The hot loop (hot-loop.ts) runs everything with a fast path; this loop does the rest:
// fetch-TLB misses, decode-cache misses, instructions that straddle a page, TLB misses of
// loads and stores, MMIO, SYSTEM, atomics and faults. A slow path commits the instruction
// counts, stores pc to the block, and resynchronises afterwards. Counts are kept in a local
// and committed to mcycle/minstret/time only on slow paths and at the end of the slice.
import { HB_TICKS, HB_DECODE, DECODE_SLOTS, HB_DECODE_SCRATCH } from '../block-layout';
import * as B from './bits';
import { addCycles, addInstret } from './csr';
import { execSystem } from './system';
import { raiseException } from './trap';
import { syncTlbContext, tlbCtx } from './mmu';
import { loadSlow, storeSlow, execAtomic, fetchPage, fetchAddend, fetchUpperHalf } from './memory';
import * as O from './ops';
import { SLOT_KEY, SLOT_OP, SLOT_IMM, decodeInto, slotRaw, slotLen, slotRd } from './decode';
import { rs1, rs2, imm, len, setRd, pcOf, tlbAt } from './operands';
import { R_NEXT, hotLoop, outD, outHp, outN, outPageHost, outPageVa } from './hot-loop';
import { HB, gStop, gRecheck, getPc, setPc, hbGet, hbSet } from './state';

function addCounts(k: i64): void {
  addCycles(k);
  addInstret(k);
  hbSet(HB_TICKS, hbGet(HB_TICKS) + k);
}

/** A load or store its fast path could not do. True when done; false after a trap or an exit. */
function accessSlow(hb: usize, d: usize): bool {
  const op = load<u8>(d, SLOT_OP);
  const addr = rs1(hb, d) + imm(d);
  if (op < O.OP_STORE) return loadSlow(addr, <u32>(op - O.OP_LOAD), slotRd(d), slotRaw(d), slotLen(d));
  return storeSlow(addr, <u32>(op - O.OP_STORE), rs2(hb, d), slotRaw(d), slotLen(d));
}

/**
 * The slow path of the instruction in slot `d` (pc already in the block). True when it
 * completed and execution goes on after it; false after a trap, an exit or a state change.
 */
function execSlow(hb: usize, d: usize): bool {
  const op = load<u8>(d, SLOT_OP);
  let ok = false;
  if (op >= O.OP_LOAD && op < O.OP_BRANCH) {
    ok = accessSlow(hb, d);
  } else if (op == O.OP_SYSTEM) {
    execSystem(<u32>load<i32>(d, SLOT_IMM), slotRaw(d), slotLen(d));
  } else if (op == O.OP_JALR) { // a target too far from the current page for the hot loop
    const target = (rs1(hb, d) + imm(d)) & ~1;
    setRd(hb, d, getPc() + <i64>len(d));
    setPc(target);
  } else if (op == O.OP_AMO) {
    ok = execAtomic(<u32>load<i32>(d, SLOT_IMM), slotRaw(d), slotLen(d));
  } else {
    const raw = slotRaw(d);
    raiseException(B.CAUSE_ILLEGAL, <i64>raw, 0, raw, slotLen(d));
  }
  store<i64>(hb, 0); // x0 (slow paths write registers by number)
  return ok;
}

/** Executes at most `budget` instructions; returns how many were executed (trapped ones included). */
export function interpret(budget: i32): i32 {
  let n = budget;
  let base = n;
  let pageVa: i64 = getPc() - 0x1000;
  let pageHost: usize = 0;
  let hp: usize = 0x1000;
  const hb = HB;
  const cache = hb + HB_DECODE;
  syncTlbContext();
  let ctx = tlbCtx;
  while (n > 0) {
    // Fetch and decode the next instruction the slow way, then let the hot loop run.
    let d: usize;
    const off = hp - pageHost;
    if (off < 0xffe) {
      const word = load<u32>(hp);
      d = cache + ((hp & ((DECODE_SLOTS - 1) << 1)) << 3);
      if (load<u32>(d, SLOT_KEY) != word) decodeInto(d, word);
    } else {
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
      if ((pc & 0xfff) != 0xffe) continue; // now on the page: fetch again
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
    const why = hotLoop(hb, d, hp, pageHost, pageVa, n, ctx);
    d = outD; hp = outHp; pageHost = outPageHost; pageVa = outPageVa; n = outN;
    if (why == R_NEXT) continue;
    // The instruction at hp needs its slow path (the hot loop counted it).
    addCounts(<i64>(base - n)); base = n;
    setPc(pcOf(pageVa, pageHost, hp));
    if (execSlow(hb, d)) { hp += len(d); continue; }
    if (gStop || gRecheck) return budget - n;
    pageVa = getPc() - 0x1000; pageHost = 0; hp = 0x1000;
    syncTlbContext();
    ctx = tlbCtx;
  }
  addCounts(<i64>(base - n));
  setPc(pcOf(pageVa, pageHost, hp));
  return budget;
}
