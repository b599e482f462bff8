/* Exceptions of atomics. Misaligned atomics trap instead of being emulated: AMOs and
   SC.W/SC.D with the store/AMO address-misaligned cause (6), LR.W/LR.D with load
   address-misaligned (4), mtval = the address, memory unchanged. An AMO or SC where there is
   no memory raises a store/AMO access fault (7), LR a load access fault (5).
   QEMU 7.2 reports the load causes (4, 5) for AMOs and lets a misaligned SC fail quietly;
   it stops at case 1. */
#include "xenrv_test.h"

TEST_BEGIN
  la s0, amo_area
  li a2, -1
  sd a2, 0(s0)
  sd zero, 8(s0)
  li a3, 0x55
  li gp, 1
  addi s1, s0, 2
  TRAP_EXPECT(CAUSE_MISALIGNED_STORE, 1f)
  TRAP_EXPECT_TVAL_REG(s1)
  amoadd.w a4, a3, (s1)
  j fail
1:
  li gp, 2
  addi s1, s0, 4
  TRAP_EXPECT(CAUSE_MISALIGNED_STORE, 1f)
  TRAP_EXPECT_TVAL_REG(s1)
  amoswap.d.aqrl a4, a3, (s1)
  j fail
1:
  li gp, 3
  addi s1, s0, 1
  TRAP_EXPECT(CAUSE_MISALIGNED_STORE, 1f)
  TRAP_EXPECT_TVAL_REG(s1)
  amomaxu.d a4, a3, (s1)
  j fail
1:
  li gp, 4
  addi s1, s0, 6
  TRAP_EXPECT(CAUSE_MISALIGNED_LOAD, 1f)
  TRAP_EXPECT_TVAL_REG(s1)
  lr.w a4, (s1)
  j fail
1:
  li gp, 5
  addi s1, s0, 4
  TRAP_EXPECT(CAUSE_MISALIGNED_LOAD, 1f)
  TRAP_EXPECT_TVAL_REG(s1)
  lr.d a4, (s1)
  j fail
1:
  li gp, 6
  addi s1, s0, 3
  lr.w a4, (s0)
  TRAP_EXPECT(CAUSE_MISALIGNED_STORE, 1f)
  TRAP_EXPECT_TVAL_REG(s1)
  sc.w a5, a3, (s1)
  j fail
1:
  li gp, 7
  addi s1, s0, 4
  lr.d a4, (s0)
  TRAP_EXPECT(CAUSE_MISALIGNED_STORE, 1f)
  TRAP_EXPECT_TVAL_REG(s1)
  sc.d a5, a3, (s1)
  j fail
1:
  /* The faulting AMO changed nothing. */
  li gp, 8
  ld a4, 0(s0)
  ld a5, 8(s0)
  li t6, -1
  bne a4, t6, fail
  bnez a5, fail
  li s0, 0x100000000                                 /* neither RAM nor a device */
  TEST_TRAP(10, CAUSE_STORE_ACCESS, amoadd.d a1, a1, (s0))
  TEST_TRAP(11, CAUSE_STORE_ACCESS, amoor.w.aq a1, a1, (s0))
  TEST_TRAP(12, CAUSE_LOAD_ACCESS, lr.d a1, (s0))
  TEST_PASS

  .bss
  .align 4
amo_area: .skip 16
