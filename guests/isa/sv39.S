/* Sv39 virtual memory: translation through three levels, 2 MiB and 1 GiB superpages, R/W/X
   permissions, U pages with SUM, MXR, every page-fault type (fetch 12, load 13, store/AMO 15)
   with stval = the virtual address, invalid PTEs, the reserved W-without-R encoding,
   misaligned superpages, a pointer at level 0, reserved PTE bits, non-canonical addresses,
   a fetch straddling into an unmapped page, hardware A/D
   updates, sfence.vma after a PTE change, MPRV loads from M-mode, and page faults
   delegated to S-mode. */
#include "xenrv_test.h"

/* Virtual layout:
   0x0040000000 + 4 KiB * i   L0[i]: test pages (below)
   0x0040200000               L1[1]: 2 MiB page -> 0x80000000
   0x0040400000               L1[2]: misaligned 2 MiB page
   0x0080000000               root[2]: 1 GiB identity (S only): code, data, page tables
   0x00c0000000               root[3]: 1 GiB alias of RAM with U set (code run in U-mode) */
#define VA_PAGES 0x40000000
#define VA_MEGA 0x40200000
#define VA_MEGA_BAD 0x40400000
#define U_ALIAS (0xc0000000 - 0x80000000)
#define VA(i) (VA_PAGES + 4096 * (i))

#define P_A_RW 0       /* page_a, R W */
#define P_CODE_X 1     /* code_page, X */
#define P_B_R 2        /* page_b, R */
#define P_CODE_XONLY 3 /* code_page, X (read with MXR) */
#define P_INVALID 4    /* V = 0 */
#define P_W_ONLY 5     /* W without R: reserved */
#define P_A_URW 6      /* page_a, U R W */
#define P_C_NOAD 7     /* page_c, R W, A = D = 0 */
#define P_POINTER 8    /* R = W = X = 0 at level 0 */
#define P_CODE_UX 9    /* code_page, U X */
#define P_C_RWX 10     /* page_c, R W X */
#define P_STRADDLE 11  /* straddle_page, X; the next entry is empty */

#define AD (PTE_A | PTE_D)

/* L0[index] = leaf for the page at `label` with `flags` (M-mode, physical addresses). */
#define SET_PTE(table, index, label, flags)                                 \
  la t0, label;                                                             \
  srli t0, t0, 12;                                                          \
  slli t0, t0, PTE_PPN_SHIFT;                                               \
  li t1, flags;                                                             \
  or t0, t0, t1;                                                            \
  la t1, table;                                                             \
  sd t0, 8 * (index)(t1)

/* Same with a physical address constant. */
#define SET_PTE_PA(table, index, pa, flags)                                 \
  li t0, ((pa) >> 12 << PTE_PPN_SHIFT) | (flags);                           \
  la t1, table;                                                             \
  sd t0, 8 * (index)(t1)

/* Case n: in S-mode, `code` must fault with `cause` and stval = `va`; resume in M. */
#define TEST_FAULT_S(n, cause, va, code...)                                 \
  li gp, n;                                                                 \
  TRAP_EXPECT(cause, 1f);                                                   \
  TRAP_EXPECT_TVAL(va);                                                     \
  GOTO_S(2f);                                                               \
2:                                                                          \
  code;                                                                     \
  j fail;                                                                   \
1:

/* Case n: in U-mode (code run from the U alias), `code` must fault. */
#define TEST_FAULT_U(n, cause, va, code...)                                 \
  li gp, n;                                                                 \
  TRAP_EXPECT(cause, 1f);                                                   \
  TRAP_EXPECT_TVAL(va);                                                     \
  la t6, 2f + U_ALIAS;                                                      \
  MRET_TO_REG(MSTATUS_MPP_U, t6);                                           \
2:                                                                          \
  code;                                                                     \
  j fail;                                                                   \
1:

#define MRET_TO_REG(mpp, reg)                                               \
  csrw mepc, reg;                                                           \
  li t6, MSTATUS_MPP | MSTATUS_MPV;                                         \
  csrc mstatus, t6;                                                         \
  li t6, mpp;                                                               \
  csrs mstatus, t6;                                                         \
  mret

TEST_BEGIN
  /* ---- page tables ---- */
  la t0, l1_table
  srli t0, t0, 12
  slli t0, t0, PTE_PPN_SHIFT
  ori t0, t0, PTE_V
  la t1, root_table
  sd t0, 8 * 1(t1)                                          /* root[1] -> L1 */
  SET_PTE_PA(root_table, 2, 0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | AD)
  SET_PTE_PA(root_table, 3, 0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | AD)
  la t0, l0_table
  srli t0, t0, 12
  slli t0, t0, PTE_PPN_SHIFT
  ori t0, t0, PTE_V
  la t1, l1_table
  sd t0, 0(t1)                                              /* L1[0] -> L0 */
  SET_PTE_PA(l1_table, 1, 0x80000000, PTE_V | PTE_R | PTE_W | AD)
  SET_PTE_PA(l1_table, 2, 0x80001000, PTE_V | PTE_R | PTE_W | AD)   /* PPN[0] != 0 */

  SET_PTE(l0_table, P_A_RW, page_a, PTE_V | PTE_R | PTE_W | AD)
  SET_PTE(l0_table, P_CODE_X, code_page, PTE_V | PTE_X | PTE_A)
  SET_PTE(l0_table, P_B_R, page_b, PTE_V | PTE_R | PTE_A)
  SET_PTE(l0_table, P_CODE_XONLY, code_page, PTE_V | PTE_X | PTE_A)
  SET_PTE(l0_table, P_INVALID, page_a, PTE_R | PTE_W | PTE_X | AD)
  SET_PTE(l0_table, P_W_ONLY, page_a, PTE_V | PTE_W | AD)
  SET_PTE(l0_table, P_A_URW, page_a, PTE_V | PTE_U | PTE_R | PTE_W | AD)
  SET_PTE(l0_table, P_C_NOAD, page_c, PTE_V | PTE_R | PTE_W)
  SET_PTE(l0_table, P_POINTER, page_c, PTE_V)
  SET_PTE(l0_table, P_CODE_UX, code_page, PTE_V | PTE_U | PTE_X | PTE_A)
  SET_PTE(l0_table, P_C_RWX, page_c, PTE_V | PTE_R | PTE_W | PTE_X | AD)
  SET_PTE(l0_table, P_STRADDLE, straddle_page, PTE_V | PTE_X | PTE_A)

  la t0, page_a
  li t1, 0x1111222233334444
  sd t1, 0(t0)
  la t0, page_b
  li t1, 0x5555666677778888
  sd t1, 8(t0)

  la t0, root_table
  srli t0, t0, 12
  li t1, SATP_MODE_SV39
  or t0, t0, t1
  csrw satp, t0
  sfence.vma

  /* ---- translation, superpages ---- */
  TEST_NOTRAP_IN(1, MSTATUS_MPP_S, 0, li a0, VA(P_A_RW); ld s2, 0(a0))
  li t6, 0x1111222233334444
  bne s2, t6, fail
  TEST_NOTRAP_IN(2, MSTATUS_MPP_S, 0, li a0, VA(P_A_RW); li a1, 0xabcdef; sw a1, 64(a0))
  la t0, page_a
  lw t1, 64(t0)
  li t6, 0xabcdef
  bne t1, t6, fail
  TEST_NOTRAP_IN(3, MSTATUS_MPP_S, 0, li a0, VA(P_CODE_X); jalr a0; mv s2, a0)   /* run code */
  li t6, 0x77
  bne s2, t6, fail
  la s3, page_b
  li t0, VA_MEGA - 0x80000000
  add s3, s3, t0
  TEST_NOTRAP_IN(4, MSTATUS_MPP_S, 0, ld s2, 8(s3))           /* via the 2 MiB page */
  li t6, 0x5555666677778888
  bne s2, t6, fail
  TEST_NOTRAP_IN(5, MSTATUS_MPP_S, 0, la a0, page_b; ld s2, 8(a0))  /* via the 1 GiB page */
  li t6, 0x5555666677778888
  bne s2, t6, fail

  /* ---- permissions and page faults (taken in M, stval = VA) ---- */
  TEST_FAULT_S(10, CAUSE_LOAD_PAGE_FAULT, VA(P_CODE_X), li a0, VA(P_CODE_X); ld a1, 0(a0))
  TEST_FAULT_S(11, CAUSE_STORE_PAGE_FAULT, VA(P_B_R) + 8, li a0, VA(P_B_R); sd a1, 8(a0))
  TEST_FAULT_S(12, CAUSE_STORE_PAGE_FAULT, VA(P_B_R), li a0, VA(P_B_R); amoadd.d a1, a1, (a0))
  TEST_FAULT_S(13, CAUSE_FETCH_PAGE_FAULT, VA(P_A_RW), li a0, VA(P_A_RW); jalr a0)
  TEST_FAULT_S(14, CAUSE_LOAD_PAGE_FAULT, VA(P_INVALID) + 16, li a0, VA(P_INVALID); ld a1, 16(a0))
  TEST_FAULT_S(15, CAUSE_STORE_PAGE_FAULT, VA(P_INVALID), li a0, VA(P_INVALID); sb a1, 0(a0))
  TEST_FAULT_S(16, CAUSE_FETCH_PAGE_FAULT, VA(P_INVALID), li a0, VA(P_INVALID); jalr a0)
  TEST_FAULT_S(17, CAUSE_LOAD_PAGE_FAULT, VA(P_W_ONLY), li a0, VA(P_W_ONLY); ld a1, 0(a0))
  TEST_FAULT_S(18, CAUSE_STORE_PAGE_FAULT, VA(P_W_ONLY), li a0, VA(P_W_ONLY); sd a1, 0(a0))
  TEST_FAULT_S(19, CAUSE_LOAD_PAGE_FAULT, VA(P_POINTER), li a0, VA(P_POINTER); ld a1, 0(a0))
  TEST_FAULT_S(20, CAUSE_LOAD_PAGE_FAULT, VA_MEGA_BAD + 8, li a0, VA_MEGA_BAD; ld a1, 8(a0))
  TEST_FAULT_S(21, CAUSE_LOAD_PAGE_FAULT, VA(100), li a0, VA(100); ld a1, 0(a0))   /* L0 entry 0 */
  TEST_FAULT_S(22, CAUSE_LOAD_PAGE_FAULT, 0x100000000, li a0, 0x100000000; ld a1, 0(a0))  /* root[4] = 0 */
  /* non-canonical: bits 63..39 must equal bit 38 */
  TEST_FAULT_S(23, CAUSE_LOAD_PAGE_FAULT, 0x0000008080000000, li a0, 0x0000008080000000; ld a1, 0(a0))
  TEST_FAULT_S(24, CAUSE_STORE_PAGE_FAULT, 0xffff000080000000, li a0, 0xffff000080000000; sd a1, 0(a0))
  TEST_FAULT_S(25, CAUSE_FETCH_PAGE_FAULT, 0x4000000080000000, li a0, 0x4000000080000000; jalr a0)

  /* PTE bits 63..54 are reserved (no Svpbmt/Svnapot): a PTE using them faults */
  la t1, l0_table
  ld s4, 8 * P_A_RW(t1)
  li t0, 1 << 54
  or t2, s4, t0
  sd t2, 8 * P_A_RW(t1)
  sfence.vma
  TEST_FAULT_S(27, CAUSE_LOAD_PAGE_FAULT, VA(P_A_RW), li a0, VA(P_A_RW); ld a1, 0(a0))
  li t0, 1 << 63
  or t2, s4, t0
  la t1, l0_table
  sd t2, 8 * P_A_RW(t1)
  sfence.vma
  TEST_FAULT_S(28, CAUSE_STORE_PAGE_FAULT, VA(P_A_RW), li a0, VA(P_A_RW); sd a1, 0(a0))
  la t1, l0_table
  sd s4, 8 * P_A_RW(t1)
  sfence.vma
  /* an instruction straddling into an unmapped page: stval = the second page, mepc = start */
  TEST_FAULT_S(29, CAUSE_FETCH_PAGE_FAULT, VA(P_STRADDLE + 1), li a0, VA(P_STRADDLE) + 4094; jalr a0)
  li gp, 30
  la t5, trap_last_m
  ld t5, LAST_EPC(t5)
  li t6, VA(P_STRADDLE) + 4094
  bne t5, t6, fail

  /* MXR makes execute-only pages readable */
  li t0, MSTATUS_MXR
  csrs mstatus, t0
  TEST_NOTRAP_IN(26, MSTATUS_MPP_S, 0, li a0, VA(P_CODE_XONLY); lw s2, 0(a0))
  li t0, MSTATUS_MXR
  csrc mstatus, t0
  la t0, code_page
  lw t1, 0(t0)
  bne s2, t1, fail

  /* ---- U pages and SUM ---- */
  TEST_FAULT_S(31, CAUSE_LOAD_PAGE_FAULT, VA(P_A_URW), li a0, VA(P_A_URW); ld a1, 0(a0))
  TEST_FAULT_S(32, CAUSE_STORE_PAGE_FAULT, VA(P_A_URW), li a0, VA(P_A_URW); sd a1, 0(a0))
  li t0, MSTATUS_SUM
  csrs mstatus, t0
  TEST_NOTRAP_IN(33, MSTATUS_MPP_S, 0, li a0, VA(P_A_URW); ld s2, 0(a0); sd s2, 8(a0))
  li t6, 0x1111222233334444
  bne s2, t6, fail
  /* S never executes U pages, SUM or not */
  TEST_FAULT_S(34, CAUSE_FETCH_PAGE_FAULT, VA(P_CODE_UX), li a0, VA(P_CODE_UX); jalr a0)
  li t0, MSTATUS_SUM
  csrc mstatus, t0
  /* U-mode: its own pages work, supervisor pages fault */
  li gp, 35
  TRAP_EXPECT(CAUSE_USER_ECALL, 1f)                         /* back to M at a physical address */
  la t6, 2f + U_ALIAS
  MRET_TO_REG(MSTATUS_MPP_U, t6)
2:
  li a0, VA(P_A_URW)
  ld s2, 0(a0)
  li a0, VA(P_CODE_UX)
  jalr a0
  mv s3, a0
  li a7, 0
  ecall
  j fail
1:
  li t6, 0x1111222233334444
  bne s2, t6, fail
  li t6, 0x77
  bne s3, t6, fail
  TEST_FAULT_U(36, CAUSE_LOAD_PAGE_FAULT, VA(P_A_RW), li a0, VA(P_A_RW); ld a1, 0(a0))
  TEST_FAULT_U(37, CAUSE_STORE_PAGE_FAULT, VA(P_A_RW) + 4, li a0, VA(P_A_RW); sw a1, 4(a0))
  TEST_FAULT_U(38, CAUSE_FETCH_PAGE_FAULT, VA(P_CODE_X), li a0, VA(P_CODE_X); jalr a0)

  /* ---- hardware A/D updates ---- */
  TEST_NOTRAP_IN(40, MSTATUS_MPP_S, 0, li a0, VA(P_C_NOAD); ld a1, 0(a0))
  la t0, l0_table
  ld t1, 8 * P_C_NOAD(t0)
  andi t2, t1, AD
  li t6, PTE_A                                              /* a load sets A only */
  bne t2, t6, fail
  TEST_NOTRAP_IN(41, MSTATUS_MPP_S, 0, li a0, VA(P_C_NOAD); sd a1, 0(a0))
  la t0, l0_table
  ld t1, 8 * P_C_NOAD(t0)
  andi t2, t1, AD
  li t6, AD                                                 /* a store sets D */
  bne t2, t6, fail
  /* a store to a clean page with A set sets D; the other bits stay */
  SET_PTE(l0_table, P_C_NOAD, page_c, PTE_V | PTE_R | PTE_W | PTE_A | PTE_G)
  sfence.vma
  TEST_NOTRAP_IN(42, MSTATUS_MPP_S, 0, li a0, VA(P_C_NOAD); amoor.d a1, a1, (a0))
  la t0, l0_table
  ld t1, 8 * P_C_NOAD(t0)
  la t2, page_c
  srli t2, t2, 12
  slli t2, t2, PTE_PPN_SHIFT
  ori t2, t2, PTE_V | PTE_R | PTE_W | PTE_A | PTE_G | PTE_D
  bne t1, t2, fail
  /* no A/D update on a faulting access */
  SET_PTE(l0_table, P_C_NOAD, page_c, PTE_V | PTE_R)
  sfence.vma
  TEST_FAULT_S(43, CAUSE_STORE_PAGE_FAULT, VA(P_C_NOAD), li a0, VA(P_C_NOAD); sd a1, 0(a0))
  li gp, 44
  la t0, l0_table
  ld t1, 8 * P_C_NOAD(t0)
  andi t2, t1, AD
  bnez t2, fail

  /* ---- sfence.vma makes a changed PTE visible ---- */
  TEST_NOTRAP_IN(50, MSTATUS_MPP_S, 0, li a0, VA(P_C_RWX); ld s2, 8(a0))
  SET_PTE(l0_table, P_C_RWX, page_b, PTE_V | PTE_R | PTE_W | PTE_X | AD)
  TEST_NOTRAP_IN(51, MSTATUS_MPP_S, 0, sfence.vma; li a0, VA(P_C_RWX); ld s2, 8(a0))
  li t6, 0x5555666677778888
  bne s2, t6, fail
  li a0, VA(P_C_RWX)
  TEST_NOTRAP_IN(52, MSTATUS_MPP_S, 0, sfence.vma a0, zero; ld s2, 8(a0))   /* by address */

  /* ---- MPRV: M-mode loads and stores translated with MPP's privilege ---- */
  li gp, 60
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, MSTATUS_MPRV | MSTATUS_MPP_S
  csrs mstatus, t0
  li a0, VA(P_A_RW)
  ld s2, 0(a0)
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  li t6, 0x1111222233334444
  bne s2, t6, fail
  li gp, 61
  li t0, MSTATUS_MPRV | MSTATUS_MPP_S
  csrs mstatus, t0
  TRAP_EXPECT(CAUSE_LOAD_PAGE_FAULT, 1f)
  TRAP_EXPECT_TVAL(VA(P_INVALID))
  li a0, VA(P_INVALID)
  ld a1, 0(a0)
  j fail
1:
  li t0, MSTATUS_MPRV                                       /* an mret back to M keeps MPRV */
  csrc mstatus, t0
  /* fetches in M-mode ignore MPRV: we are still running from physical addresses */

  /* ---- page faults delegated to S-mode ---- */
  li t0, (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT) | (1 << CAUSE_FETCH_PAGE_FAULT)
  csrw medeleg, t0
  li gp, 70
  STRAP_EXPECT_HERE(CAUSE_LOAD_PAGE_FAULT, 1f)
  STRAP_EXPECT_TVAL(VA(P_INVALID) + 8)
  GOTO_S(2f)
2:
  li a0, VA(P_INVALID)
  ld a1, 8(a0)
  j fail
1:
  li gp, 71
  STRAP_EXPECT_HERE(CAUSE_STORE_PAGE_FAULT, 1f)
  STRAP_EXPECT_TVAL(VA(P_B_R))
  li a0, VA(P_B_R)
  sd a1, 0(a0)
  j fail
1:
  li gp, 72
  STRAP_EXPECT_HERE(CAUSE_FETCH_PAGE_FAULT, 1f)
  STRAP_EXPECT_TVAL(VA(P_A_RW))
  li a0, VA(P_A_RW)
  jalr a0
  j fail
1:
  li gp, 73
  la t6, 2f + U_ALIAS                                       /* from U to S */
  csrw sepc, t6
  li t6, MSTATUS_SPP
  csrc sstatus, t6
  STRAP_EXPECT_HERE(CAUSE_LOAD_PAGE_FAULT, 1f)
  STRAP_EXPECT_TVAL(VA(P_A_RW))
  sret
2:
  li a0, VA(P_A_RW)
  ld a1, 0(a0)
  j fail
1:
  ENTER_M
  csrw medeleg, zero
  csrw satp, zero
  sfence.vma
  TEST_PASS

/* Code reached through the test mappings: returns 0x77 in a0. */
  .section .text.page, "ax", @progbits
  .align 12
code_page:
  li a0, 0x77
  ret
  .align 12
/* A 4-byte instruction whose second half would be on the next (unmapped) page. */
straddle_page:
  .option push
  .option norvc
  .skip 4094
  addi a0, a0, 1
  .option pop
  .align 12

  .bss
  .align 12
root_table: .skip 4096
l1_table: .skip 4096
l0_table: .skip 4096
page_a: .skip 4096
page_b: .skip 4096
page_c: .skip 4096
