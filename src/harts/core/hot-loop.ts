// The hot loop: executes predecoded instructions for as long as each one has a fast path
// (ALU, branches and jumps, loads and stores that hit the soft TLB, a next instruction
// that is in the decode cache on a page the fetch TLB maps). It makes no calls, so the
// engine can keep its state in machine registers; anything else returns to interpret()
// (interp.ts), which does the slow work and calls back in.
import { HB_DECODE, DECODE_SLOTS } from '../block-layout';
import * as B from './bits';
import { mulh, mulhsu, mulhu, div, divu, rem, remu, divw, divuw, remw, remuw } from './alu';
import { loadHost, storeHost } from './memory';
import * as O from './ops';
import { SLOT_KEY, SLOT_OP } from './decode';
import { rs1, rs2, imm, disp, len, setRd, pcOf, tlbAt } from './operands';

/** Why the hot loop returned. */
export const R_NEXT = 0; // the budget ran out, or the next instruction needs a fetch or decode the slow way
export const R_SLOW = 1; // the instruction at hp (already counted) needs its slow path

/** The loop state at the return (globals: the return value is the reason). */
export let outD: usize = 0;
export let outHp: usize = 0;
export let outPageHost: usize = 0;
export let outPageVa: i64 = 0;
export let outN: i32 = 0;

@inline function leave(why: i32, d: usize, hp: usize, pageHost: usize, pageVa: i64, n: i32): i32 {
  outD = d; outHp = hp; outPageHost = pageHost; outPageVa = pageVa; outN = n;
  return why;
}

@inline function sext32(v: i64): i64 { return <i64><i32>v; }

// Fast paths of loads and stores (funct3 a constant, so each handler has one width): a
// soft-TLB hit on an access that stays inside the page. The tag is compared with the page
// of the access's last byte: an access that crosses into the next page never matches.
@inline function lastByte(f3: u32): i64 { return (<i64>1 << (f3 & 3)) - 1; }
@inline function loadFast(hb: usize, d: usize, ctx: i64, f3: u32): bool {
  const addr = rs1(hb, d) + imm(d);
  const e = tlbAt(hb, B.ACC_LOAD, addr);
  if (load<i64>(e) != (((addr + lastByte(f3)) & ~0xfff) | ctx)) return false;
  setRd(hb, d, loadHost(<usize>(addr + load<i64>(e, 8)), f3));
  return true;
}
@inline function storeFast(hb: usize, d: usize, ctx: i64, f3: u32): bool {
  const addr = rs1(hb, d) + imm(d);
  const e = tlbAt(hb, B.ACC_STORE, addr);
  if (load<i64>(e) != (((addr + lastByte(f3)) & ~0xfff) | ctx)) return false;
  storeHost(<usize>(addr + load<i64>(e, 8)), f3, rs2(hb, d));
  return true;
}

/** Marks "no fast path" where execute() returns the next hp (always even). */
const SLOW: usize = 1;

/**
 * Executes the decoded instruction `d` at `hp` if it has a fast path; returns the host
 * address of the next instruction (pc = pageVa + (hp - pageHost), possibly off this page),
 * or SLOW with nothing changed.
 */
@inline function execute(hb: usize, d: usize, hp: usize, pageHost: usize, pageVa: i64, ctx: i64): usize {
  switch (load<u8>(d, SLOT_OP)) {
    case O.OP_ADDI: setRd(hb, d, rs1(hb, d) + imm(d)); return hp + len(d);
    case O.OP_SLLI: setRd(hb, d, rs1(hb, d) << imm(d)); return hp + len(d);
    case O.OP_SLTI: setRd(hb, d, rs1(hb, d) < imm(d) ? 1 : 0); return hp + len(d);
    case O.OP_SLTIU: setRd(hb, d, <u64>rs1(hb, d) < <u64>imm(d) ? 1 : 0); return hp + len(d);
    case O.OP_XORI: setRd(hb, d, rs1(hb, d) ^ imm(d)); return hp + len(d);
    case O.OP_SRLI: setRd(hb, d, <i64>(<u64>rs1(hb, d) >> <u64>imm(d))); return hp + len(d);
    case O.OP_SRAI: setRd(hb, d, rs1(hb, d) >> imm(d)); return hp + len(d);
    case O.OP_ORI: setRd(hb, d, rs1(hb, d) | imm(d)); return hp + len(d);
    case O.OP_ANDI: setRd(hb, d, rs1(hb, d) & imm(d)); return hp + len(d);
    case O.OP_ADD: setRd(hb, d, rs1(hb, d) + rs2(hb, d)); return hp + len(d);
    case O.OP_SUB: setRd(hb, d, rs1(hb, d) - rs2(hb, d)); return hp + len(d);
    case O.OP_SLL: setRd(hb, d, rs1(hb, d) << (rs2(hb, d) & 63)); return hp + len(d);
    case O.OP_SLT: setRd(hb, d, rs1(hb, d) < rs2(hb, d) ? 1 : 0); return hp + len(d);
    case O.OP_SLTU: setRd(hb, d, <u64>rs1(hb, d) < <u64>rs2(hb, d) ? 1 : 0); return hp + len(d);
    case O.OP_XOR: setRd(hb, d, rs1(hb, d) ^ rs2(hb, d)); return hp + len(d);
    case O.OP_SRL: setRd(hb, d, <i64>(<u64>rs1(hb, d) >> <u64>(rs2(hb, d) & 63))); return hp + len(d);
    case O.OP_SRA: setRd(hb, d, rs1(hb, d) >> (rs2(hb, d) & 63)); return hp + len(d);
    case O.OP_OR: setRd(hb, d, rs1(hb, d) | rs2(hb, d)); return hp + len(d);
    case O.OP_AND: setRd(hb, d, rs1(hb, d) & rs2(hb, d)); return hp + len(d);
    case O.OP_MUL: setRd(hb, d, rs1(hb, d) * rs2(hb, d)); return hp + len(d);
    case O.OP_MULH: setRd(hb, d, mulh(rs1(hb, d), rs2(hb, d))); return hp + len(d);
    case O.OP_MULHSU: setRd(hb, d, mulhsu(rs1(hb, d), rs2(hb, d))); return hp + len(d);
    case O.OP_MULHU: setRd(hb, d, mulhu(rs1(hb, d), rs2(hb, d))); return hp + len(d);
    case O.OP_DIV: setRd(hb, d, div(rs1(hb, d), rs2(hb, d))); return hp + len(d);
    case O.OP_DIVU: setRd(hb, d, divu(rs1(hb, d), rs2(hb, d))); return hp + len(d);
    case O.OP_REM: setRd(hb, d, rem(rs1(hb, d), rs2(hb, d))); return hp + len(d);
    case O.OP_REMU: setRd(hb, d, remu(rs1(hb, d), rs2(hb, d))); return hp + len(d);
    case O.OP_ADDIW: setRd(hb, d, sext32(rs1(hb, d) + imm(d))); return hp + len(d);
    case O.OP_SLLIW: setRd(hb, d, sext32(rs1(hb, d) << imm(d))); return hp + len(d);
    case O.OP_SRLIW: setRd(hb, d, <i64><i32>(<u32>rs1(hb, d) >> <u32>imm(d))); return hp + len(d);
    case O.OP_SRAIW: setRd(hb, d, <i64>(<i32>rs1(hb, d) >> <i32>imm(d))); return hp + len(d);
    case O.OP_ADDW: setRd(hb, d, sext32(rs1(hb, d) + rs2(hb, d))); return hp + len(d);
    case O.OP_SUBW: setRd(hb, d, sext32(rs1(hb, d) - rs2(hb, d))); return hp + len(d);
    case O.OP_SLLW: setRd(hb, d, sext32(rs1(hb, d) << (rs2(hb, d) & 31))); return hp + len(d);
    case O.OP_SRLW: setRd(hb, d, <i64><i32>(<u32>rs1(hb, d) >> <u32>(rs2(hb, d) & 31))); return hp + len(d);
    case O.OP_SRAW: setRd(hb, d, <i64>(<i32>rs1(hb, d) >> <i32>(rs2(hb, d) & 31))); return hp + len(d);
    case O.OP_MULW: setRd(hb, d, sext32(rs1(hb, d) * rs2(hb, d))); return hp + len(d);
    case O.OP_DIVW: setRd(hb, d, divw(rs1(hb, d), rs2(hb, d))); return hp + len(d);
    case O.OP_DIVUW: setRd(hb, d, divuw(rs1(hb, d), rs2(hb, d))); return hp + len(d);
    case O.OP_REMW: setRd(hb, d, remw(rs1(hb, d), rs2(hb, d))); return hp + len(d);
    case O.OP_REMUW: setRd(hb, d, remuw(rs1(hb, d), rs2(hb, d))); return hp + len(d);
    case O.OP_LOAD: return loadFast(hb, d, ctx, 0) ? hp + len(d) : SLOW;
    case O.OP_LOAD + 1: return loadFast(hb, d, ctx, 1) ? hp + len(d) : SLOW;
    case O.OP_LOAD + 2: return loadFast(hb, d, ctx, 2) ? hp + len(d) : SLOW;
    case O.OP_LOAD + 3: return loadFast(hb, d, ctx, 3) ? hp + len(d) : SLOW;
    case O.OP_LOAD + 4: return loadFast(hb, d, ctx, 4) ? hp + len(d) : SLOW;
    case O.OP_LOAD + 5: return loadFast(hb, d, ctx, 5) ? hp + len(d) : SLOW;
    case O.OP_LOAD + 6: return loadFast(hb, d, ctx, 6) ? hp + len(d) : SLOW;
    case O.OP_STORE: return storeFast(hb, d, ctx, 0) ? hp + len(d) : SLOW;
    case O.OP_STORE + 1: return storeFast(hb, d, ctx, 1) ? hp + len(d) : SLOW;
    case O.OP_STORE + 2: return storeFast(hb, d, ctx, 2) ? hp + len(d) : SLOW;
    case O.OP_STORE + 3: return storeFast(hb, d, ctx, 3) ? hp + len(d) : SLOW;
    case O.OP_BRANCH: return hp + (rs1(hb, d) == rs2(hb, d) ? disp(d) : len(d));
    case O.OP_BRANCH + 1: return hp + (rs1(hb, d) != rs2(hb, d) ? disp(d) : len(d));
    case O.OP_BRANCH + 4: return hp + (rs1(hb, d) < rs2(hb, d) ? disp(d) : len(d));
    case O.OP_BRANCH + 5: return hp + (rs1(hb, d) >= rs2(hb, d) ? disp(d) : len(d));
    case O.OP_BRANCH + 6: return hp + (<u64>rs1(hb, d) < <u64>rs2(hb, d) ? disp(d) : len(d));
    case O.OP_BRANCH + 7: return hp + (<u64>rs1(hb, d) >= <u64>rs2(hb, d) ? disp(d) : len(d));
    case O.OP_LUI: setRd(hb, d, imm(d)); return hp + len(d);
    case O.OP_AUIPC: setRd(hb, d, pcOf(pageVa, pageHost, hp) + imm(d)); return hp + len(d);
    case O.OP_JAL: setRd(hb, d, pcOf(pageVa, pageHost, hp) + <i64>len(d)); return hp + disp(d);
    case O.OP_JALR: {
      // The target as a displacement from this page; a jump too far for that takes the slow path.
      const delta = ((rs1(hb, d) + imm(d)) & ~1) - pageVa;
      if (delta != <i64><i32>delta) return SLOW;
      setRd(hb, d, pcOf(pageVa, pageHost, hp) + <i64>len(d));
      return pageHost + <usize>delta;
    }
    case O.OP_FENCE: return hp + len(d);
    default: return SLOW; // SYSTEM, AMO, illegal
  }
}

/**
 * Runs from the decoded instruction `d` at host address `hp` (pc = pageVa + hp - pageHost)
 * for at most `n` instructions under TLB context `ctx`.
 */
export function hotLoop(hb: usize, d: usize, hp: usize, pageHost: usize, pageVa: i64, n: i32, ctx: i64): i32 {
  const cache = hb + HB_DECODE;
  // The loop body is one step written twice (unrolled): half the loop overhead per
  // instruction and two dispatch sites, measured 4-10% faster than a single step.
  for (;;) {
    {
      n--;
      const next = execute(hb, d, hp, pageHost, pageVa, ctx);
      if (next == SLOW) return leave(R_SLOW, d, hp, pageHost, pageVa, n);
      hp = next;
      if (n <= 0) break;
      const off = hp - pageHost;
      if (off >= 0xffe) {
        const pc = pageVa + <i64><i32>off;
        if ((pc & 0xfff) == 0xffe) break;
        const e = tlbAt(hb, B.ACC_FETCH, pc);
        if (load<i64>(e) != ((pc & ~0xfff) | ctx)) break;
        pageVa = pc & ~0xfff;
        pageHost = <usize>(pageVa + load<i64>(e, 8));
        hp = pageHost + <usize>(pc & 0xfff);
      }
      const word = load<u32>(hp);
      d = cache + ((hp & ((DECODE_SLOTS - 1) << 1)) << 3);
      if (load<u32>(d, SLOT_KEY) != word) break;
    }
    {
      n--;
      const next = execute(hb, d, hp, pageHost, pageVa, ctx);
      if (next == SLOW) return leave(R_SLOW, d, hp, pageHost, pageVa, n);
      hp = next;
      if (n <= 0) break;
      const off = hp - pageHost;
      if (off >= 0xffe) {
        const pc = pageVa + <i64><i32>off;
        if ((pc & 0xfff) == 0xffe) break;
        const e = tlbAt(hb, B.ACC_FETCH, pc);
        if (load<i64>(e) != ((pc & ~0xfff) | ctx)) break;
        pageVa = pc & ~0xfff;
        pageHost = <usize>(pageVa + load<i64>(e, 8));
        hp = pageHost + <usize>(pc & 0xfff);
      }
      const word = load<u32>(hp);
      d = cache + ((hp & ((DECODE_SLOTS - 1) << 1)) << 3);
      if (load<u32>(d, SLOT_KEY) != word) break;
    }
  }
  return leave(R_NEXT, d, hp, pageHost, pageVa, n);
}
