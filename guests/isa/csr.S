/* Zicsr and the machine/supervisor CSRs: the six CSR instructions (old value, set, clear,
   immediate forms, no write with rs1 = x0), read-only CSRs, WARL fields (mepc/sepc bit 0,
   medeleg[11], mtvec mode, satp mode), sstatus/sie/sip as views of mstatus/mie/mip,
   read-only mip bits, PMP and counter CSRs that exist, and the illegal-instruction trap for
   CSRs that do not exist, are read-only, or belong to a higher privilege. */
#include "xenrv_test.h"

/* Case n: write `value` to `csr`, read back `(read & mask) == expected`. */
#define TEST_CSR_WR(n, csr, value, mask, expected)                          \
  TEST_CASE(n, a4, expected, li a1, value; csrw csr, a1; csrr a4, csr; li a2, mask; and a4, a4, a2)

/* Case n: `csr` can be read and written (back with its own value) without a trap. */
#define TEST_CSR_EXISTS(n, csr)                                             \
  li gp, n;                                                                 \
  csrr a1, csr;                                                             \
  csrw csr, a1

TEST_BEGIN
  csrr s9, mscratch                                         /* the env's trap save areas */
  csrr s10, sscratch
  /* ---- CSR instruction semantics on mscratch ---- */
  TEST_CASE(1, a4, 0x1111, li a1, 0x1111; csrw mscratch, a1; li a1, 0x2222; csrrw a4, mscratch, a1)
  TEST_CASE(2, a4, 0x2222, csrr a4, mscratch)
  TEST_CASE(3, a4, 0x2222, li a1, 0xf000; csrrs a4, mscratch, a1)
  TEST_CASE(4, a4, 0xf222, csrr a4, mscratch)
  TEST_CASE(5, a4, 0xf222, li a1, 0x0202; csrrc a4, mscratch, a1)
  TEST_CASE(6, a4, 0xf020, csrr a4, mscratch)
  TEST_CASE(7, a4, 0xf020, csrrwi a4, mscratch, 0x1f)
  TEST_CASE(8, a4, 0x001f, csrrsi a4, mscratch, 0x0)        /* uimm 0: no write */
  TEST_CASE(9, a4, 0x001f, csrrci a4, mscratch, 0x05)
  TEST_CASE(10, a4, 0x001a, csrrsi a4, mscratch, 0x10)
  TEST_CASE(11, a4, 0x001a, csrr a4, mscratch)
  TEST_CASE(12, a4, 0x8000000000000000, li a1, 0x8000000000000000; csrw mscratch, a1; csrrc a4, mscratch, x0)
  TEST_CASE(13, a4, 0x8000000000000000, csrr a4, mscratch)
  /* rd = rs1: the old value is read before the register is written */
  TEST_CASE(14, a1, 0x8000000000000000, li a1, 7; csrrw a1, mscratch, a1)
  TEST_CASE(15, a4, 7, csrr a4, mscratch)
  csrw mscratch, s9

  /* ---- machine information registers ---- */
  TEST_CASE(20, a4, 0, csrr a4, mhartid)
  li gp, 21
  csrr a1, mvendorid
  csrr a1, marchid
  csrr a1, mimpid
  csrr a1, mconfigptr
  TEST_TRAP(22, CAUSE_ILLEGAL_INSTRUCTION, csrw mvendorid, zero)
  TEST_TRAP(23, CAUSE_ILLEGAL_INSTRUCTION, csrrwi a1, mhartid, 0)
  TEST_TRAP(24, CAUSE_ILLEGAL_INSTRUCTION, li a1, 1; csrrs a1, mimpid, a1)
  /* reading a read-only CSR with csrrs/csrrc x0 or a zero uimm is no write */
  li gp, 25
  csrrs a1, mhartid, x0
  csrrci a1, marchid, 0

  /* misa: RV64 with I, M, A, C, S and U */
  li gp, 26
  csrr a1, misa
  srli a2, a1, 62
  li t6, 2
  bne a2, t6, fail
  li t6, (1 << 8) | (1 << 12) | (1 << 0) | (1 << 2) | (1 << 18) | (1 << 20)
  and a2, a1, t6
  bne a2, t6, fail

  /* ---- mstatus ---- */
  li gp, 30
  csrr a1, mstatus
  li t6, MSTATUS_UXL | MSTATUS_SXL
  and a2, a1, t6
  li t6, (2 << 32) | (2 << 34)                              /* UXL = SXL = 64 */
  bne a2, t6, fail
  TEST_CASE(31, a4, MSTATUS_MPP_S, li a1, MSTATUS_MPP; csrc mstatus, a1; li a1, MSTATUS_MPP_S; csrs mstatus, a1; csrr a4, mstatus; li a1, MSTATUS_MPP; and a4, a4, a1)
  TEST_CASE(32, a4, MSTATUS_SUM | MSTATUS_MXR | MSTATUS_MPRV | MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE | MSTATUS_MPIE, \
    li a1, MSTATUS_SUM | MSTATUS_MXR | MSTATUS_MPRV | MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE | MSTATUS_MPIE; \
    csrs mstatus, a1; csrr a4, mstatus; and a4, a4, a1)
  TEST_CASE(33, a4, MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR, li a1, MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR; csrs mstatus, a1; csrr a4, mstatus; and a4, a4, a1)
  li a1, MSTATUS_SUM | MSTATUS_MXR | MSTATUS_MPRV | MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE | MSTATUS_MPIE | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
  csrc mstatus, a1

  /* sstatus is a view of mstatus: S fields shared, M fields invisible and unwritable */
  TEST_CASE(34, a4, MSTATUS_SPP | MSTATUS_SUM, li a1, MSTATUS_SPP | MSTATUS_SUM; csrs sstatus, a1; csrr a4, mstatus; and a4, a4, a1)
  TEST_CASE(35, a4, 0, li a1, MSTATUS_MPIE | MSTATUS_MIE; csrs mstatus, a1; csrr a4, sstatus; and a4, a4, a1)
  TEST_CASE(36, a4, MSTATUS_MPP_S, li a1, MSTATUS_MPP; csrc sstatus, a1; csrr a4, mstatus; and a4, a4, a1)
  TEST_CASE(37, a4, 0, csrr a4, sstatus; li a1, MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM; and a4, a4, a1)
  li a1, MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MPIE | MSTATUS_MIE
  csrc mstatus, a1

  /* ---- trap setup ---- */
  TEST_CSR_WR(41, medeleg, -1, (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_USER_ECALL) | (1 << CAUSE_FETCH_PAGE_FAULT) | (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT), \
    (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_USER_ECALL) | (1 << CAUSE_FETCH_PAGE_FAULT) | (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT))
  TEST_CSR_WR(42, medeleg, 0, -1, 0)
  TEST_CSR_WR(43, mideleg, -1, MIP_SSIP | MIP_STIP | MIP_SEIP | MIP_MSIP | MIP_MTIP | MIP_MEIP, MIP_SSIP | MIP_STIP | MIP_SEIP)
  TEST_CSR_WR(44, mie, -1, 0xaaa, 0xaaa)                    /* SSIE MSIE STIE MTIE SEIE MEIE */
  /* sie is mie restricted to delegated interrupts */
  TEST_CASE(45, a4, MIP_SSIP | MIP_STIP | MIP_SEIP, csrr a4, sie; li a1, 0xaaa; and a4, a4, a1)
  TEST_CASE(46, a4, MIP_STIP, li a1, MIP_SSIP | MIP_SEIP; csrc sie, a1; csrr a4, mie; li a1, 0x222; and a4, a4, a1)
  TEST_CSR_WR(47, mideleg, 0, MIP_SSIP | MIP_STIP | MIP_SEIP, 0)
  TEST_CASE(48, a4, 0, csrr a4, sie; li a1, 0xaaa; and a4, a4, a1)
  TEST_CASE(49, a4, MIP_STIP, csrr a4, mie; li a1, 0x222; and a4, a4, a1) /* sie writes did not leak */
  csrw mie, zero

  /* mtvec: 4-byte aligned base; mode 0 (direct) and 1 (vectored) */
  la s0, trap_vector_m
  li gp, 50
  li a1, 0x80010001
  csrw mtvec, a1
  csrr a4, mtvec
  bne a4, a1, fail
  li gp, 51
  li a1, 0x80010002                                     /* reserved mode: some legal value */
  csrw mtvec, a1
  csrr a4, mtvec
  andi a4, a4, 3
  li t6, 2
  beq a4, t6, fail
  csrw mtvec, s0
  TEST_CSR_WR(52, stvec, 0x80020001, -1, 0x80020001)
  TEST_CSR_WR(53, stvec, 0x80020000, -1, 0x80020000)
  la a1, trap_vector_s
  csrw stvec, a1

  /* ---- trap handling CSRs ---- */
  TEST_CSR_WR(61, mepc, 0x80000002, -1, 0x80000002)
  TEST_CSR_WR(63, mcause, CAUSE_ILLEGAL_INSTRUCTION, -1, CAUSE_ILLEGAL_INSTRUCTION)
  TEST_CSR_WR(64, mcause, CAUSE_INTERRUPT | IRQ_MTI, -1, CAUSE_INTERRUPT | IRQ_MTI)
  TEST_CSR_WR(65, scause, CAUSE_LOAD_PAGE_FAULT, -1, CAUSE_LOAD_PAGE_FAULT)
  TEST_CSR_WR(66, mtval, 0x123456789abcdef0, -1, 0x123456789abcdef0)
  TEST_CSR_WR(67, stval, 0xfedcba9876543210, -1, 0xfedcba9876543210)
  TEST_CSR_WR(68, sscratch, 0x5a5a5a5a5a5a5a5a, -1, 0x5a5a5a5a5a5a5a5a)
  csrw sscratch, s10

  /* ---- mip: SSIP/STIP/SEIP writable by M, MSIP/MTIP/MEIP are not ---- */
  TEST_CSR_WR(70, mip, MIP_SSIP, MIP_SSIP, MIP_SSIP)
  TEST_CASE(71, a4, 0, li a1, MIP_MSIP | MIP_MTIP | MIP_MEIP; csrs mip, a1; csrr a4, mip; and a4, a4, a1)
  csrc mip, MIP_SSIP
  TEST_CASE(72, a4, 0, csrr a4, mip; andi a4, a4, MIP_SSIP)
  /* sip shows only delegated bits; SSIP is writable through sip once delegated */
  li a1, MIP_SSIP
  csrw mideleg, a1
  TEST_CASE(73, a4, MIP_SSIP, csrs sip, a1; csrr a4, mip; andi a4, a4, MIP_SSIP)
  TEST_CASE(74, a4, MIP_SSIP, csrr a4, sip; andi a4, a4, MIP_SSIP)
  csrc sip, a1
  TEST_CASE(75, a4, 0, csrr a4, mip; andi a4, a4, MIP_SSIP)
  csrw mideleg, zero

  /* ---- satp: Sv39 accepted; an unsupported mode leaves satp unchanged ---- */
  TEST_CSR_WR(80, satp, SATP_MODE_SV39 | 0x80123, -1, SATP_MODE_SV39 | 0x80123)
  TEST_CASE(81, a4, SATP_MODE_SV39 | 0x80123, li a1, (15 << 60) | 0x80456; csrw satp, a1; csrr a4, satp)
  TEST_CSR_WR(82, satp, 0, -1, 0)

  /* ---- counter enables, environment configuration ---- */
  TEST_CSR_WR(90, mcounteren, -1, 7, 7)
  TEST_CSR_WR(91, mcounteren, 0, 7, 0)
  TEST_CSR_WR(92, scounteren, 5, 7, 5)
  TEST_CSR_WR(93, scounteren, 0, 7, 0)
  TEST_CSR_WR(94, menvcfg, MENVCFG_STCE, MENVCFG_STCE, MENVCFG_STCE)
  TEST_CSR_WR(95, menvcfg, 0, MENVCFG_STCE, 0)
  TEST_CSR_EXISTS(96, senvcfg)

  /* ---- PMP registers exist (RV64: even pmpcfg only) ---- */
  TEST_CSR_EXISTS(100, pmpcfg0)
  TEST_CSR_EXISTS(101, pmpcfg2)
  TEST_CSR_EXISTS(102, pmpaddr0)
  TEST_CSR_EXISTS(103, pmpaddr1)
  TEST_CSR_EXISTS(104, pmpaddr7)
  TEST_CSR_EXISTS(105, pmpaddr15)
  TEST_TRAP(106, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, pmpcfg1)
  TEST_TRAP(107, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, pmpcfg3)

  /* ---- counters readable in M-mode ---- */
  TEST_CSR_EXISTS(110, mcycle)
  TEST_CSR_EXISTS(111, minstret)
  TEST_CSR_EXISTS(112, mcountinhibit)
  li gp, 113
  csrr a1, cycle
  csrr a1, time
  csrr a1, instret
  csrr a1, hpmcounter3
  csrr a1, mhpmcounter3
  csrr a1, mhpmevent3
  TEST_TRAP(114, CAUSE_ILLEGAL_INSTRUCTION, csrw cycle, zero)     /* user counters are read-only */
  TEST_TRAP(115, CAUSE_ILLEGAL_INSTRUCTION, csrw time, zero)
  TEST_TRAP(116, CAUSE_ILLEGAL_INSTRUCTION, csrw instret, zero)

  /* ---- CSRs that do not exist ---- */
  TEST_TRAP(120, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, 0x7c0)
  TEST_TRAP(121, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, 0x5c0)
  TEST_TRAP(122, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, 0x8ff)
  TEST_TRAP(123, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, fcsr)  /* F/D absent (or FS off) */

  /* ---- privilege: lower modes cannot reach higher CSRs ---- */
  TEST_TRAP_IN(130, MSTATUS_MPP_S, 0, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, mstatus)
  TEST_TRAP_IN(131, MSTATUS_MPP_S, 0, CAUSE_ILLEGAL_INSTRUCTION, csrw mscratch, zero)
  TEST_TRAP_IN(132, MSTATUS_MPP_S, 0, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, mhartid)
  TEST_TRAP_IN(133, MSTATUS_MPP_U, 0, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, sstatus)
  TEST_TRAP_IN(134, MSTATUS_MPP_U, 0, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, sscratch)
  TEST_TRAP_IN(135, MSTATUS_MPP_U, 0, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, satp)
  TEST_NOTRAP_IN(136, MSTATUS_MPP_S, 0, csrr a1, sstatus; csrr a1, sscratch; csrw sscratch, a1; csrr a1, stvec)
  /* the illegal-instruction trap reports the instruction bits or zero in mtval */
  li gp, 137
  TRAP_EXPECT(CAUSE_ILLEGAL_INSTRUCTION, 2f)
  MRET_TO(MSTATUS_MPP_U, 0, 3f)
3:
  csrr a0, satp
  j fail
2:
  la t5, trap_last_m
  ld a1, LAST_TVAL(t5)
  beqz a1, 1f
  li t6, 0x18002573                                         /* csrr a0, satp */
  bne a1, t6, fail
1:
  TEST_PASS
