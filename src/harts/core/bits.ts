// Architectural constants: CSR numbers, status bits, causes, PTE bits.

// mstatus / sstatus / vsstatus
export const SIE: i64 = 1 << 1;
export const MIE: i64 = 1 << 3;
export const SPIE: i64 = 1 << 5;
export const MPIE: i64 = 1 << 7;
export const SPP: i64 = 1 << 8;
export const MPP_SHIFT: i64 = 11;
export const MPP: i64 = 3 << 11;
export const MPRV: i64 = 1 << 17;
export const SUM: i64 = 1 << 18;
export const MXR: i64 = 1 << 19;
export const TVM: i64 = 1 << 20;
export const TW: i64 = 1 << 21;
export const TSR: i64 = 1 << 22;
export const XL64: i64 = 2; // UXL/SXL/VSXL encoding of 64-bit
export const UXL: i64 = XL64 << 32;
export const SXL: i64 = XL64 << 34;
export const GVA: i64 = 1 << 38;
export const MPV: i64 = 1 << 39;

// hstatus
export const HS_GVA: i64 = 1 << 6;
export const HS_SPV: i64 = 1 << 7;
export const HS_SPVP: i64 = 1 << 8;
export const HS_HU: i64 = 1 << 9;
export const HS_VTVM: i64 = 1 << 20;
export const HS_VTW: i64 = 1 << 21;
export const HS_VTSR: i64 = 1 << 22;
export const HS_VSXL: i64 = XL64 << 32;

// interrupt bits (mip/mie)
export const SSIP: i64 = 1 << 1;
export const VSSIP: i64 = 1 << 2;
export const MSIP: i64 = 1 << 3;
export const STIP: i64 = 1 << 5;
export const VSTIP: i64 = 1 << 6;
export const MTIP: i64 = 1 << 7;
export const SEIP: i64 = 1 << 9;
export const VSEIP: i64 = 1 << 10;
export const MEIP: i64 = 1 << 11;
export const S_INTS: i64 = SSIP | STIP | SEIP;
export const VS_INTS: i64 = VSSIP | VSTIP | VSEIP;
export const ALL_INTS: i64 = S_INTS | VS_INTS | MSIP | MTIP | MEIP;

// envcfg
export const STCE: i64 = 1 << 63;
export const FIOM: i64 = 1;

// misa: RV64 I M A C S U H
export const MISA: i64 = (2 << 62) | (1 << 0) | (1 << 2) | (1 << 7) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20);

// exception causes
export const CAUSE_FETCH_MISALIGNED: i64 = 0;
export const CAUSE_FETCH_ACCESS: i64 = 1;
export const CAUSE_ILLEGAL: i64 = 2;
export const CAUSE_BREAKPOINT: i64 = 3;
export const CAUSE_LOAD_MISALIGNED: i64 = 4;
export const CAUSE_LOAD_ACCESS: i64 = 5;
export const CAUSE_STORE_MISALIGNED: i64 = 6;
export const CAUSE_STORE_ACCESS: i64 = 7;
export const CAUSE_ECALL_U: i64 = 8;
export const CAUSE_ECALL_S: i64 = 9;
export const CAUSE_ECALL_VS: i64 = 10;
export const CAUSE_ECALL_M: i64 = 11;
export const CAUSE_FETCH_PAGE: i64 = 12;
export const CAUSE_LOAD_PAGE: i64 = 13;
export const CAUSE_STORE_PAGE: i64 = 15;
export const CAUSE_FETCH_GUEST_PAGE: i64 = 20;
export const CAUSE_LOAD_GUEST_PAGE: i64 = 21;
export const CAUSE_VIRTUAL_INSTRUCTION: i64 = 22;
export const CAUSE_STORE_GUEST_PAGE: i64 = 23;
export const INTERRUPT: i64 = 1 << 63;

// PTE bits
export const PTE_V: i64 = 1;
export const PTE_R: i64 = 2;
export const PTE_W: i64 = 4;
export const PTE_X: i64 = 8;
export const PTE_U: i64 = 16;
export const PTE_A: i64 = 64;
export const PTE_D: i64 = 128;

// access kinds (also the TLB index)
export const ACC_FETCH: i32 = 0;
export const ACC_LOAD: i32 = 1;
export const ACC_STORE: i32 = 2;

// CSR numbers
export const CSR_SSTATUS = 0x100;
export const CSR_SIE = 0x104;
export const CSR_STVEC = 0x105;
export const CSR_SCOUNTEREN = 0x106;
export const CSR_SENVCFG = 0x10a;
export const CSR_SSCRATCH = 0x140;
export const CSR_SEPC = 0x141;
export const CSR_SCAUSE = 0x142;
export const CSR_STVAL = 0x143;
export const CSR_SIP = 0x144;
export const CSR_STIMECMP = 0x14d;
export const CSR_SATP = 0x180;
export const CSR_VSSTATUS = 0x200;
export const CSR_VSIE = 0x204;
export const CSR_VSTVEC = 0x205;
export const CSR_VSSCRATCH = 0x240;
export const CSR_VSEPC = 0x241;
export const CSR_VSCAUSE = 0x242;
export const CSR_VSTVAL = 0x243;
export const CSR_VSIP = 0x244;
export const CSR_VSTIMECMP = 0x24d;
export const CSR_VSATP = 0x280;
export const CSR_MSTATUS = 0x300;
export const CSR_MISA = 0x301;
export const CSR_MEDELEG = 0x302;
export const CSR_MIDELEG = 0x303;
export const CSR_MIE = 0x304;
export const CSR_MTVEC = 0x305;
export const CSR_MCOUNTEREN = 0x306;
export const CSR_MENVCFG = 0x30a;
export const CSR_MCOUNTINHIBIT = 0x320;
export const CSR_MSCRATCH = 0x340;
export const CSR_MEPC = 0x341;
export const CSR_MCAUSE = 0x342;
export const CSR_MTVAL = 0x343;
export const CSR_MIP = 0x344;
export const CSR_MTINST = 0x34a;
export const CSR_MTVAL2 = 0x34b;
export const CSR_HSTATUS = 0x600;
export const CSR_HEDELEG = 0x602;
export const CSR_HIDELEG = 0x603;
export const CSR_HIE = 0x604;
export const CSR_HTIMEDELTA = 0x605;
export const CSR_HCOUNTEREN = 0x606;
export const CSR_HGEIE = 0x607;
export const CSR_HENVCFG = 0x60a;
export const CSR_HTVAL = 0x643;
export const CSR_HIP = 0x644;
export const CSR_HVIP = 0x645;
export const CSR_HTINST = 0x64a;
export const CSR_HGATP = 0x680;
export const CSR_HGEIP = 0xe12;
export const CSR_MCYCLE = 0xb00;
export const CSR_MINSTRET = 0xb02;
export const CSR_CYCLE = 0xc00;
export const CSR_TIME = 0xc01;
export const CSR_INSTRET = 0xc02;
export const CSR_MVENDORID = 0xf11;
export const CSR_MARCHID = 0xf12;
export const CSR_MIMPID = 0xf13;
export const CSR_MHARTID = 0xf14;
export const CSR_MCONFIGPTR = 0xf15;
export const CSR_TSELECT = 0x7a0;
export const CSR_TINFO = 0x7a4;
