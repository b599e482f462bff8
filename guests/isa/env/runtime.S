/* Start code, trap handlers and the pass/fail exits shared by every ISA test. */
#include "xenrv_test.h"

  .section .text.init, "ax", @progbits
  .option norvc
  .globl _start
_start:
  la t0, trap_vector_m
  csrw mtvec, t0
  csrr a0, mhartid
  li t0, MAX_HARTS
  bgeu a0, t0, park_hart
  /* Per-hart stack and trap save areas. */
  addi t0, a0, 1
  slli t0, t0, 12
  la sp, stacks
  add sp, sp, t0
  slli t0, a0, 6
  la t1, save_m
  add t1, t1, t0
  csrw mscratch, t1
  la t1, save_s
  add t1, t1, t0
  csrw sscratch, t1
  la t0, trap_vector_s
  csrw stvec, t0
  /* Give S and U access to all of memory: QEMU denies lower modes while no PMP entry
     exists; xenrv accepts the PMP CSRs and ignores them. */
  li t0, -1
  csrw pmpaddr0, t0
  li t0, 0x1f            /* NAPOT, R W X */
  csrw pmpcfg0, t0
  /* No timer interrupt until a test asks for one. */
  slli t0, a0, 3
  li t1, CLINT_BASE + CLINT_MTIMECMP
  add t0, t0, t1
  li t1, -1
  sd t1, 0(t0)
  csrw mie, zero
  csrw mideleg, zero
  csrw medeleg, zero
  csrw satp, zero
  li t0, MSTATUS_MPP
  csrw mstatus, t0       /* MPP = M, everything else off */
  li gp, 1               /* a failure before the first case still reports case 1 */
  j test_main

  .text
  .option norvc
  .globl park_hart
park_hart:
  csrw mie, zero
1:
  wfi
  j 1b

  .globl pass
pass:
  li a7, ECALL_PASS
  ecall
  j pass

  .globl fail
fail:
  li a7, ECALL_FAIL
  ecall
  j fail

/* M-mode exits: tohost first (xenrv stops there), then the finisher (QEMU exits). */
pass_m:
  fence
  li t0, 1
  la t1, tohost
  sd t0, 0(t1)
  li t0, FINISHER_PASS
  li t1, FINISHER_BASE
  sw t0, 0(t1)
1:
  j 1b

  .globl fail_m
fail_m:
  fence
  slli t0, gp, 1
  ori t0, t0, 1
  la t1, tohost
  sd t0, 0(t1)
  /* The finisher's code becomes QEMU's exit status, which keeps 8 bits. */
  mv t0, gp
  li t1, 255
  bleu t0, t1, 2f
  mv t0, t1
2:
  slli t0, t0, 16
  li t1, FINISHER_FAIL
  or t0, t0, t1
  li t1, FINISHER_BASE
  sw t0, 0(t1)
1:
  j 1b

/* M-mode trap handler: records the trap, serves the env's ecalls, and otherwise checks
   the armed expectation. Saves t0-t3 in the per-hart area held by mscratch. */
  .align 2
  .globl trap_vector_m
trap_vector_m:
  csrrw t0, mscratch, t0
  sd t1, 0(t0)
  sd t2, 8(t0)
  sd t3, 16(t0)
  csrr t1, mscratch
  sd t1, 24(t0)
  csrw mscratch, t0

  la t2, trap_last_m
  csrr t1, mcause
  sd t1, LAST_CAUSE(t2)
  csrr t3, mepc
  sd t3, LAST_EPC(t2)
  csrr t3, mtval
  sd t3, LAST_TVAL(t2)
  csrr t3, mstatus
  sd t3, LAST_STATUS(t2)
#ifdef XENRV_H
  csrr t3, mtval2
  sd t3, LAST_TVAL2(t2)
  csrr t3, mtinst
  sd t3, LAST_TINST(t2)
#endif
  la t2, trap_count_m
  ld t3, 0(t2)
  addi t3, t3, 1
  sd t3, 0(t2)

  bltz t1, check_expect_m
  addi t3, t1, -CAUSE_USER_ECALL
  li t2, CAUSE_MACHINE_ECALL - CAUSE_USER_ECALL
  bgtu t3, t2, check_expect_m
  li t2, ECALL_PASS
  beq a7, t2, pass_m
  li t2, ECALL_FAIL
  beq a7, t2, fail_m
  li t2, ECALL_TO_M
  beq a7, t2, ecall_to_m

check_expect_m:
  la t2, trap_expect_m
  ld t3, EXP_RESUME(t2)
  beqz t3, fail_m
  ld t3, EXP_CAUSE(t2)
  bne t1, t3, fail_m
  ld t3, EXP_CHECK_TVAL(t2)
  beqz t3, 1f
  ld t3, EXP_TVAL(t2)
  csrr t1, mtval
  bne t1, t3, fail_m
1:
#ifdef XENRV_H
  ld t3, EXP_CHECK_TVAL2(t2)
  beqz t3, 1f
  ld t3, EXP_TVAL2(t2)
  csrr t1, mtval2
  bne t1, t3, fail_m
1:
#endif
  ld t3, EXP_RESUME_M(t2)
  beqz t3, 1f
  li t1, MSTATUS_MPP
  csrs mstatus, t1
  li t1, MSTATUS_MPV
  csrc mstatus, t1
1:
  ld t3, EXP_RESUME(t2)
  sd zero, EXP_RESUME(t2)
  csrw mepc, t3
  j restore_m

ecall_to_m:
  csrr t1, mepc
  addi t1, t1, 4
  csrw mepc, t1
  li t1, MSTATUS_MPP
  csrs mstatus, t1
  li t1, MSTATUS_MPV
  csrc mstatus, t1

restore_m:
  ld t1, 0(t0)
  ld t2, 8(t0)
  ld t3, 16(t0)
  ld t0, 24(t0)
  mret

/* S-mode (and, at V=1, VS-mode) handler: the same, with the supervisor CSRs. An
   unexpected trap fails through an ecall to M-mode. */
  .align 2
  .globl trap_vector_s
trap_vector_s:
  csrrw t0, sscratch, t0
  sd t1, 0(t0)
  sd t2, 8(t0)
  sd t3, 16(t0)
  csrr t1, sscratch
  sd t1, 24(t0)
  csrw sscratch, t0

  la t2, trap_last_s
  csrr t1, scause
  sd t1, LAST_CAUSE(t2)
  csrr t3, sepc
  sd t3, LAST_EPC(t2)
  csrr t3, stval
  sd t3, LAST_TVAL(t2)
  csrr t3, sstatus
  sd t3, LAST_STATUS(t2)
  la t2, trap_count_s
  ld t3, 0(t2)
  addi t3, t3, 1
  sd t3, 0(t2)

  bltz t1, 2f
  addi t3, t1, -CAUSE_USER_ECALL
  li t2, CAUSE_MACHINE_ECALL - CAUSE_USER_ECALL
  bgtu t3, t2, 2f
  li t2, ECALL_PASS
  beq a7, t2, 1f
  li t2, ECALL_FAIL
  bne a7, t2, 2f
1:
  ecall                   /* forward pass/fail to M-mode; does not return */
2:
  la t2, trap_expect_s
  ld t3, EXP_RESUME(t2)
  beqz t3, fail
  ld t3, EXP_CAUSE(t2)
  bne t1, t3, fail
  ld t3, EXP_CHECK_TVAL(t2)
  beqz t3, 1f
  ld t3, EXP_TVAL(t2)
  csrr t1, stval
  bne t1, t3, fail
1:
  ld t3, EXP_RESUME_M(t2)
  beqz t3, 1f
  li t1, MSTATUS_SPP
  csrs sstatus, t1
1:
  ld t3, EXP_RESUME(t2)
  sd zero, EXP_RESUME(t2)
  csrw sepc, t3
  ld t1, 0(t0)
  ld t2, 8(t0)
  ld t3, 16(t0)
  ld t0, 24(t0)
  sret

  .section .tohost, "aw", @progbits
  .align 6
  .globl tohost
tohost: .dword 0
  .align 6
  .globl fromhost
fromhost: .dword 0

  .bss
  .align 12
  .globl stacks
stacks: .skip STACK_SIZE * MAX_HARTS
save_m: .skip 64 * MAX_HARTS
save_s: .skip 64 * MAX_HARTS
  .align 3
  .globl trap_last_m, trap_last_s, trap_expect_m, trap_expect_s, trap_count_m, trap_count_s
trap_last_m: .skip LAST_SIZE
trap_last_s: .skip LAST_SIZE
trap_expect_m: .skip EXP_SIZE
trap_expect_s: .skip EXP_SIZE
trap_count_m: .dword 0
trap_count_s: .dword 0
