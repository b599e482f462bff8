/* RV64A: every AMO at both widths with each ordering (none, aq, rl, aqrl); LR/SC at both
   widths and orderings, SC failure without a reservation and outside the reservation set.
   Misaligned atomics are in amo_misaligned.S. */
#include "xenrv_test.h"

/* rd gets the old value, memory the combined one. */
#define TEST_AMO_D(n, inst, init, operand, result)                          \
  li gp, n;                                                                 \
  la a1, amo_area;                                                          \
  li a2, init;                                                              \
  sd a2, 0(a1);                                                             \
  li a3, operand;                                                           \
  inst a4, a3, (a1);                                                        \
  li t6, init;                                                              \
  bne a4, t6, fail;                                                         \
  ld a5, 0(a1);                                                             \
  li t6, result;                                                            \
  bne a5, t6, fail

/* The word variants sign-extend the old value and leave the next word alone. */
#define TEST_AMO_W(n, inst, init, operand, result)                          \
  li gp, n;                                                                 \
  la a1, amo_area;                                                          \
  li a2, 0x5a5a5a5a00000000 | init;                                         \
  sd a2, 0(a1);                                                             \
  li a3, 0x1234567800000000 | operand;                                      \
  inst a4, a3, (a1);                                                        \
  li t6, init;                                                              \
  sext.w t6, t6;                                                            \
  bne a4, t6, fail;                                                         \
  ld a5, 0(a1);                                                             \
  li t6, 0x5a5a5a5a00000000 | result;                                       \
  bne a5, t6, fail

/* lr then sc to the same place: sc writes and returns 0. */
#define TEST_LRSC(n, lr, sc, ldi, value)                                    \
  li gp, n;                                                                 \
  la a1, amo_area;                                                          \
  li a2, value;                                                             \
  sd a2, 0(a1);                                                             \
  lr a4, (a1);                                                              \
  ldi t6, 0(a1);                                                            \
  bne a4, t6, fail;                                                         \
  addi a4, a4, 1;                                                           \
  sc a5, a4, (a1);                                                          \
  bnez a5, fail;                                                            \
  ldi t6, 0(a1);                                                            \
  bne a4, t6, fail

TEST_BEGIN
  TEST_AMO_D(1, amoswap.d, 0x8000000000000001, 0x0000000000000002, 0x0000000000000002)
  TEST_AMO_D(2, amoswap.d.aq, 0x00000000000000ff, 0xffffffffffffff00, 0xffffffffffffff00)
  TEST_AMO_D(3, amoswap.d.rl, 0x7fffffffffffffff, 0x0000000000000001, 0x0000000000000001)
  TEST_AMO_D(4, amoswap.d.aqrl, 0xfedcba9876543210, 0x0123456789abcdef, 0x0123456789abcdef)
  TEST_AMO_D(5, amoadd.d, 0x8000000000000001, 0x0000000000000002, 0x8000000000000003)
  TEST_AMO_D(6, amoadd.d.aq, 0x00000000000000ff, 0xffffffffffffff00, 0xffffffffffffffff)
  TEST_AMO_D(7, amoadd.d.rl, 0x7fffffffffffffff, 0x0000000000000001, 0x8000000000000000)
  TEST_AMO_D(8, amoadd.d.aqrl, 0xfedcba9876543210, 0x0123456789abcdef, 0xffffffffffffffff)
  TEST_AMO_D(9, amoxor.d, 0x8000000000000001, 0x0000000000000002, 0x8000000000000003)
  TEST_AMO_D(10, amoxor.d.aq, 0x00000000000000ff, 0xffffffffffffff00, 0xffffffffffffffff)
  TEST_AMO_D(11, amoxor.d.rl, 0x7fffffffffffffff, 0x0000000000000001, 0x7ffffffffffffffe)
  TEST_AMO_D(12, amoxor.d.aqrl, 0xfedcba9876543210, 0x0123456789abcdef, 0xffffffffffffffff)
  TEST_AMO_D(13, amoand.d, 0x8000000000000001, 0x0000000000000002, 0x0000000000000000)
  TEST_AMO_D(14, amoand.d.aq, 0x00000000000000ff, 0xffffffffffffff00, 0x0000000000000000)
  TEST_AMO_D(15, amoand.d.rl, 0x7fffffffffffffff, 0x0000000000000001, 0x0000000000000001)
  TEST_AMO_D(16, amoand.d.aqrl, 0xfedcba9876543210, 0x0123456789abcdef, 0x0000000000000000)
  TEST_AMO_D(17, amoor.d, 0x8000000000000001, 0x0000000000000002, 0x8000000000000003)
  TEST_AMO_D(18, amoor.d.aq, 0x00000000000000ff, 0xffffffffffffff00, 0xffffffffffffffff)
  TEST_AMO_D(19, amoor.d.rl, 0x7fffffffffffffff, 0x0000000000000001, 0x7fffffffffffffff)
  TEST_AMO_D(20, amoor.d.aqrl, 0xfedcba9876543210, 0x0123456789abcdef, 0xffffffffffffffff)
  TEST_AMO_D(21, amomin.d, 0x8000000000000001, 0x0000000000000002, 0x8000000000000001)
  TEST_AMO_D(22, amomin.d.aq, 0x00000000000000ff, 0xffffffffffffff00, 0xffffffffffffff00)
  TEST_AMO_D(23, amomin.d.rl, 0x7fffffffffffffff, 0x0000000000000001, 0x0000000000000001)
  TEST_AMO_D(24, amomin.d.aqrl, 0xfedcba9876543210, 0x0123456789abcdef, 0xfedcba9876543210)
  TEST_AMO_D(25, amomax.d, 0x8000000000000001, 0x0000000000000002, 0x0000000000000002)
  TEST_AMO_D(26, amomax.d.aq, 0x00000000000000ff, 0xffffffffffffff00, 0x00000000000000ff)
  TEST_AMO_D(27, amomax.d.rl, 0x7fffffffffffffff, 0x0000000000000001, 0x7fffffffffffffff)
  TEST_AMO_D(28, amomax.d.aqrl, 0xfedcba9876543210, 0x0123456789abcdef, 0x0123456789abcdef)
  TEST_AMO_D(29, amominu.d, 0x8000000000000001, 0x0000000000000002, 0x0000000000000002)
  TEST_AMO_D(30, amominu.d.aq, 0x00000000000000ff, 0xffffffffffffff00, 0x00000000000000ff)
  TEST_AMO_D(31, amominu.d.rl, 0x7fffffffffffffff, 0x0000000000000001, 0x0000000000000001)
  TEST_AMO_D(32, amominu.d.aqrl, 0xfedcba9876543210, 0x0123456789abcdef, 0x0123456789abcdef)
  TEST_AMO_D(33, amomaxu.d, 0x8000000000000001, 0x0000000000000002, 0x8000000000000001)
  TEST_AMO_D(34, amomaxu.d.aq, 0x00000000000000ff, 0xffffffffffffff00, 0xffffffffffffff00)
  TEST_AMO_D(35, amomaxu.d.rl, 0x7fffffffffffffff, 0x0000000000000001, 0x7fffffffffffffff)
  TEST_AMO_D(36, amomaxu.d.aqrl, 0xfedcba9876543210, 0x0123456789abcdef, 0xfedcba9876543210)

  TEST_AMO_W(37, amoswap.w, 0x80000001, 0x00000002, 0x00000002)
  TEST_AMO_W(38, amoswap.w.aq, 0x000000ff, 0xffffff00, 0xffffff00)
  TEST_AMO_W(39, amoswap.w.rl, 0x7fffffff, 0x00000001, 0x00000001)
  TEST_AMO_W(40, amoswap.w.aqrl, 0x76543210, 0x89abcdef, 0x89abcdef)
  TEST_AMO_W(41, amoadd.w, 0x80000001, 0x00000002, 0x80000003)
  TEST_AMO_W(42, amoadd.w.aq, 0x000000ff, 0xffffff00, 0xffffffff)
  TEST_AMO_W(43, amoadd.w.rl, 0x7fffffff, 0x00000001, 0x80000000)
  TEST_AMO_W(44, amoadd.w.aqrl, 0x76543210, 0x89abcdef, 0xffffffff)
  TEST_AMO_W(45, amoxor.w, 0x80000001, 0x00000002, 0x80000003)
  TEST_AMO_W(46, amoxor.w.aq, 0x000000ff, 0xffffff00, 0xffffffff)
  TEST_AMO_W(47, amoxor.w.rl, 0x7fffffff, 0x00000001, 0x7ffffffe)
  TEST_AMO_W(48, amoxor.w.aqrl, 0x76543210, 0x89abcdef, 0xffffffff)
  TEST_AMO_W(49, amoand.w, 0x80000001, 0x00000002, 0x00000000)
  TEST_AMO_W(50, amoand.w.aq, 0x000000ff, 0xffffff00, 0x00000000)
  TEST_AMO_W(51, amoand.w.rl, 0x7fffffff, 0x00000001, 0x00000001)
  TEST_AMO_W(52, amoand.w.aqrl, 0x76543210, 0x89abcdef, 0x00000000)
  TEST_AMO_W(53, amoor.w, 0x80000001, 0x00000002, 0x80000003)
  TEST_AMO_W(54, amoor.w.aq, 0x000000ff, 0xffffff00, 0xffffffff)
  TEST_AMO_W(55, amoor.w.rl, 0x7fffffff, 0x00000001, 0x7fffffff)
  TEST_AMO_W(56, amoor.w.aqrl, 0x76543210, 0x89abcdef, 0xffffffff)
  TEST_AMO_W(57, amomin.w, 0x80000001, 0x00000002, 0x80000001)
  TEST_AMO_W(58, amomin.w.aq, 0x000000ff, 0xffffff00, 0xffffff00)
  TEST_AMO_W(59, amomin.w.rl, 0x7fffffff, 0x00000001, 0x00000001)
  TEST_AMO_W(60, amomin.w.aqrl, 0x76543210, 0x89abcdef, 0x89abcdef)
  TEST_AMO_W(61, amomax.w, 0x80000001, 0x00000002, 0x00000002)
  TEST_AMO_W(62, amomax.w.aq, 0x000000ff, 0xffffff00, 0x000000ff)
  TEST_AMO_W(63, amomax.w.rl, 0x7fffffff, 0x00000001, 0x7fffffff)
  TEST_AMO_W(64, amomax.w.aqrl, 0x76543210, 0x89abcdef, 0x76543210)
  TEST_AMO_W(65, amominu.w, 0x80000001, 0x00000002, 0x00000002)
  TEST_AMO_W(66, amominu.w.aq, 0x000000ff, 0xffffff00, 0x000000ff)
  TEST_AMO_W(67, amominu.w.rl, 0x7fffffff, 0x00000001, 0x00000001)
  TEST_AMO_W(68, amominu.w.aqrl, 0x76543210, 0x89abcdef, 0x76543210)
  TEST_AMO_W(69, amomaxu.w, 0x80000001, 0x00000002, 0x80000001)
  TEST_AMO_W(70, amomaxu.w.aq, 0x000000ff, 0xffffff00, 0xffffff00)
  TEST_AMO_W(71, amomaxu.w.rl, 0x7fffffff, 0x00000001, 0x7fffffff)
  TEST_AMO_W(72, amomaxu.w.aqrl, 0x76543210, 0x89abcdef, 0x89abcdef)

  /* rd = x0 still performs the memory update */
  li gp, 80
  la a1, amo_area
  sd zero, 0(a1)
  li a3, 5
  amoadd.d x0, a3, (a1)
  ld a5, 0(a1)
  bne a5, a3, fail

  TEST_LRSC(81, lr.d, sc.d, ld, 0x8000000000000000)
  TEST_LRSC(82, lr.d.aq, sc.d.rl, ld, 0x0000000000001234)
  TEST_LRSC(83, lr.d.aqrl, sc.d.aqrl, ld, 0xfffffffffffffffe)
  TEST_LRSC(84, lr.d.rl, sc.d.aq, ld, 0x7fffffffffffffff)
  TEST_LRSC(85, lr.w, sc.w, lw, 0xffffffff80000000)           /* lr.w sign-extends */
  TEST_LRSC(86, lr.w.aq, sc.w.rl, lw, 0x0000000000001234)
  TEST_LRSC(87, lr.w.aqrl, sc.w.aqrl, lw, 0x000000007ffffffe)
  TEST_LRSC(88, lr.w.rl, sc.w.aq, lw, 0xfffffffffffffff0)

  /* Any SC ends the reservation: a second SC fails and leaves memory alone. */
  li gp, 90
  la a1, amo_area
  sd zero, 0(a1)
  lr.d a4, (a1)
  li a2, 7
  sc.d a5, a2, (a1)
  bnez a5, fail
  li a2, 9
  sc.d a5, a2, (a1)
  beqz a5, fail
  ld a4, 0(a1)
  li t6, 7
  bne a4, t6, fail

  /* An SC outside the reservation set of the last LR fails. */
  li gp, 91
  la a1, amo_area
  la a2, amo_far
  sd zero, 0(a2)
  lr.w a4, (a1)
  li a3, 1
  sc.w a5, a3, (a2)
  beqz a5, fail
  ld a4, 0(a2)
  bnez a4, fail

  /* SC.W stores only 32 bits. */
  li gp, 92
  la a1, amo_area
  li a2, -1
  sd a2, 0(a1)
  lr.w a4, (a1)
  sc.w a5, zero, (a1)
  bnez a5, fail
  ld a4, 0(a1)
  li t6, 0xffffffff00000000
  bne a4, t6, fail

  TEST_PASS

  .bss
  .align 4
amo_area: .skip 16
  .align 12
amo_far: .skip 8
