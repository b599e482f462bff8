/* Exceptions and their delegation: ecall from U/S/M, ebreak, illegal instructions (privileged
   instructions in lower modes, TSR/TVM/TW, absent F), access faults on fetch/load/store with
   mtval, mepc/mstatus.MPP/MPIE on trap entry, mret/sret effects (xIE, xPIE, xPP),
   medeleg routing to S-mode with scause/sepc/stval/SPP/SPIE, no delegation of traps taken in
   M-mode, and synchronous traps with a vectored mtvec. */
#include "xenrv_test.h"

#define NO_MEMORY 0x100000000           /* neither RAM nor a device */

/* Case n: after the last M trap, mstatus.MPP held `mpp`. */
#define CHECK_MPP(n, mpp)                                                   \
  li gp, n;                                                                 \
  la t5, trap_last_m;                                                       \
  ld t5, LAST_STATUS(t5);                                                   \
  li t6, MSTATUS_MPP;                                                       \
  and t5, t5, t6;                                                           \
  li t6, mpp;                                                               \
  bne t5, t6, fail

/* Case n: the last M trap's mepc is `label`. */
#define CHECK_EPC_AT(n, block, label)                                       \
  li gp, n;                                                                 \
  la t5, block;                                                             \
  ld t5, LAST_EPC(t5);                                                      \
  la t6, label;                                                             \
  bne t5, t6, fail

TEST_BEGIN
  /* ---- ecall from each mode ---- */
  li gp, 1
  TRAP_EXPECT(CAUSE_MACHINE_ECALL, 1f)
2:
  ecall
  j fail
1:
  CHECK_EPC_AT(2, trap_last_m, 2b)
  CHECK_MPP(3, MSTATUS_MPP_M)

  li gp, 4
  TRAP_EXPECT(CAUSE_SUPERVISOR_ECALL, 1f)
  GOTO_S(2f)
2:
  ecall
  j fail
1:
  CHECK_EPC_AT(5, trap_last_m, 2b)
  CHECK_MPP(6, MSTATUS_MPP_S)

  li gp, 7
  TRAP_EXPECT(CAUSE_USER_ECALL, 1f)
  GOTO_U(2f)
2:
  ecall
  j fail
1:
  CHECK_EPC_AT(8, trap_last_m, 2b)
  CHECK_MPP(9, MSTATUS_MPP_U)

  /* ---- ebreak ---- */
  TEST_TRAP(10, CAUSE_BREAKPOINT, ebreak)
  TEST_TRAP_IN(11, MSTATUS_MPP_S, 0, CAUSE_BREAKPOINT, ebreak)
  TEST_TRAP_IN(12, MSTATUS_MPP_U, 0, CAUSE_BREAKPOINT, ebreak)

  /* ---- illegal instructions ---- */
  TEST_TRAP(20, CAUSE_ILLEGAL_INSTRUCTION, .word 0)
  TEST_TRAP(21, CAUSE_ILLEGAL_INSTRUCTION, .word 0x00012007)   /* flw f0, 0(sp): F absent or FS = Off */
  TEST_TRAP(22, CAUSE_ILLEGAL_INSTRUCTION, .word 0x0220f053)   /* fadd.d f0, f1, f2 */
  TEST_TRAP_IN(23, MSTATUS_MPP_S, 0, CAUSE_ILLEGAL_INSTRUCTION, mret)
  TEST_TRAP_IN(24, MSTATUS_MPP_U, 0, CAUSE_ILLEGAL_INSTRUCTION, sret)
  TEST_TRAP_IN(25, MSTATUS_MPP_U, 0, CAUSE_ILLEGAL_INSTRUCTION, mret)
  TEST_TRAP_IN(26, MSTATUS_MPP_U, 0, CAUSE_ILLEGAL_INSTRUCTION, sfence.vma)
  TEST_TRAP_IN(27, MSTATUS_MPP_U, 0, CAUSE_ILLEGAL_INSTRUCTION, csrw satp, zero)
  /* TVM: satp and sfence.vma trap in S-mode */
  li t0, MSTATUS_TVM
  csrs mstatus, t0
  TEST_TRAP_IN(28, MSTATUS_MPP_S, 0, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, satp)
  TEST_TRAP_IN(29, MSTATUS_MPP_S, 0, CAUSE_ILLEGAL_INSTRUCTION, sfence.vma)
  li t0, MSTATUS_TVM
  csrc mstatus, t0
  TEST_NOTRAP_IN(30, MSTATUS_MPP_S, 0, csrr a1, satp; sfence.vma)
  /* TSR: sret traps in S-mode */
  li t0, MSTATUS_TSR
  csrs mstatus, t0
  TEST_TRAP_IN(31, MSTATUS_MPP_S, 0, CAUSE_ILLEGAL_INSTRUCTION, sret)
  li t0, MSTATUS_TSR
  csrc mstatus, t0
  /* TW: wfi in S-mode that would wait forever traps (mie = 0: nothing can wake it) */
  li t0, MSTATUS_TW
  csrs mstatus, t0
  TEST_TRAP_IN(32, MSTATUS_MPP_S, 0, CAUSE_ILLEGAL_INSTRUCTION, wfi)
  li t0, MSTATUS_TW
  csrc mstatus, t0

  /* ---- access faults: mtval is the address ---- */
  li s0, NO_MEMORY
  li gp, 40
  TRAP_EXPECT(CAUSE_LOAD_ACCESS, 1f)
  TRAP_EXPECT_TVAL(NO_MEMORY + 8)
  ld a1, 8(s0)
  j fail
1:
  li gp, 41
  TRAP_EXPECT(CAUSE_STORE_ACCESS, 1f)
  TRAP_EXPECT_TVAL(NO_MEMORY + 4)
  sw a1, 4(s0)
  j fail
1:
  li gp, 43
  TRAP_EXPECT(CAUSE_FETCH_ACCESS, 1f)
  TRAP_EXPECT_TVAL(NO_MEMORY)
  jalr s0
  j fail
1:
  li gp, 44
  la t5, trap_last_m
  ld t5, LAST_EPC(t5)
  bne t5, s0, fail                                          /* mepc = the target */
  TEST_TRAP_IN(45, MSTATUS_MPP_U, 0, CAUSE_LOAD_ACCESS, lb a1, 0(s0))
  TEST_TRAP_IN(46, MSTATUS_MPP_S, 0, CAUSE_STORE_ACCESS, sd a1, 0(s0))

  /* ---- trap entry: MPIE = old MIE, MIE = 0 ---- */
  li gp, 50
  csrsi mstatus, MSTATUS_MIE                                /* mie = 0: no interrupt */
  TRAP_EXPECT(CAUSE_BREAKPOINT, 1f)
  ebreak
  j fail
1:
  la t5, trap_last_m
  ld t5, LAST_STATUS(t5)
  andi t5, t5, MSTATUS_MPIE
  beqz t5, fail
  csrr t5, mstatus
  andi t5, t5, MSTATUS_MIE                                  /* mret of the handler restored it */
  beqz t5, fail
  csrci mstatus, MSTATUS_MIE

  /* ---- mret to M: MIE = MPIE, MPIE = 1, MPP = U (least privileged), MPRV kept ---- */
  li gp, 51
  li t0, MSTATUS_MPP | MSTATUS_MPRV
  csrs mstatus, t0                                          /* MPP = M, MPRV = 1 (bare: no effect) */
  li t0, MSTATUS_MPIE
  csrc mstatus, t0
  la t0, 1f
  csrw mepc, t0
  mret
1:
  csrr a1, mstatus
  li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV
  and a1, a1, t0
  li t6, MSTATUS_MPIE | MSTATUS_MPRV
  bne a1, t6, fail
  li gp, 52
  li t0, MSTATUS_MPP
  csrs mstatus, t0
  la t0, 1f
  csrw mepc, t0
  mret                                                      /* MPIE = 1 from case 51 */
1:
  csrr a1, mstatus
  andi a1, a1, MSTATUS_MIE
  beqz a1, fail
  csrci mstatus, MSTATUS_MIE
  /* the next trap's MPIE shows the MIE that the mret to S restored */
  li gp, 53
  TRAP_EXPECT(CAUSE_SUPERVISOR_ECALL, 1f)
  GOTO_S(2f)
2:
  li a7, 0
  ecall
  j fail
1:
  li gp, 54
  la t5, trap_last_m
  ld a1, LAST_STATUS(t5)
  andi a2, a1, MSTATUS_MPIE                                 /* MPIE was 1 before GOTO_S */
  beqz a2, fail
  li t0, MSTATUS_MPRV
  csrc mstatus, t0

  /* ---- sret: SIE = SPIE, SPIE = 1, SPP = U ---- */
  li gp, 55
  GOTO_S(2f)
2:
  li t0, MSTATUS_SPP | MSTATUS_SPIE
  csrs sstatus, t0
  csrci sstatus, MSTATUS_SIE
  la t0, 1f
  csrw sepc, t0
  sret
1:
  csrr a1, sstatus
  li t0, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE
  and a1, a1, t0
  li t6, MSTATUS_SPIE | MSTATUS_SIE
  bne a1, t6, fail
  csrci sstatus, MSTATUS_SIE
  /* sret with SPP = U enters U-mode: sstatus is then out of reach */
  li gp, 56
  ENTER_M
  TRAP_EXPECT(CAUSE_ILLEGAL_INSTRUCTION, 1f)
  GOTO_S(2f)
2:
  li t0, MSTATUS_SPP
  csrc sstatus, t0
  la t0, 3f
  csrw sepc, t0
  sret
3:
  csrr a1, sstatus
  j fail
1:
  CHECK_MPP(57, MSTATUS_MPP_U)

  /* ---- delegation to S-mode ---- */
  li t0, (1 << CAUSE_USER_ECALL) | (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_ILLEGAL_INSTRUCTION) | (1 << CAUSE_LOAD_ACCESS)
  csrw medeleg, t0
  li gp, 60
  STRAP_EXPECT_HERE(CAUSE_USER_ECALL, 1f)
  li a7, 0
  GOTO_U(2f)
2:
  ecall
  j fail
1:
  ENTER_M                                                   /* from S */
  CHECK_EPC_AT(61, trap_last_s, 2b)
  CHECK_LAST_S(62, LAST_CAUSE, CAUSE_USER_ECALL)
  li gp, 63
  la t5, trap_last_s
  ld a1, LAST_STATUS(t5)
  andi a1, a1, MSTATUS_SPP
  bnez a1, fail                                             /* came from U */
  li gp, 64
  la t5, trap_count_m
  ld s1, 0(t5)
  STRAP_EXPECT_HERE(CAUSE_BREAKPOINT, 1f)
  GOTO_U(2f)
2:
  ebreak
  j fail
1:
  ENTER_M
  li gp, 65
  la t5, trap_count_m
  ld a1, 0(t5)
  addi a1, a1, -1                                           /* only ENTER_M reached M */
  bne a1, s1, fail
  /* a delegated exception raised in S-mode is taken in S-mode, SPP = S */
  li gp, 66
  STRAP_EXPECT_HERE(CAUSE_ILLEGAL_INSTRUCTION, 1f)
  GOTO_S(2f)
2:
  mret
  j fail
1:
  ENTER_M
  li gp, 67
  la t5, trap_last_s
  ld a1, LAST_STATUS(t5)
  andi a1, a1, MSTATUS_SPP
  beqz a1, fail
  /* stval of a delegated access fault */
  li gp, 68
  STRAP_EXPECT_HERE(CAUSE_LOAD_ACCESS, 1f)
  STRAP_EXPECT_TVAL(NO_MEMORY + 16)
  GOTO_U(2f)
2:
  li s0, NO_MEMORY
  lw a1, 16(s0)
  j fail
1:
  ENTER_M
  /* exceptions in M-mode are never delegated */
  TEST_TRAP(69, CAUSE_BREAKPOINT, ebreak)
  TEST_TRAP(70, CAUSE_ILLEGAL_INSTRUCTION, .word 0)
  /* ecall from S is not delegated (bit 9 clear): M-mode */
  TEST_TRAP_IN(71, MSTATUS_MPP_S, 0, CAUSE_SUPERVISOR_ECALL, li a7, 0; ecall)
  csrw medeleg, zero

  /* ---- vectored tvec: synchronous traps still go to the base ---- */
  la t0, trap_vector_m + 1
  csrw mtvec, t0
  TEST_TRAP(80, CAUSE_BREAKPOINT, ebreak)
  TEST_TRAP_IN(81, MSTATUS_MPP_U, 0, CAUSE_USER_ECALL, li a7, 0; ecall)
  la t0, trap_vector_s + 1
  csrw stvec, t0
  li t0, 1 << CAUSE_BREAKPOINT
  csrw medeleg, t0
  li gp, 82
  STRAP_EXPECT_HERE(CAUSE_BREAKPOINT, 1f)
  GOTO_U(2f)
2:
  ebreak
  j fail
1:
  ENTER_M
  csrw medeleg, zero
  la t0, trap_vector_m
  csrw mtvec, t0
  TEST_PASS
