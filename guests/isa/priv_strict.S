/* Privileged-architecture rules QEMU 7.2 does not follow (the rest is in csr.S, traps.S):
   1. medeleg[11] (ecall from M-mode) is read-only zero (privileged spec 1.12, 3.1.8);
      QEMU 7.2 lets it be set.
   2. CSRRS/CSRRC with rs1 != x0 write the CSR even when the register holds zero, so on a
      read-only CSR they raise illegal instruction (unprivileged spec, Zicsr); QEMU 7.2
      decides on the value instead of the register.
   3. mepc[0] and sepc[0] are always zero (IALIGN = 16); QEMU 7.2 stores the bit.
   4. All 29 hpmcounters exist (possibly read-only zero); QEMU 7.2 has only 16.
   5. mret to a mode below M clears mstatus.MPRV (privileged spec 1.12, 3.1.6.3). */
#include "xenrv_test.h"

TEST_BEGIN
  TEST_CASE(1, a4, 0, li a1, -1; csrw medeleg, a1; csrr a4, medeleg; li a1, 1 << CAUSE_MACHINE_ECALL; and a4, a4, a1)
  csrw medeleg, zero
  TEST_TRAP(2, CAUSE_ILLEGAL_INSTRUCTION, li a1, 0; csrrs a1, mimpid, a1)
  TEST_TRAP(3, CAUSE_ILLEGAL_INSTRUCTION, li a1, 0; csrrc a1, mhartid, a1)
  TEST_CASE(4, a4, 0xfffffffffffffffe, li a1, -1; csrw mepc, a1; csrr a4, mepc)
  TEST_CASE(5, a4, 0xfffffffffffffffe, li a1, -1; csrw sepc, a1; csrr a4, sepc)
  li gp, 6
  csrr a1, hpmcounter31
  csrr a1, mhpmcounter31
  csrr a1, mhpmevent31
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  TEST_TRAP_IN(7, MSTATUS_MPP_U, 0, CAUSE_USER_ECALL, li a7, 0; ecall)
  li gp, 8
  la t5, trap_last_m
  ld a1, LAST_STATUS(t5)
  li t0, MSTATUS_MPRV
  and a1, a1, t0
  bnez a1, fail
  TEST_PASS
