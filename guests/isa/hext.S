/* The hypervisor extension, driven from M-mode: H CSRs and their read-only bits, the s* CSRs
   redirected to vs* at V=1, two-stage translation (VS-stage Sv39 over G-stage Sv39x4),
   guest-page faults 20/21/23 in M with mtval = GVA, mtval2 = GPA >> 2, MPV and GVA,
   including one on a VS-stage page-table access, VS-stage page faults, ecall from VS
   (cause 10) and VU (8), exceptions delegated through medeleg+hedeleg into VS-mode,
   virtual-instruction exceptions, hvip injection of VSSIP/VSTIP/VSEIP delegated by hideleg,
   and the guest timer: htimedelta and vstimecmp (Sstc with henvcfg.STCE).
   QEMU 7.2 passes every case before 95. */
// needs: h
#include "xenrv_test.h"

/* Guest-physical layout (G-stage):
   0x80000000  1 GiB identity of RAM (U R W X): guest code, data and VS page tables
   0x40000000  GPA_A   -> page_a (U R W)
   0x40001000  GPA_NONE   (no mapping)
   0x40002000  GPA_RO  -> page_b (U R)
   0x40003000  GPA_CODE-> code_page (U X)
   0x40004000  GPA_NOU -> page_c (R W, U = 0: every G-stage access is a U access)
   0x40005000  GPA_NONE2  (no mapping; a VS-stage table points here)
   Guest-virtual layout (VS-stage, when vsatp is on):
   0x80000000  1 GiB identity (R W X, S)
   0x40000000 + 4 KiB * i  vs_l0[i] (below)
   0x40400000  vs_l1[2] -> a table at GPA_NONE2 */
#define GPA_A 0x40000000
#define GPA_NONE 0x40001000
#define GPA_RO 0x40002000
#define GPA_CODE 0x40003000
#define GPA_NOU 0x40004000
#define GPA_NONE2 0x40005000
#define GVA(i) (0x40000000 + 4096 * (i))
#define GVA_BAD_TABLE 0x40400000
#define V_A 0          /* -> GPA_A, R W */
#define V_NONE 1       /* -> GPA_NONE, R W X */
#define V_RO 2         /* -> GPA_RO, R W */
#define V_INVALID 3    /* V = 0 */
#define V_NOU 4        /* -> GPA_NOU, R W */
#define V_CODE 5       /* -> GPA_CODE, X */

#define AD (PTE_A | PTE_D)
#define VS_INTERRUPTS (MIP_VSSIP | MIP_VSTIP | MIP_VSEIP)

/* table[index] = leaf for physical `label` (or a pointer when flags = PTE_V). */
#define SET_PTE(table, index, label, flags)                                 \
  la t0, label;                                                             \
  srli t0, t0, 12;                                                          \
  slli t0, t0, PTE_PPN_SHIFT;                                               \
  li t1, flags;                                                             \
  or t0, t0, t1;                                                            \
  la t1, table;                                                             \
  li t2, 8 * (index);                                                       \
  add t1, t1, t2;                                                           \
  sd t0, 0(t1)
#define SET_PTE_PA(table, index, pa, flags)                                 \
  li t0, ((pa) >> 12 << PTE_PPN_SHIFT) | (flags);                           \
  la t1, table;                                                             \
  li t2, 8 * (index);                                                       \
  add t1, t1, t2;                                                           \
  sd t0, 0(t1)

/* Case n: in VS-mode, `code` must trap to M with `cause`, mtval = gva, mtval2 = gpa >> 2. */
#define TEST_GUEST_FAULT(n, cause, gva, gpa, code...)                       \
  li gp, n;                                                                 \
  TRAP_EXPECT(cause, 1f);                                                   \
  TRAP_EXPECT_TVAL(gva);                                                    \
  TRAP_EXPECT_TVAL2((gpa) >> 2);                                            \
  GOTO_VS(2f);                                                              \
2:                                                                          \
  code;                                                                     \
  j fail;                                                                   \
1:

/* Case n: the last M trap came from V = 1 (mstatus.MPV). */
#define CHECK_FROM_V(n) CHECK_STATUS_BIT(n, MSTATUS_MPV, MSTATUS_MPV)
/* Case n: the last M trap wrote mstatus.GVA = gva (1: mtval holds a guest address). */
#define CHECK_GVA(n, gva) CHECK_STATUS_BIT(n, MSTATUS_GVA, (gva) * MSTATUS_GVA)
#define CHECK_STATUS_BIT(n, bit, value)                                     \
  li gp, n;                                                                 \
  la t5, trap_last_m;                                                       \
  ld t5, LAST_STATUS(t5);                                                   \
  li t6, bit;                                                               \
  and t5, t5, t6;                                                           \
  li t6, value;                                                             \
  bne t5, t6, fail

/* Case n: `csr` keeps a written value (the old value is put back). */
#define TEST_CSR_RW_H(n, csr)                                               \
  li gp, n;                                                                 \
  csrr s2, csr;                                                             \
  li a1, 0x80001000;                                                        \
  csrw csr, a1;                                                             \
  csrr a4, csr;                                                             \
  csrw csr, s2;                                                             \
  bne a4, a1, fail

/* Cases n, n+1: with hvip `bit` set, entering VS-mode takes guest interrupt `irq` at once
   (the handler's `count`-th); the guest's interrupt enables are then restored. */
#define INJECT(n, bit, irq, count)                                          \
  li t0, MSTATUS_SIE;                                                       \
  csrs vsstatus, t0;                                                        \
  li t0, bit;                                                               \
  csrw hvip, t0;                                                            \
  TEST_NOTRAP_IN(n, MSTATUS_MPP_S, MSTATUS_MPV, nop);                       \
  li gp, n + 1;                                                             \
  li t0, count;                                                             \
  bne s8, t0, fail;                                                         \
  li t6, CAUSE_INTERRUPT | irq;                                             \
  bne s9, t6, fail;                                                         \
  csrw hvip, zero;                                                          \
  li t0, MIP_SSIP | MIP_STIP | MIP_SEIP;                                    \
  csrw vsie, t0

TEST_BEGIN
  /* ---- the extension is there ---- */
  li gp, 1
  csrr a1, misa
  li t0, 1 << 7
  and a1, a1, t0
  beqz a1, fail
  /* hedeleg: ecalls from HS/VS/M and guest-page faults cannot go to VS */
  TEST_CASE(2, a4, 0, li a1, -1; csrw hedeleg, a1; csrr a4, hedeleg; \
    li a1, (1 << 9) | (1 << 10) | (1 << 11) | (0xf << 20); and a4, a4, a1)
  TEST_CASE(3, a4, (1 << CAUSE_USER_ECALL) | (1 << CAUSE_LOAD_PAGE_FAULT), csrr a4, hedeleg; \
    li a1, (1 << CAUSE_USER_ECALL) | (1 << CAUSE_LOAD_PAGE_FAULT); and a4, a4, a1)
  csrw hedeleg, zero
  /* hideleg and hvip hold exactly the VS interrupts */
  TEST_CASE(4, a4, VS_INTERRUPTS, li a1, -1; csrw hideleg, a1; csrr a4, hideleg; li a1, 0xfff; and a4, a4, a1)
  csrw hideleg, zero
  TEST_CASE(5, a4, VS_INTERRUPTS, li a1, -1; csrw hvip, a1; csrr a4, hvip; li a1, 0xfff; and a4, a4, a1)
  csrw hvip, zero
  /* mideleg's VS bits are read-only one */
  TEST_CASE(6, a4, VS_INTERRUPTS, csrw mideleg, zero; csrr a4, mideleg; li a1, VS_INTERRUPTS; and a4, a4, a1)
  /* hvip.VSSIP shows in mip and hip */
  TEST_CASE(7, a4, MIP_VSSIP, li a1, MIP_VSSIP; csrs hvip, a1; csrr a4, mip; and a4, a4, a1)
  TEST_CASE(8, a4, MIP_VSSIP, csrr a4, hip; and a4, a4, a1)
  csrw hvip, zero
  li gp, 9
  csrr a1, hstatus
  csrr a1, hcounteren
  csrr a1, hgeie
  csrr a1, hgeip
  csrr a1, htval
  csrr a1, htinst
  csrr a1, henvcfg
  csrr a1, htimedelta
  csrr a1, hie
  csrr a1, vsstatus
  csrr a1, vsip
  csrr a1, vsie
  csrr a1, vscause
  csrr a1, vstval
  csrr a1, vsepc
  csrr a1, mtval2
  csrr a1, mtinst
  TEST_CSR_RW_H(10, vsscratch)
  TEST_CSR_RW_H(11, vstvec)
  TEST_CSR_RW_H(12, htval)
  TEST_CSR_RW_H(13, htimedelta)

  /* ---- G-stage and VS-stage tables ---- */
  SET_PTE_PA(g_root, 2, 0x80000000, PTE_V | PTE_U | PTE_R | PTE_W | PTE_X | AD)
  SET_PTE(g_root, 1, g_l1, PTE_V)
  SET_PTE(g_l1, 0, g_l0, PTE_V)
  SET_PTE(g_l0, 0, page_a, PTE_V | PTE_U | PTE_R | PTE_W | AD)
  SET_PTE(g_l0, 2, page_b, PTE_V | PTE_U | PTE_R | AD)
  SET_PTE(g_l0, 3, code_page, PTE_V | PTE_U | PTE_X | AD)
  SET_PTE(g_l0, 4, page_c, PTE_V | PTE_R | PTE_W | AD)
  SET_PTE_PA(vs_root, 2, 0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | AD)
  SET_PTE(vs_root, 1, vs_l1, PTE_V)
  SET_PTE(vs_l1, 0, vs_l0, PTE_V)
  SET_PTE_PA(vs_l1, 2, GPA_NONE2, PTE_V)
  SET_PTE_PA(vs_l0, V_A, GPA_A, PTE_V | PTE_R | PTE_W | AD)
  SET_PTE_PA(vs_l0, V_NONE, GPA_NONE, PTE_V | PTE_R | PTE_W | PTE_X | AD)
  SET_PTE_PA(vs_l0, V_RO, GPA_RO, PTE_V | PTE_R | PTE_W | AD)
  SET_PTE_PA(vs_l0, V_NOU, GPA_NOU, PTE_V | PTE_R | PTE_W | AD)
  SET_PTE_PA(vs_l0, V_CODE, GPA_CODE, PTE_V | PTE_X | PTE_A)
  la t0, page_a
  li t1, 0x0123456789abcdef
  sd t1, 0(t0)
  la t0, page_b
  li t1, 0x1122334455667788
  sd t1, 0(t0)

  la t0, g_root
  srli t0, t0, 12
  li t1, HGATP_MODE_SV39X4
  or t0, t0, t1
  csrw hgatp, t0
  hfence.gvma
  /* the guest's trap vector and save area (guest-physical = physical here) */
  la t0, trap_vector_s
  csrw vstvec, t0
  la t0, save_vs
  csrw vsscratch, t0
  csrw vsatp, zero

  /* ---- s* CSRs are the vs* ones at V = 1 ---- */
  li s2, 0x5a5a
  TEST_NOTRAP_IN(20, MSTATUS_MPP_S, MSTATUS_MPV, csrr s3, sscratch; csrw sscratch, s2; csrr s4, stvec)
  csrr a1, vsscratch
  bne a1, s2, fail
  li gp, 21
  la t0, save_vs
  bne s3, t0, fail                                          /* read vsscratch, not sscratch */
  csrr a1, sscratch
  beq a1, s2, fail
  li gp, 22
  la t0, trap_vector_s
  bne s4, t0, fail
  la t0, save_vs
  csrw vsscratch, t0

  /* ---- G-stage only (vsatp = Bare): GVA = GPA ---- */
  TEST_NOTRAP_IN(30, MSTATUS_MPP_S, MSTATUS_MPV, li a0, GPA_A; ld s2, 0(a0))
  li t6, 0x0123456789abcdef
  bne s2, t6, fail
  TEST_GUEST_FAULT(31, CAUSE_LOAD_GUEST_PAGE_FAULT, GPA_NONE + 8, GPA_NONE + 8, li a0, GPA_NONE; ld a1, 8(a0))
  CHECK_FROM_V(32)
  CHECK_GVA(37, 1)
  CHECK_LAST(33, LAST_CAUSE, CAUSE_LOAD_GUEST_PAGE_FAULT)
  TEST_GUEST_FAULT(34, CAUSE_STORE_GUEST_PAGE_FAULT, GPA_RO + 16, GPA_RO + 16, li a0, GPA_RO; sd a1, 16(a0))
  TEST_GUEST_FAULT(35, CAUSE_FETCH_GUEST_PAGE_FAULT, GPA_A, GPA_A, li a0, GPA_A; jalr a0)
  TEST_GUEST_FAULT(36, CAUSE_LOAD_GUEST_PAGE_FAULT, GPA_NOU, GPA_NOU, li a0, GPA_NOU; ld a1, 0(a0))
  TEST_NOTRAP_IN(38, MSTATUS_MPP_S, MSTATUS_MPV, li a0, GPA_CODE; jalr a0; mv s2, a0)
  li t6, 0x77
  bne s2, t6, fail
  /* beyond the 41-bit guest-physical space */
  TEST_GUEST_FAULT(39, CAUSE_LOAD_GUEST_PAGE_FAULT, 0x20000000000, 0x20000000000, li a0, 0x20000000000; ld a1, 0(a0))

  /* ---- two stages: vsatp Sv39 ---- */
  la t0, vs_root
  srli t0, t0, 12
  li t1, SATP_MODE_SV39
  or t0, t0, t1
  csrw vsatp, t0
  hfence.vvma
  TEST_NOTRAP_IN(40, MSTATUS_MPP_S, MSTATUS_MPV, li a0, GVA(V_A); ld s2, 0(a0))
  li t6, 0x0123456789abcdef
  bne s2, t6, fail
  TEST_GUEST_FAULT(41, CAUSE_LOAD_GUEST_PAGE_FAULT, GVA(V_NONE) + 24, GPA_NONE + 24, li a0, GVA(V_NONE); ld a1, 24(a0))
  CHECK_FROM_V(42)
  TEST_GUEST_FAULT(43, CAUSE_STORE_GUEST_PAGE_FAULT, GVA(V_RO) + 4, GPA_RO + 4, li a0, GVA(V_RO); sw a1, 4(a0))
  TEST_GUEST_FAULT(44, CAUSE_FETCH_GUEST_PAGE_FAULT, GVA(V_NONE), GPA_NONE, li a0, GVA(V_NONE); jalr a0)
  TEST_GUEST_FAULT(45, CAUSE_LOAD_GUEST_PAGE_FAULT, GVA(V_NOU), GPA_NOU, li a0, GVA(V_NOU); ld a1, 0(a0))
  /* the VS-stage walk itself reads a GPA with no mapping: mtval2 = the PTE's GPA */
  TEST_GUEST_FAULT(46, CAUSE_LOAD_GUEST_PAGE_FAULT, GVA_BAD_TABLE + 8, GPA_NONE2, li a0, GVA_BAD_TABLE; ld a1, 8(a0))
  TEST_NOTRAP_IN(47, MSTATUS_MPP_S, MSTATUS_MPV, li a0, GVA(V_CODE); jalr a0; mv s2, a0)
  li t6, 0x77
  bne s2, t6, fail
  /* VS-stage page faults (not delegated): M, mtval = GVA, mtval2 = 0 */
  li gp, 48
  TRAP_EXPECT(CAUSE_LOAD_PAGE_FAULT, 1f)
  TRAP_EXPECT_TVAL(GVA(V_INVALID))
  TRAP_EXPECT_TVAL2(0)
  GOTO_VS(2f)
2:
  li a0, GVA(V_INVALID)
  ld a1, 0(a0)
  j fail
1:
  CHECK_FROM_V(49)
  CHECK_GVA(56, 1)
  li gp, 50
  TRAP_EXPECT(CAUSE_STORE_PAGE_FAULT, 1f)
  TRAP_EXPECT_TVAL(GVA(V_CODE))
  GOTO_VS(2f)
2:
  li a0, GVA(V_CODE)
  sd a1, 0(a0)
  j fail
1:

  /* ---- ecalls from V = 1 (VS-stage off again: VU runs the same code) ---- */
  csrw vsatp, zero
  hfence.vvma
  li gp, 51
  TRAP_EXPECT(CAUSE_VIRTUAL_SUPERVISOR_ECALL, 1f)
  li a7, 0
  GOTO_VS(2f)
2:
  ecall
  j fail
1:
  CHECK_FROM_V(52)
  li gp, 54
  TRAP_EXPECT(CAUSE_USER_ECALL, 1f)
  GOTO_VU(2f)
2:
  ecall
  j fail
1:
  CHECK_FROM_V(55)

  /* ---- delegation into VS-mode: medeleg + hedeleg ---- */
  li t0, (1 << CAUSE_USER_ECALL) | (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_BREAKPOINT)
  csrw medeleg, t0
  csrw hedeleg, t0
  li gp, 60
  la t0, trap_count_m
  ld s5, 0(t0)
  STRAP_EXPECT_HERE(CAUSE_USER_ECALL, 1f)                   /* resume in VS */
  GOTO_VU(2f)
2:
  ecall
  j fail
1:
  ENTER_M                                                   /* from VS */
  li gp, 61
  la t0, trap_count_m
  ld a1, 0(t0)
  addi a1, a1, -1
  bne a1, s5, fail                                          /* M saw only ENTER_M */
  CHECK_LAST_S(62, LAST_CAUSE, CAUSE_USER_ECALL)
  li gp, 63
  csrr a1, vscause
  li t6, CAUSE_USER_ECALL
  bne a1, t6, fail
  la t0, vs_root
  srli t0, t0, 12
  li t1, SATP_MODE_SV39
  or t0, t0, t1
  csrw vsatp, t0
  hfence.vvma
  li gp, 64
  STRAP_EXPECT(CAUSE_LOAD_PAGE_FAULT, 1f)
  STRAP_EXPECT_TVAL(GVA(V_INVALID) + 8)
  GOTO_VS(2f)
2:
  li a0, GVA(V_INVALID)
  ld a1, 8(a0)
  j fail
1:
  ENTER_M                                                   /* from VS */
  li gp, 65
  csrr a1, vstval
  li t6, GVA(V_INVALID) + 8
  bne a1, t6, fail
  /* guest-page faults never go to VS: with medeleg set they go to HS */
  li t0, 1 << CAUSE_LOAD_GUEST_PAGE_FAULT
  csrs medeleg, t0
  li gp, 66
  STRAP_EXPECT(CAUSE_LOAD_GUEST_PAGE_FAULT, 1f)              /* HS handler, resume in VS */
  STRAP_EXPECT_TVAL(GVA(V_NONE))
  GOTO_VS(2f)
2:
  li a0, GVA(V_NONE)
  ld a1, 0(a0)
  j fail
1:
  ENTER_M
  li gp, 67
  csrr a1, htval
  li t6, GPA_NONE >> 2
  bne a1, t6, fail
  csrw medeleg, zero
  csrw hedeleg, zero

  /* ---- virtual-instruction exceptions ---- */
  csrw vsatp, zero
  TEST_TRAP_IN(70, MSTATUS_MPP_S, MSTATUS_MPV, CAUSE_VIRTUAL_INSTRUCTION, csrr a1, hstatus)
  TEST_TRAP_IN(71, MSTATUS_MPP_S, MSTATUS_MPV, CAUSE_VIRTUAL_INSTRUCTION, csrw hgatp, zero)
  TEST_TRAP_IN(72, MSTATUS_MPP_S, MSTATUS_MPV, CAUSE_VIRTUAL_INSTRUCTION, hfence.gvma)
  TEST_TRAP_IN(74, MSTATUS_MPP_S, MSTATUS_MPV, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, mstatus)
  TEST_TRAP_IN(75, MSTATUS_MPP_S, MSTATUS_MPV, CAUSE_ILLEGAL_INSTRUCTION, mret)
  li t0, HSTATUS_VTSR
  csrs hstatus, t0
  TEST_TRAP_IN(76, MSTATUS_MPP_S, MSTATUS_MPV, CAUSE_VIRTUAL_INSTRUCTION, sret)
  li t0, HSTATUS_VTSR
  csrc hstatus, t0
  li t0, HSTATUS_VTVM
  csrs hstatus, t0
  TEST_TRAP_IN(77, MSTATUS_MPP_S, MSTATUS_MPV, CAUSE_VIRTUAL_INSTRUCTION, sfence.vma)
  li t0, HSTATUS_VTVM
  csrc hstatus, t0
  li t0, HSTATUS_VTW
  csrs hstatus, t0
  TEST_TRAP_IN(79, MSTATUS_MPP_S, MSTATUS_MPV, CAUSE_VIRTUAL_INSTRUCTION, wfi)
  li t0, HSTATUS_VTW
  csrc hstatus, t0

  /* ---- hvip injection, delegated to VS by hideleg ---- */
  la t0, vs_irq_handler
  csrw vstvec, t0
  li t0, VS_INTERRUPTS
  csrw hideleg, t0
  csrw hie, t0
  li t0, MIP_SSIP | MIP_STIP | MIP_SEIP                     /* guest view: sie bits 1, 5, 9 */
  csrw vsie, t0
  li s8, 0
  INJECT(80, MIP_VSSIP, IRQ_SSI, 1)
  INJECT(82, MIP_VSTIP, IRQ_STI, 2)
  INJECT(84, MIP_VSEIP, IRQ_SEI, 3)
  /* with vsstatus.SIE = 0 a pending VS interrupt waits */
  li t0, MIP_SSIP
  csrw vsie, t0
  li t0, MSTATUS_SIE
  csrc vsstatus, t0
  li t0, MIP_VSSIP
  csrw hvip, t0
  TEST_NOTRAP_IN(86, MSTATUS_MPP_S, MSTATUS_MPV, li t0, 100; 3: addi t0, t0, -1; bnez t0, 3b)
  li t0, 3
  bne s8, t0, fail
  /* ... and VU-mode takes it whatever vsstatus.SIE says */
  TEST_NOTRAP_IN(87, MSTATUS_MPP_U, MSTATUS_MPV, li t0, 100; 3: addi t0, t0, -1; bnez t0, 3b)
  li t0, 4
  bne s8, t0, fail
  li t6, CAUSE_INTERRUPT | IRQ_SSI
  bne s9, t6, fail

  /* ---- guest time and vstimecmp ---- */
  li t0, MENVCFG_STCE
  csrs menvcfg, t0
  csrs henvcfg, t0
  li t0, 2                                                  /* TM */
  csrw mcounteren, t0
  csrw hcounteren, t0
  li t0, -1
  csrw vstimecmp, t0
  li s6, 0x100000000                                        /* htimedelta */
  csrw htimedelta, s6
  csrr s2, time
  TEST_NOTRAP_IN(90, MSTATUS_MPP_S, MSTATUS_MPV, csrr s3, time)
  csrr s4, time
  li gp, 91
  sub s3, s3, s6
  bltu s3, s2, fail
  bltu s4, s3, fail
  li t0, MIP_STIP
  csrw vsie, t0
  li t0, MSTATUS_SIE
  csrs vsstatus, t0
  TEST_NOTRAP_IN(92, MSTATUS_MPP_S, MSTATUS_MPV, csrr t0, time; addi t0, t0, 300; csrw stimecmp, t0; \
    li t1, 100000; 3: li t2, 5; bgeu s8, t2, 4f; wfi; addi t1, t1, -1; bnez t1, 3b; 4:)
  li gp, 93
  li t0, 5
  bne s8, t0, fail
  li t6, CAUSE_INTERRUPT | IRQ_STI
  bne s9, t6, fail
  li gp, 94
  csrr a1, vstimecmp
  sub a1, a1, s6                                            /* in guest time */
  li t0, CLINT_BASE + CLINT_MTIME
  ld t0, 0(t0)
  bltu t0, a1, fail                                         /* it fired no earlier */

  csrw hvip, zero
  csrw hideleg, zero
  csrw hie, zero
  csrw vsatp, zero

  /* Last, because QEMU 7.2 gets them wrong: with hstatus.VTVM, satp in VS-mode is a virtual
     instruction (QEMU: allowed; 95), a supervisor CSR accessed from VU-mode is a
     virtual instruction (QEMU: illegal; 96), a trap without a guest address writes
     mstatus.GVA = 0 (QEMU keeps the old 1; 98), an AMO guest-page fault is a store fault
     (QEMU: load; 99). */
  csrw vsatp, zero
  li t0, HSTATUS_VTVM
  csrs hstatus, t0
  TEST_TRAP_IN(95, MSTATUS_MPP_S, MSTATUS_MPV, CAUSE_VIRTUAL_INSTRUCTION, csrr a1, satp)
  li t0, HSTATUS_VTVM
  csrc hstatus, t0
  TEST_TRAP_IN(96, MSTATUS_MPP_U, MSTATUS_MPV, CAUSE_VIRTUAL_INSTRUCTION, csrr a1, sstatus)
  TEST_GUEST_FAULT(97, CAUSE_LOAD_GUEST_PAGE_FAULT, GPA_NONE, GPA_NONE, li a0, GPA_NONE; ld a1, 0(a0))
  li a7, 0
  TEST_TRAP_IN(98, MSTATUS_MPP_S, MSTATUS_MPV, CAUSE_VIRTUAL_SUPERVISOR_ECALL, ecall)
  CHECK_GVA(98, 0)
  TEST_GUEST_FAULT(99, CAUSE_STORE_GUEST_PAGE_FAULT, GPA_NONE, GPA_NONE, li a0, GPA_NONE; amoswap.d a1, a1, (a0))
  csrw hgatp, zero
  TEST_PASS

/* ---- guest interrupt handler (VS-mode): counts in s8, cause in s9; takes the
   interrupt away (sip.SSIP is hvip.VSSIP's alias; the others are masked in sie). ---- */
  .align 2
vs_irq_handler:
  csrr s10, scause
  bgez s10, 1f
  mv s9, s10
  addi s8, s8, 1
  andi s10, s10, 0xff
  li s11, IRQ_SSI
  bne s10, s11, 2f
  li s11, MIP_SSIP
  csrc sip, s11
  sret
2:
  li s11, 1
  sll s11, s11, s10
  csrc sie, s11
  sret
1:
  j trap_vector_s

/* Code the guest runs through GPA_CODE: returns 0x77 in a0. */
  .section .text.page, "ax", @progbits
  .align 12
code_page:
  li a0, 0x77
  ret
  .align 12

  .bss
  .align 14
g_root: .skip 16384
g_l1: .skip 4096
g_l0: .skip 4096
vs_root: .skip 4096
vs_l1: .skip 4096
vs_l0: .skip 4096
page_a: .skip 4096
page_b: .skip 4096
page_c: .skip 4096
save_vs: .skip 64
