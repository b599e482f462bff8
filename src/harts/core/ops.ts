// Dense handler numbers of the predecoded instruction forms (decode.ts writes them, the
// interpreter's switch dispatches on them with one br_table). Loads, stores and branches
// keep funct3 order, so OP_LOAD + funct3 is that load and funct3 = op - OP_LOAD.
export const OP_ILLEGAL: u8 = 0; // also what an all-zero (never filled) slot decodes to

export const OP_ADDI: u8 = 1;
export const OP_SLLI: u8 = 2;
export const OP_SLTI: u8 = 3;
export const OP_SLTIU: u8 = 4;
export const OP_XORI: u8 = 5;
export const OP_SRLI: u8 = 6;
export const OP_SRAI: u8 = 7;
export const OP_ORI: u8 = 8;
export const OP_ANDI: u8 = 9;

export const OP_ADD: u8 = 10;
export const OP_SUB: u8 = 11;
export const OP_SLL: u8 = 12;
export const OP_SLT: u8 = 13;
export const OP_SLTU: u8 = 14;
export const OP_XOR: u8 = 15;
export const OP_SRL: u8 = 16;
export const OP_SRA: u8 = 17;
export const OP_OR: u8 = 18;
export const OP_AND: u8 = 19;

export const OP_MUL: u8 = 20;
export const OP_MULH: u8 = 21;
export const OP_MULHSU: u8 = 22;
export const OP_MULHU: u8 = 23;
export const OP_DIV: u8 = 24;
export const OP_DIVU: u8 = 25;
export const OP_REM: u8 = 26;
export const OP_REMU: u8 = 27;

export const OP_ADDIW: u8 = 28;
export const OP_SLLIW: u8 = 29;
export const OP_SRLIW: u8 = 30;
export const OP_SRAIW: u8 = 31;
export const OP_ADDW: u8 = 32;
export const OP_SUBW: u8 = 33;
export const OP_SLLW: u8 = 34;
export const OP_SRLW: u8 = 35;
export const OP_SRAW: u8 = 36;
export const OP_MULW: u8 = 37;
export const OP_DIVW: u8 = 38;
export const OP_DIVUW: u8 = 39;
export const OP_REMW: u8 = 40;
export const OP_REMUW: u8 = 41;

/** LB LH LW LD LBU LHU LWU at OP_LOAD + funct3 (funct3 7 is illegal). */
export const OP_LOAD: u8 = 42;
/** SB SH SW SD at OP_STORE + funct3. */
export const OP_STORE: u8 = 49;
/** BEQ BNE - - BLT BGE BLTU BGEU at OP_BRANCH + funct3 (2 and 3 are illegal). */
export const OP_BRANCH: u8 = 53;

export const OP_LUI: u8 = 61;
export const OP_AUIPC: u8 = 62;
export const OP_JAL: u8 = 63;
export const OP_JALR: u8 = 64;
/** fence and fence.i: no-ops (wasm atomics are sequentially consistent; the decode cache checks the bits it decoded). */
export const OP_FENCE: u8 = 65;
/** SYSTEM and AMO: executed from the instruction bits by system.ts / memory.ts. */
export const OP_SYSTEM: u8 = 66;
export const OP_AMO: u8 = 67;
