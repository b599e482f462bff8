// RV64C: every compressed instruction expands to its 32-bit equivalent, which decode.ts then
// decodes (the result lives in the decode cache). RVC_ILLEGAL marks reserved encodings.

export const RVC_ILLEGAL: u32 = 0xffffffff; // major opcode 31: reserved, so it decodes as illegal

@inline function bits(h: u32, hi: u32, lo: u32): u32 { return (h >> lo) & ((1 << (hi - lo + 1)) - 1); }
@inline function bit(h: u32, b: u32, to: u32): u32 { return ((h >> b) & 1) << to; }

function iType(op: u32, f3: u32, rd: u32, rs1: u32, imm: i32): u32 {
  return ((<u32>imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}
function sType(op: u32, f3: u32, rs1: u32, rs2: u32, imm: i32): u32 {
  const u = <u32>imm;
  return (((u >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((u & 0x1f) << 7) | op;
}
function rType(op: u32, f3: u32, f7: u32, rd: u32, rs1: u32, rs2: u32): u32 {
  return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}
function bType(f3: u32, rs1: u32, rs2: u32, imm: i32): u32 {
  const u = <u32>imm;
  return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12)
    | (((u >> 1) & 0xf) << 8) | (((u >> 11) & 1) << 7) | 0x63;
}
function jType(rd: u32, imm: i32): u32 {
  const u = <u32>imm;
  return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) | (((u >> 11) & 1) << 20)
    | (((u >> 12) & 0xff) << 12) | (rd << 7) | 0x6f;
}
@inline function sext(v: u32, width: u32): i32 { return (<i32>(v << (32 - width))) >> (32 - width); }

// Immediates of the forms that share a layout.
@inline function ciImm(h: u32): i32 { return sext(bit(h, 12, 5) | bits(h, 6, 2), 6); }
@inline function ciShamt(h: u32): u32 { return bit(h, 12, 5) | bits(h, 6, 2); }
function cjImm(h: u32): i32 {
  return sext(bit(h, 12, 11) | bit(h, 11, 4) | (bits(h, 10, 9) << 8) | bit(h, 8, 10) | bit(h, 7, 6)
    | bit(h, 6, 7) | (bits(h, 5, 3) << 1) | bit(h, 2, 5), 12);
}
function cbImm(h: u32): i32 {
  return sext(bit(h, 12, 8) | (bits(h, 11, 10) << 3) | (bits(h, 6, 5) << 6) | (bits(h, 4, 3) << 1) | bit(h, 2, 5), 9);
}

function quadrant0(h: u32): u32 {
  const rdp = 8 + bits(h, 4, 2);
  const rs1p = 8 + bits(h, 9, 7);
  const lwImm = (bits(h, 12, 10) << 3) | bit(h, 6, 2) | bit(h, 5, 6);
  const ldImm = (bits(h, 12, 10) << 3) | (bits(h, 6, 5) << 6);
  switch (bits(h, 15, 13)) {
    case 0: { // C.ADDI4SPN
      const imm = (bits(h, 12, 11) << 4) | (bits(h, 10, 7) << 6) | bit(h, 6, 2) | bit(h, 5, 3);
      return imm == 0 ? RVC_ILLEGAL : iType(0x13, 0, rdp, 2, imm);
    }
    case 2: return iType(0x03, 2, rdp, rs1p, lwImm); // C.LW
    case 3: return iType(0x03, 3, rdp, rs1p, ldImm); // C.LD
    case 6: return sType(0x23, 2, rs1p, rdp, lwImm); // C.SW
    case 7: return sType(0x23, 3, rs1p, rdp, ldImm); // C.SD
    default: return RVC_ILLEGAL; // C.FLD, C.FSD (no D), reserved
  }
}

function quadrant1(h: u32): u32 {
  const rd = bits(h, 11, 7);
  const rdp = 8 + bits(h, 9, 7);
  const rs2p = 8 + bits(h, 4, 2);
  switch (bits(h, 15, 13)) {
    case 0: return iType(0x13, 0, rd, rd, ciImm(h)); // C.ADDI / C.NOP
    case 1: return rd == 0 ? RVC_ILLEGAL : iType(0x1b, 0, rd, rd, ciImm(h)); // C.ADDIW
    case 2: return iType(0x13, 0, rd, 0, ciImm(h)); // C.LI
    case 3: {
      if (rd == 2) { // C.ADDI16SP
        const imm = sext(bit(h, 12, 9) | bit(h, 6, 4) | bit(h, 5, 6) | (bits(h, 4, 3) << 7) | bit(h, 2, 5), 10);
        return imm == 0 ? RVC_ILLEGAL : iType(0x13, 0, 2, 2, imm);
      }
      const imm = sext((bit(h, 12, 5) | bits(h, 6, 2)) << 12, 18); // C.LUI
      return imm == 0 ? RVC_ILLEGAL : ((<u32>imm & 0xfffff000) | (rd << 7) | 0x37);
    }
    case 4: {
      switch (bits(h, 11, 10)) {
        case 0: return iType(0x13, 5, rdp, rdp, <i32>ciShamt(h)); // C.SRLI
        case 1: return iType(0x13, 5, rdp, rdp, <i32>(ciShamt(h) | 0x400)); // C.SRAI
        case 2: return iType(0x13, 7, rdp, rdp, ciImm(h)); // C.ANDI
        default: {
          const f = bits(h, 6, 5);
          if (bit(h, 12, 0) == 0) {
            if (f == 0) return rType(0x33, 0, 0x20, rdp, rdp, rs2p); // C.SUB
            if (f == 1) return rType(0x33, 4, 0, rdp, rdp, rs2p); // C.XOR
            if (f == 2) return rType(0x33, 6, 0, rdp, rdp, rs2p); // C.OR
            return rType(0x33, 7, 0, rdp, rdp, rs2p); // C.AND
          }
          if (f == 0) return rType(0x3b, 0, 0x20, rdp, rdp, rs2p); // C.SUBW
          if (f == 1) return rType(0x3b, 0, 0, rdp, rdp, rs2p); // C.ADDW
          return RVC_ILLEGAL;
        }
      }
    }
    case 5: return jType(0, cjImm(h)); // C.J
    case 6: return bType(0, rdp, 0, cbImm(h)); // C.BEQZ
    default: return bType(1, rdp, 0, cbImm(h)); // C.BNEZ
  }
}

function quadrant2(h: u32): u32 {
  const rd = bits(h, 11, 7);
  const rs2 = bits(h, 6, 2);
  switch (bits(h, 15, 13)) {
    case 0: return iType(0x13, 1, rd, rd, <i32>ciShamt(h)); // C.SLLI
    case 2: { // C.LWSP
      const imm = bit(h, 12, 5) | (bits(h, 6, 4) << 2) | (bits(h, 3, 2) << 6);
      return rd == 0 ? RVC_ILLEGAL : iType(0x03, 2, rd, 2, imm);
    }
    case 3: { // C.LDSP
      const imm = bit(h, 12, 5) | (bits(h, 6, 5) << 3) | (bits(h, 4, 2) << 6);
      return rd == 0 ? RVC_ILLEGAL : iType(0x03, 3, rd, 2, imm);
    }
    case 4: {
      if (bit(h, 12, 0) == 0) {
        if (rs2 == 0) return rd == 0 ? RVC_ILLEGAL : iType(0x67, 0, 0, rd, 0); // C.JR
        return rType(0x33, 0, 0, rd, 0, rs2); // C.MV
      }
      if (rs2 == 0) {
        if (rd == 0) return 0x00100073; // C.EBREAK
        return iType(0x67, 0, 1, rd, 0); // C.JALR
      }
      return rType(0x33, 0, 0, rd, rd, rs2); // C.ADD
    }
    case 6: return sType(0x23, 2, 2, rs2, (bits(h, 12, 9) << 2) | (bits(h, 8, 7) << 6)); // C.SWSP
    case 7: return sType(0x23, 3, 2, rs2, (bits(h, 12, 10) << 3) | (bits(h, 9, 7) << 6)); // C.SDSP
    default: return RVC_ILLEGAL; // C.FLDSP, C.FSDSP
  }
}

/** The 32-bit form of a compressed instruction, or RVC_ILLEGAL. */
export function expandRvc(h: u32): u32 {
  const q = h & 3;
  if (q == 0) return quadrant0(h);
  if (q == 1) return quadrant1(h);
  return quadrant2(h);
}
