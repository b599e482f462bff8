/* RV64C: every compressed instruction of RV64C without floating point, in all three
   quadrants: values, immediate ranges (sign extension, scaled offsets), links of 2-byte
   jumps, branches taken and not taken, c.ebreak, and the all-zero illegal instruction. */
#include "xenrv_test.h"

TEST_BEGIN
  mv s11, sp
  la sp, cbuf                       /* sp-relative forms address this buffer */

  /* ---- quadrant 0 ---- */
  li gp, 1
  c.addi4spn s0, sp, 1020
  sub a5, s0, sp
  li t6, 1020
  bne a5, t6, fail
  li gp, 2
  c.addi4spn a5, sp, 4
  sub a5, a5, sp
  li t6, 4
  bne a5, t6, fail

  la a0, cdata
  TEST_CASE(3, s1, 0xffffffff80000001, c.lw s1, 0(a0))
  TEST_CASE(4, s1, 0x000000007ffffffe, c.lw s1, 124(a0))
  TEST_CASE(5, a1, 0x8000000000000001, c.ld a1, 8(a0))
  TEST_CASE(6, a1, 0x0123456789abcdef, c.ld a1, 248(a0))
  li gp, 7
  la a0, cbuf
  li a2, 0x1122334455667788
  c.sw a2, 124(a0)
  c.sd a2, 248(a0)
  lwu a3, 124(a0)
  li t6, 0x55667788
  bne a3, t6, fail
  ld a3, 248(a0)
  bne a3, a2, fail

  /* ---- quadrant 1 ---- */
  li gp, 10
  c.nop
  TEST_CASE(11, a0, 31, li a0, 0; c.addi a0, 31)
  TEST_CASE(12, a0, -33, li a0, -1; c.addi a0, -32)
  TEST_CASE(13, s0, 0xffffffff80000000, li s0, 0x7fffffff; c.addiw s0, 1)
  TEST_CASE(14, s0, 0x0000000000000005, li s0, 0xffffffff00000005; c.addiw s0, 0)
  TEST_CASE(15, a0, -32, c.li a0, -32)
  TEST_CASE(16, a5, 31, c.li a5, 31)
  li gp, 17
  mv a4, sp
  c.addi16sp sp, -512
  sub a5, a4, sp
  li t6, 512
  bne a5, t6, fail
  c.addi16sp sp, 496
  sub a5, a4, sp
  li t6, 16
  bne a5, t6, fail
  c.addi16sp sp, 16
  TEST_CASE(18, a0, 0x000000000001f000, c.lui a0, 0x1f)
  TEST_CASE(19, a0, 0xfffffffffffff000, c.lui a0, 0xfffff)
  TEST_CASE(20, a0, 0xfffffffffffe0000, c.lui a0, 0xfffe0)
  TEST_CASE(21, s0, 0x0000000000000001, li s0, 0x8000000000000000; c.srli s0, 63)
  TEST_CASE(22, s0, 0x00000000f0000000, li s0, 0xf000000000000000; c.srli s0, 32)
  TEST_CASE(23, s1, 0xc000000000000000, li s1, 0x8000000000000000; c.srai s1, 1)
  TEST_CASE(24, s1, 0xffffffffffffffff, li s1, 0x8000000000000000; c.srai s1, 63)
  TEST_CASE(25, a3, 0x0000000000000010, li a3, 0xff0; c.andi a3, 31)
  TEST_CASE(26, a3, 0xffffffffffffffe0, li a3, -1; c.andi a3, -32)
  TEST_CASE(27, a4, 0xfffffffffffffffe, li a4, 1; li a5, 3; c.sub a4, a5)
  TEST_CASE(28, a4, 0xf00ff00ff00ff00f, li a4, 0xff00ff00ff00ff00; li a5, 0x0f0f0f0f0f0f0f0f; c.xor a4, a5)
  TEST_CASE(29, a4, 0xff0fff0fff0fff0f, li a4, 0xff00ff00ff00ff00; li a5, 0x0f0f0f0f0f0f0f0f; c.or a4, a5)
  TEST_CASE(30, a4, 0x0f000f000f000f00, li a4, 0xff00ff00ff00ff00; li a5, 0x0f0f0f0f0f0f0f0f; c.and a4, a5)
  TEST_CASE(31, s0, 0xffffffff80000000, li s0, 0x7fffffff; li s1, -1; c.subw s0, s1)
  TEST_CASE(32, s0, 0x000000007fffffff, li s0, 0x80000000; li s1, 1; c.subw s0, s1)
  TEST_CASE(33, s0, 0xffffffff80000000, li s0, 0x7fffffff; li s1, 1; c.addw s0, s1)
  TEST_CASE(34, s0, 0x0000000000000000, li s0, 0x1ffffffff; li s1, 1; c.addw s0, s1)

  li gp, 35
  c.j 1f
  j fail
2:
  c.j 3f                            /* backward then forward */
  j fail
1:
  c.j 2b
  j fail
3:
  li gp, 36
  li a0, 0
  c.beqz a0, 1f
  j fail
1:
  li a0, 1
  c.beqz a0, fail
  li gp, 37
  li s0, 3
  li a1, 0
1:
  addi a1, a1, 1
  addi s0, s0, -1
  c.bnez s0, 1b                      /* taken twice backward, then falls through */
  li t6, 3
  bne a1, t6, fail
  li gp, 38
  li a0, 0x100000000                 /* bnez tests all 64 bits */
  c.bnez a0, 1f
  j fail
1:

  /* ---- quadrant 2 ---- */
  TEST_CASE(40, a0, 0x8000000000000000, li a0, 1; c.slli a0, 63)
  TEST_CASE(41, t0, 0x0000000300000000, li t0, 3; c.slli t0, 32)
  li gp, 42
  li a0, 0xfedcba9876543210
  c.sdsp a0, 504(sp)
  c.swsp a0, 252(sp)
  c.swsp a0, 0(sp)
  ld a1, 504(sp)
  bne a0, a1, fail
  c.lwsp a2, 252(sp)
  li t6, 0x0000000076543210
  bne a2, t6, fail
  c.ldsp ra, 504(sp)
  bne ra, a0, fail
  li gp, 43
  li t6, 0x0000000076543210
  c.lwsp s5, 0(sp)
  bne s5, t6, fail
  la a1, cdata
  ld a2, 0(a1)
  sd a2, 8(sp)
  c.lwsp t1, 8(sp)                  /* sign extension on the sp form */
  li t6, 0xffffffff80000001
  bne t1, t6, fail

  TEST_CASE(44, t2, 0x1234, li t1, 0x1234; c.mv t2, t1)
  TEST_CASE(45, s7, 0x5555555555555554, li s7, 0x2aaaaaaaaaaaaaaa; li s8, 0x2aaaaaaaaaaaaaaa; c.add s7, s8)

  li gp, 46
  la t1, 1f
  c.jr t1
  j fail
1:
  li gp, 47
  la t1, 2f
  c.jalr t1                         /* links the address of the next 2-byte instruction */
1:
  j fail
2:
  la t2, 1b
  bne ra, t2, fail
  li gp, 48
  la ra, 3f
  c.jalr ra                         /* rs1 = ra: the target is read before the link */
4:
  j fail
3:
  la t2, 4b
  bne ra, t2, fail

  /* c.ebreak traps with cause 3 and mepc at the instruction. */
  li gp, 50
  TRAP_EXPECT(CAUSE_BREAKPOINT, 1f)
2:
  c.ebreak
  j fail
1:
  li gp, 51
  la t1, 2b
  la t5, trap_last_m
  ld t5, LAST_EPC(t5)
  bne t5, t1, fail
  /* The all-zero halfword is an illegal instruction. */
  li gp, 52
  TRAP_EXPECT(CAUSE_ILLEGAL_INSTRUCTION, 1f)
2:
  .half 0
  j fail
1:
  li gp, 53
  la t1, 2b
  la t5, trap_last_m
  ld t5, LAST_EPC(t5)
  bne t5, t1, fail

  mv sp, s11
  TEST_PASS

  .data
  .align 3
cdata:
  .word 0x80000001, 0
  .dword 0x8000000000000001
  .skip 124 - 16
  .word 0x7ffffffe
  .skip 248 - 128
  .dword 0x0123456789abcdef
  .bss
  .align 4
cbuf: .skip 1040
