/* Test environment for xenrv's ISA tests (assembly, preprocessed by cpp).
 *
 * Conventions
 * - gp (x3) holds the number of the running test case; t6 (x31) is scratch for the macros,
 *   so test code keeps its own values out of gp and t6.
 * - A test file defines `test_main`, entered in M-mode on every hart with a0 = hart id and a
 *   4 KiB stack in sp. TEST_BEGIN parks every hart but hart 0; TEST_BEGIN_SMP keeps them.
 * - `pass` / `fail` work from any privilege mode: they ecall to the M-mode handler, which
 *   stores 1 (or (gp << 1) | 1) to `tohost` and then writes the SiFive test finisher, so
 *   the same ELF ends a run on xenrv (HTIF) and on QEMU virt (finisher exit code = gp).
 * - Expected traps: TRAP_EXPECT arms a one-shot expectation (cause, resume address, where to
 *   resume) checked by the handler; any other trap fails the running case.
 */
#ifndef XENRV_TEST_H
#define XENRV_TEST_H

#include "xenrv_csr.h"

#define MAX_HARTS 8
#define STACK_SIZE 4096

/* a7 values understood by the M-mode handler on an ecall from any mode. */
#define ECALL_TO_M 0x7e570001
#define ECALL_PASS 0x7e570002
#define ECALL_FAIL 0x7e570003

/* Layout of a trap expectation (trap_expect_m / trap_expect_s). */
#define EXP_RESUME 0      /* resume address; 0 = no trap expected */
#define EXP_CAUSE 8
#define EXP_CHECK_TVAL 16 /* non-zero: tval must equal EXP_TVAL */
#define EXP_TVAL 24
#define EXP_RESUME_M 32   /* non-zero: resume in the handler's own mode (M with V=0, or S) */
#define EXP_CHECK_TVAL2 40 /* non-zero (M handler, H builds): mtval2 must equal EXP_TVAL2 */
#define EXP_TVAL2 48
#define EXP_SIZE 56

/* Layout of the record of the last trap (trap_last_m / trap_last_s). */
#define LAST_CAUSE 0
#define LAST_EPC 8
#define LAST_TVAL 16
#define LAST_STATUS 24
#define LAST_TVAL2 32
#define LAST_TINST 40
#define LAST_SIZE 48

/* Physical devices of the platform (QEMU virt layout). */
#define FINISHER_BASE 0x100000
#define FINISHER_PASS 0x5555
#define FINISHER_FAIL 0x3333
#define CLINT_BASE 0x2000000
#define CLINT_MSIP 0x0
#define CLINT_MTIMECMP 0x4000
#define CLINT_MTIME 0xbff8
#define PLIC_BASE 0xc000000
#define UART_BASE 0x10000000
#define UART_IRQ 10

#ifdef __ASSEMBLER__

#define TEST_BEGIN                                                          \
  .text;                                                                    \
  .globl test_main;                                                         \
  test_main:                                                                \
  bnez a0, park_hart;

#define TEST_BEGIN_SMP                                                      \
  .text;                                                                    \
  .globl test_main;                                                         \
  test_main:

#define TEST_PASS j pass

/* ---- switching privilege mode (from M-mode) ---------------------------- */

#define MRET_TO(mpp, mpv, label)                                            \
  li t6, MSTATUS_MPP | MSTATUS_MPV;                                    \
  csrc mstatus, t6;                                                         \
  li t6, (mpp) | (mpv);                                                     \
  csrs mstatus, t6;                                                         \
  la t6, label;                                                             \
  csrw mepc, t6;                                                            \
  mret

#define GOTO_S(label) MRET_TO(MSTATUS_MPP_S, 0, label)
#define GOTO_U(label) MRET_TO(MSTATUS_MPP_U, 0, label)
#define GOTO_VS(label) MRET_TO(MSTATUS_MPP_S, MSTATUS_MPV, label)
#define GOTO_VU(label) MRET_TO(MSTATUS_MPP_U, MSTATUS_MPV, label)

/* Back to M-mode from any mode (clobbers a7). Execution continues after the ecall. */
#define ENTER_M                                                             \
  li a7, ECALL_TO_M;                                                        \
  ecall

/* ---- expected traps ----------------------------------------------------- */

/* Arm a handler: the next trap must have `cause`; execution resumes at `resume` in the
   handler's mode (resume_m = 1: M-mode for TRAP_EXPECT, S-mode for STRAP_EXPECT_HERE) or in
   the trapping mode (resume_m = 0). Clobbers t6, t5. */
#define TRAP_EXPECT_AT(block, cause, resume, resume_m)                      \
  la t5, block;                                                             \
  la t6, resume;                                                            \
  sd t6, EXP_RESUME(t5);                                                    \
  li t6, cause;                                                             \
  sd t6, EXP_CAUSE(t5);                                                     \
  sd zero, EXP_CHECK_TVAL(t5);                                              \
  sd zero, EXP_CHECK_TVAL2(t5);                                             \
  li t6, resume_m;                                                          \
  sd t6, EXP_RESUME_M(t5)

#define TRAP_EXPECT(cause, resume) TRAP_EXPECT_AT(trap_expect_m, cause, resume, 1)
#define TRAP_EXPECT_STAY(cause, resume) TRAP_EXPECT_AT(trap_expect_m, cause, resume, 0)
#define STRAP_EXPECT(cause, resume) TRAP_EXPECT_AT(trap_expect_s, cause, resume, 0)
#define STRAP_EXPECT_HERE(cause, resume) TRAP_EXPECT_AT(trap_expect_s, cause, resume, 1)

/* After TRAP_EXPECT*: the trap must also report this tval (mtval/stval). */
#define TRAP_EXPECT_TVAL_AT(block, value)                                   \
  la t5, block;                                                             \
  li t6, value;                                                             \
  sd t6, EXP_TVAL(t5);                                                      \
  sd t5, EXP_CHECK_TVAL(t5)
#define TRAP_EXPECT_TVAL(value) TRAP_EXPECT_TVAL_AT(trap_expect_m, value)
#define STRAP_EXPECT_TVAL(value) TRAP_EXPECT_TVAL_AT(trap_expect_s, value)
/* Same with a register (for addresses of labels). */
#define TRAP_EXPECT_TVAL_REG_AT(block, reg)                                 \
  la t5, block;                                                             \
  sd reg, EXP_TVAL(t5);                                                     \
  sd t5, EXP_CHECK_TVAL(t5)
#define TRAP_EXPECT_TVAL_REG(reg) TRAP_EXPECT_TVAL_REG_AT(trap_expect_m, reg)
#define STRAP_EXPECT_TVAL_REG(reg) TRAP_EXPECT_TVAL_REG_AT(trap_expect_s, reg)
/* After TRAP_EXPECT*: mtval2 must equal value (guest-physical address >> 2). */
#define TRAP_EXPECT_TVAL2(value)                                            \
  la t5, trap_expect_m;                                                     \
  li t6, value;                                                             \
  sd t6, EXP_TVAL2(t5);                                                     \
  sd t5, EXP_CHECK_TVAL2(t5)

/* Fail case n unless the last M-mode trap record field equals value (clobbers t5, t6). */
#define CHECK_LAST_AT(n, block, field, value)                               \
  li gp, n;                                                                 \
  la t5, block;                                                             \
  ld t5, field(t5);                                                         \
  li t6, value;                                                             \
  bne t5, t6, fail
#define CHECK_LAST(n, field, value) CHECK_LAST_AT(n, trap_last_m, field, value)
#define CHECK_LAST_S(n, field, value) CHECK_LAST_AT(n, trap_last_s, field, value)

/* Case n: `code` (in the current mode M) must trap with `cause` and resume after it. */
#define TEST_TRAP(n, cause, code...)                                        \
  li gp, n;                                                                 \
  TRAP_EXPECT(cause, 1f);                                                   \
  code;                                                                     \
  j fail;                                                                   \
1:

/* Case n: `code` run in mode `mpp` must trap to M with `cause`; resumes in M. */
#define TEST_TRAP_IN(n, mpp, mpv, cause, code...)                           \
  li gp, n;                                                                 \
  TRAP_EXPECT(cause, 1f);                                                   \
  MRET_TO(mpp, mpv, 2f);                                                    \
2:                                                                          \
  code;                                                                     \
  j fail;                                                                   \
1:

/* Case n: `code` run in mode `mpp` must not trap; back in M afterwards. */
#define TEST_NOTRAP_IN(n, mpp, mpv, code...)                                \
  li gp, n;                                                                 \
  MRET_TO(mpp, mpv, 2f);                                                    \
2:                                                                          \
  code;                                                                     \
  ENTER_M

/* ---- value checks ------------------------------------------------------- */

#define TEST_CASE(n, reg, expected, code...)                                \
  li gp, n;                                                                 \
  code;                                                                     \
  li t6, expected;                                                          \
  bne reg, t6, fail

/* Register-register op, plus the same op with rd aliasing each source. */
#define TEST_RR(n, inst, result, v1, v2)                                    \
  TEST_CASE(n, a4, result, li a1, v1; li a2, v2; inst a4, a1, a2);          \
  TEST_CASE(n, a1, result, li a1, v1; li a2, v2; inst a1, a1, a2);          \
  TEST_CASE(n, a2, result, li a1, v1; li a2, v2; inst a2, a1, a2)

#define TEST_RR_SAME(n, inst, result, v1)                                   \
  TEST_CASE(n, a4, result, li a1, v1; inst a4, a1, a1)

#define TEST_IMM(n, inst, result, v1, imm)                                  \
  TEST_CASE(n, a4, result, li a1, v1; inst a4, a1, imm);                    \
  TEST_CASE(n, a1, result, li a1, v1; inst a1, a1, imm)

/* Load from `base + offset` (base is a label), expecting `result`. */
#define TEST_LOAD(n, inst, result, offset, base)                            \
  TEST_CASE(n, a4, result, la a1, base; inst a4, offset(a1))

/* Store `value` with `st` then read it back with `ld`. */
#define TEST_STORE(n, ld_inst, st_inst, result, value, offset, base)        \
  TEST_CASE(n, a4, result, la a1, base; li a2, value; st_inst a2, offset(a1); \
            ld_inst a4, offset(a1))

/* Branch taken (taken = 1) or not taken (0). */
#define TEST_BRANCH(n, inst, taken, v1, v2)                                 \
  li gp, n;                                                                 \
  li a1, v1;                                                                \
  li a2, v2;                                                                \
  inst a1, a2, 3f;                                                          \
  .if taken;                                                                \
  j fail;                                                                   \
  .else;                                                                    \
  j 4f;                                                                     \
  .endif;                                                                   \
3:                                                                          \
  .if !taken;                                                               \
  j fail;                                                                   \
  .endif;                                                                   \
4:

/* Case n: `reg` (a register) must equal the 64-bit value at label `expected_label`. */
#define CHECK_MEM64(n, reg, label)                                          \
  li gp, n;                                                                 \
  la t6, label;                                                             \
  ld t6, 0(t6);                                                             \
  bne reg, t6, fail

#endif /* __ASSEMBLER__ */
#endif /* XENRV_TEST_H */
