/* Zicntr and the machine counters: access to cycle/time/instret from S and U under
   mcounteren/scounteren, time equal to the platform's mtime, minstret counting exactly the
   retired instructions (the read is of the value before the reading instruction), a CSR
   write replacing the increment, and mcountinhibit stopping mcycle and minstret.
   QEMU 7.2 does not count instret exactly without -icount: it stops at case 10. */
#include "xenrv_test.h"

TEST_BEGIN
  /* ---- counter-enable rules ---- */
  csrw mcounteren, zero
  csrw scounteren, zero
  TEST_TRAP_IN(1, MSTATUS_MPP_S, 0, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, cycle)
  TEST_TRAP_IN(2, MSTATUS_MPP_U, 0, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, instret)
  li t0, 7
  csrw mcounteren, t0
  TEST_NOTRAP_IN(3, MSTATUS_MPP_S, 0, csrr a1, cycle; csrr a1, time; csrr a1, instret)
  TEST_TRAP_IN(4, MSTATUS_MPP_U, 0, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, time)
  li t0, 2                                                  /* TM only */
  csrw scounteren, t0
  TEST_NOTRAP_IN(5, MSTATUS_MPP_U, 0, csrr a1, time)
  TEST_TRAP_IN(6, MSTATUS_MPP_U, 0, CAUSE_ILLEGAL_INSTRUCTION, csrr a1, cycle)
  li t0, 7
  csrw scounteren, t0
  TEST_NOTRAP_IN(7, MSTATUS_MPP_U, 0, csrr a1, cycle; csrr a1, instret)

  /* ---- time is mtime ---- */
  li gp, 8
  li t0, CLINT_BASE + CLINT_MTIME
  ld a1, 0(t0)
  csrr a2, time
  ld a3, 0(t0)
  bltu a2, a1, fail
  bltu a3, a2, fail
  /* cycle and instret advance */
  li gp, 9
  csrr a1, mcycle
  csrr a2, instret
  nop
  csrr a3, mcycle
  csrr a4, instret
  bgeu a1, a3, fail
  bgeu a2, a4, fail

  /* ---- exact instruction counts ---- */
  .option push
  .option norvc
  li gp, 10
  csrr a1, minstret
  nop
  nop
  nop
  addi a0, a0, 0
  csrr a2, minstret
  sub a2, a2, a1
  li t6, 5                                                  /* the first csrr and 4 more */
  bne a2, t6, fail
  li gp, 11
  li a1, 1000
  csrw minstret, a1
  csrr a2, minstret                                         /* the write replaced the increment */
  bne a2, a1, fail
  .option pop
  li gp, 12
  csrr a1, instret
  c.nop
  c.nop
  csrr a2, instret
  sub a2, a2, a1
  li t6, 3
  bne a2, t6, fail
  /* counting stops while inhibited */
  li gp, 13
  csrwi mcountinhibit, 5                                    /* CY and IR */
  csrr a1, minstret
  csrr a3, mcycle
  nop
  nop
  csrr a2, minstret
  csrr a4, mcycle
  csrwi mcountinhibit, 0
  bne a1, a2, fail
  li gp, 14
  bne a3, a4, fail
  li gp, 15
  csrr a1, minstret                                         /* and resumes */
  csrr a2, minstret
  sub a2, a2, a1
  li t6, 1
  bne a2, t6, fail
  TEST_PASS
