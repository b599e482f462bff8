// The decode cache: each hart keeps DECODE_SLOTS predecoded instructions in its block,
// direct-mapped by the wasm address of the instruction. A slot holds the 32 bits it was
// decoded from; the interpreter compares them with the bits it fetched, and a mismatch
// re-decodes. Decoding is a pure function of those bits (pc-relative immediates are kept
// relative), so a slot can never be stale: stores by any hart, by the TypeScript side or by
// a device need no invalidation, and fence.i has nothing to do.
//
// Slot layout (16 bytes): the key, the handler number (ops.ts), the length, the byte offsets
// of rd/rs1/rs2 in the hart block (rd = x0 points at a sink word, so handlers never need to
// re-zero x0), and the immediate (SYSTEM and AMO: the whole expanded instruction).
import { HB_X0_SINK } from '../block-layout';
import * as O from './ops';
import { expandRvc } from './rvc';

export const SLOT_KEY = 0; // u32: the instruction bits as fetched (a 32-bit load, even for RVC)
export const SLOT_OP = 4; // u8
export const SLOT_LEN = 5; // u8: 2 or 4
export const SLOT_RD = 6; // u16: byte offset of rd's register slot
export const SLOT_RS1 = 8; // u16
export const SLOT_RS2 = 10; // u16
export const SLOT_IMM = 12; // i32, sign-extended on use

@inline function bImm(insn: u32): i32 {
  return ((<i32>(insn & 0x80000000) >> 19)) | <i32>((insn & 0x80) << 4) | <i32>((insn >> 20) & 0x7e0) | <i32>((insn >> 7) & 0x1e);
}
@inline function jImm(insn: u32): i32 {
  return ((<i32>(insn & 0x80000000) >> 11)) | <i32>((insn >> 20) & 0x7fe) | <i32>((insn >> 9) & 0x800) | <i32>(insn & 0xff000);
}
@inline function sImm(insn: u32): i32 { return (<i32>(insn & 0xfe000000) >> 20) | <i32>((insn >> 7) & 31); }

// funct3 order of OP-IMM and OP (funct7 = 0); funct3 5 of OP-IMM is resolved by the caller.
function opImmOp(f3: u32): u8 {
  switch (f3) {
    case 0: return O.OP_ADDI; case 1: return O.OP_SLLI; case 2: return O.OP_SLTI; case 3: return O.OP_SLTIU;
    case 4: return O.OP_XORI; case 6: return O.OP_ORI; default: return O.OP_ANDI;
  }
}
function opOp(f3: u32): u8 {
  switch (f3) {
    case 0: return O.OP_ADD; case 1: return O.OP_SLL; case 2: return O.OP_SLT; case 3: return O.OP_SLTU;
    case 4: return O.OP_XOR; case 5: return O.OP_SRL; case 6: return O.OP_OR; default: return O.OP_AND;
  }
}

/** Handler and immediate of a 32-bit (or expanded) instruction; the immediate goes to `slot`. */
function decodeOp(slot: usize, insn: u32): u8 {
  const f3 = (insn >> 12) & 7;
  const f7 = insn >>> 25;
  const iImm = <i32>insn >> 20;
  store<i32>(slot, iImm, SLOT_IMM);
  switch ((insn >> 2) & 31) { // major opcode (bits 1:0 are 11 for every expanded instruction)
    case 0x04: { // OP-IMM
      if (f3 == 1) { if ((insn >>> 26) != 0) return O.OP_ILLEGAL; store<i32>(slot, iImm & 63, SLOT_IMM); }
      if (f3 == 5) {
        if (((insn >>> 26) & 0x2f) != 0) return O.OP_ILLEGAL;
        store<i32>(slot, iImm & 63, SLOT_IMM);
        return (insn & 0x40000000) != 0 ? O.OP_SRAI : O.OP_SRLI;
      }
      return opImmOp(f3);
    }
    case 0x0c: { // OP
      if (f7 == 0) return opOp(f3);
      if (f7 == 1) return O.OP_MUL + <u8>f3;
      if (f7 == 0x20 && f3 == 0) return O.OP_SUB;
      if (f7 == 0x20 && f3 == 5) return O.OP_SRA;
      return O.OP_ILLEGAL;
    }
    case 0x06: { // OP-IMM-32
      const shamt = (insn >> 20) & 31;
      if (f3 == 0) return O.OP_ADDIW;
      store<i32>(slot, <i32>shamt, SLOT_IMM);
      if (f3 == 1 && f7 == 0) return O.OP_SLLIW;
      if (f3 == 5 && f7 == 0) return O.OP_SRLIW;
      if (f3 == 5 && f7 == 0x20) return O.OP_SRAIW;
      return O.OP_ILLEGAL;
    }
    case 0x0e: { // OP-32
      if (f7 == 0 && f3 == 0) return O.OP_ADDW;
      if (f7 == 0x20 && f3 == 0) return O.OP_SUBW;
      if (f7 == 0 && f3 == 1) return O.OP_SLLW;
      if (f7 == 0 && f3 == 5) return O.OP_SRLW;
      if (f7 == 0x20 && f3 == 5) return O.OP_SRAW;
      if (f7 == 1) {
        if (f3 == 0) return O.OP_MULW;
        if (f3 >= 4) return O.OP_DIVW + <u8>(f3 - 4);
      }
      return O.OP_ILLEGAL;
    }
    case 0x00: return f3 == 7 ? O.OP_ILLEGAL : O.OP_LOAD + <u8>f3; // LOAD
    case 0x08: { // STORE
      store<i32>(slot, sImm(insn), SLOT_IMM);
      return f3 >= 4 ? O.OP_ILLEGAL : O.OP_STORE + <u8>f3;
    }
    case 0x18: { // BRANCH
      store<i32>(slot, bImm(insn), SLOT_IMM);
      return f3 == 2 || f3 == 3 ? O.OP_ILLEGAL : O.OP_BRANCH + <u8>f3;
    }
    case 0x0d: store<i32>(slot, <i32>(insn & 0xfffff000), SLOT_IMM); return O.OP_LUI;
    case 0x05: store<i32>(slot, <i32>(insn & 0xfffff000), SLOT_IMM); return O.OP_AUIPC;
    case 0x1b: store<i32>(slot, jImm(insn), SLOT_IMM); return O.OP_JAL;
    case 0x19: return f3 != 0 ? O.OP_ILLEGAL : O.OP_JALR;
    case 0x03: return f3 > 1 ? O.OP_ILLEGAL : O.OP_FENCE; // MISC-MEM
    case 0x1c: store<i32>(slot, <i32>insn, SLOT_IMM); return O.OP_SYSTEM;
    case 0x0b: store<i32>(slot, <i32>insn, SLOT_IMM); return O.OP_AMO;
    default: return O.OP_ILLEGAL;
  }
}

/** Fills `slot` with the decoded form of `word` (the bits at the instruction's address). */
export function decodeInto(slot: usize, word: u32): void {
  const compressed = (word & 3) != 3;
  const insn = compressed ? expandRvc(word & 0xffff) : word;
  const rd = (insn >> 7) & 31;
  store<u16>(slot, rd == 0 ? HB_X0_SINK : <u16>(rd << 3), SLOT_RD);
  store<u16>(slot, <u16>(((insn >> 15) & 31) << 3), SLOT_RS1);
  store<u16>(slot, <u16>(((insn >> 20) & 31) << 3), SLOT_RS2);
  store<u8>(slot, compressed ? 2 : 4, SLOT_LEN);
  store<u8>(slot, decodeOp(slot, insn), SLOT_OP);
  store<u32>(slot, word, SLOT_KEY);
}

/** The instruction bits as fetched (16 for RVC) and the length, from a slot's key. */
@inline export function slotRaw(slot: usize): u32 {
  const k = load<u32>(slot, SLOT_KEY);
  return (k & 3) == 3 ? k : k & 0xffff;
}
@inline export function slotLen(slot: usize): i32 { return (load<u32>(slot, SLOT_KEY) & 3) == 3 ? 4 : 2; }
/** Register number of rd (the sink reads as x0). */
@inline export function slotRd(slot: usize): u32 {
  const off = <u32>load<u16>(slot, SLOT_RD);
  return off == HB_X0_SINK ? 0 : off >> 3;
}
