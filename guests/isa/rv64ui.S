/* RV64I base integer instructions and Zifencei: arithmetic, logic, shifts (both widths),
   comparisons, upper immediates, jumps, branches, loads and stores of every width, x0,
   fence and fence.i over self-modified code. */
#include "xenrv_test.h"

TEST_BEGIN
  /* ---- register-immediate ---- */
  TEST_IMM(1, addi, 0x0000000000000000, 0, 0)
  TEST_IMM(2, addi, 0xfffffffffffff802, 1, -2047)
  TEST_IMM(3, addi, 0x80000000000007fe, 0x7fffffffffffffff, 0x7ff)
  TEST_IMM(4, addi, 0x7fffffffffffffff, 0x8000000000000000, -1)
  TEST_IMM(5, slti, 1, -1, 0)
  TEST_IMM(6, slti, 0, 0x7ff, 0x7ff)
  TEST_IMM(7, slti, 1, 0x8000000000000000, -2048)
  TEST_IMM(8, sltiu, 1, 0, -1)                     /* -1 is the largest unsigned */
  TEST_IMM(9, sltiu, 0, -1, 1)
  TEST_IMM(10, xori, 0xffffffffff00f7f0, 0x0000000000ff0ff0, -0x800)
  TEST_IMM(11, xori, 0x0000000000ff0f00, 0x0000000000ff0ff0, 0x0f0)
  TEST_IMM(12, ori, 0xffffffffffffff0f, 0xffffffffff00ff00, -0xf1)
  TEST_IMM(13, andi, 0x0000000000000700, 0x00ff00ffff00ff00, 0x70f)
  TEST_IMM(14, andi, 0xffffffffff00f800, 0xffffffffff00ff00, -2048)
  TEST_IMM(15, slli, 0x8000000000000000, 1, 63)
  TEST_IMM(16, slli, 0xfffffffe00000000, 0xffffffffffffffff, 33)
  TEST_IMM(17, srli, 0x0000000000000001, 0x8000000000000000, 63)
  TEST_IMM(18, srli, 0x00000000ffffffff, 0xffffffffffffffff, 32)
  TEST_IMM(19, srai, 0xffffffffffffffff, 0x8000000000000000, 63)
  TEST_IMM(20, srai, 0x0000000000fedcba, 0x00fedcba98765432, 32)
  TEST_IMM(21, addiw, 0xffffffff80000000, 0x7fffffff, 1)
  TEST_IMM(22, addiw, 0x0000000000000000, 0xffffffff00000001, -1)
  TEST_IMM(23, slliw, 0xffffffff80000000, 0x12345671, 31)
  TEST_IMM(24, slliw, 0x0000000012345678, 0xabcdef0012345678, 0)
  TEST_IMM(25, srliw, 0x0000000000000001, 0xffffffff80000000, 31)
  TEST_IMM(26, srliw, 0xffffffff80000000, 0x0000000080000000, 0)
  TEST_IMM(27, sraiw, 0xffffffffffffffff, 0x0000000080000000, 31)
  TEST_IMM(28, sraiw, 0x0000000000000f00, 0xffffffff00000f00, 0)

  /* ---- register-register ---- */
  TEST_RR(30, add, 0x0000000000000000, 0xffffffffffffffff, 1)
  TEST_RR(31, add, 0xfffffffffffffffe, 0x7fffffffffffffff, 0x7fffffffffffffff)
  TEST_RR(32, sub, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffffffffffff)
  TEST_RR(33, sub, 0xfffffffffffffffd, 0, 3)
  TEST_RR(34, sll, 0x8000000000000000, 1, 63)
  TEST_RR(35, sll, 0x0000000000000002, 1, 0xffffffffffffffc1)   /* only rs2[5:0] count */
  TEST_RR(36, srl, 0x0000000000000001, 0x8000000000000000, 63)
  TEST_RR(37, srl, 0x4000000000000000, 0x8000000000000000, 0xffffffffffffffc1)
  TEST_RR(38, sra, 0xc000000000000000, 0x8000000000000000, 1)
  TEST_RR(39, sra, 0xffffffffffffffff, 0x8000000000000000, 0x7f)
  TEST_RR(40, slt, 1, 0x8000000000000000, 0)
  TEST_RR(41, slt, 0, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_RR(42, sltu, 0, 0x8000000000000000, 0)
  TEST_RR(43, sltu, 1, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_RR(44, xor, 0xf00ff00ff00ff00f, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
  TEST_RR(45, or, 0xff0fff0fff0fff0f, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
  TEST_RR(46, and, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
  TEST_RR_SAME(47, sub, 0, 0x123456789abcdef0)
  TEST_RR_SAME(48, xor, 0, 0x123456789abcdef0)
  TEST_RR(49, addw, 0xffffffff80000000, 0x7fffffff, 1)
  TEST_RR(50, addw, 0x0000000000000000, 0x1ffffffff, 0x100000001)
  TEST_RR(51, subw, 0x000000007fffffff, 0x80000000, 1)
  TEST_RR(52, subw, 0xffffffffffffffff, 0xffffffff00000000, 0x0000000100000001)
  TEST_RR(53, sllw, 0xffffffff80000000, 1, 31)
  TEST_RR(54, sllw, 0x0000000000000002, 1, 0xffffffffffffffe1)  /* only rs2[4:0] count */
  TEST_RR(55, srlw, 0x0000000000000001, 0xffffffff80000000, 31)
  TEST_RR(56, srlw, 0x0000000040000000, 0x0000000080000000, 0x21)
  TEST_RR(57, sraw, 0xffffffffc0000000, 0x0000000080000000, 1)
  TEST_RR(58, sraw, 0x0000000000000001, 0xffffffff7fffffff, 30)

  /* ---- x0: writes are dropped, reads give 0 ---- */
  TEST_CASE(60, zero, 0, li a1, 5; addi x0, a1, 7)
  TEST_CASE(61, a4, 0x55, li a1, 0x55; add a4, a1, x0)
  TEST_CASE(62, a4, 0, lui x0, 0x12345; mv a4, x0)

  /* ---- lui / auipc ---- */
  TEST_CASE(64, a4, 0xffffffff80000000, lui a4, 0x80000)
  TEST_CASE(65, a4, 0x000000007ffff000, lui a4, 0x7ffff)
  TEST_CASE(66, a4, 0, lui a4, 0)
  li gp, 67
  .option push
  .option norvc
1:
  auipc a4, 0x1
  la a5, 1b
  sub a4, a4, a5
  li t6, 0x1000
  bne a4, t6, fail
2:
  auipc a4, 0xfffff                                      /* -4096, sign-extended */
  la a5, 2b
  sub a4, a5, a4
  li t6, 0x1000
  bne a4, t6, fail
  .option pop

  /* ---- jal / jalr: link values and targets ---- */
  li gp, 70
  .option push
  .option norvc
  jal a4, 1f
2:
  j fail
1:
  la a5, 2b
  bne a4, a5, fail
  li gp, 71
  la a1, 3f
  jalr a4, 4(a1)                                         /* target = rs1 + imm */
3:
  j fail
  j 4f
  j fail
4:
  la a5, 3b
  bne a4, a5, fail
  li gp, 72
  la a1, 5f + 1                                          /* bit 0 of the target is cleared */
  jalr a1, 0(a1)                                         /* rd = rs1: target uses the old value */
6:
  j fail
5:
  la a5, 6b
  bne a1, a5, fail
  li gp, 73
  la a1, 7f
  jalr x0, -4(a1)                                        /* negative offset, no link */
  j fail
  j 8f
7:
  j fail
8:
  .option pop

  /* ---- branches ---- */
  TEST_BRANCH(80, beq, 1, -1, -1)
  TEST_BRANCH(81, beq, 0, 0, 1)
  TEST_BRANCH(82, bne, 1, 0, 1)
  TEST_BRANCH(83, bne, 0, 7, 7)
  TEST_BRANCH(84, blt, 1, -1, 0)
  TEST_BRANCH(85, blt, 0, 0, -1)
  TEST_BRANCH(86, blt, 0, 5, 5)
  TEST_BRANCH(87, bge, 1, 5, 5)
  TEST_BRANCH(88, bge, 1, 0, 0x8000000000000000)
  TEST_BRANCH(89, bge, 0, -2, -1)
  TEST_BRANCH(90, bltu, 1, 0, -1)
  TEST_BRANCH(91, bltu, 0, -1, 0)
  TEST_BRANCH(92, bltu, 0, 3, 3)
  TEST_BRANCH(93, bgeu, 1, -1, 0x7fffffffffffffff)
  TEST_BRANCH(94, bgeu, 1, 3, 3)
  TEST_BRANCH(95, bgeu, 0, 0, 1)
  /* backward taken branch */
  li gp, 96
  li a1, 3
  li a4, 0
1:
  addi a4, a4, 1
  addi a1, a1, -1
  bnez a1, 1b
  li t6, 3
  bne a4, t6, fail

  /* ---- loads: every width, sign and zero extension, negative offsets ---- */
  TEST_LOAD(100, lb, 0xffffffffffffff88, 0, ld_data)
  TEST_LOAD(101, lb, 0x0000000000000077, 1, ld_data)
  TEST_LOAD(102, lbu, 0x0000000000000088, 0, ld_data)
  TEST_LOAD(103, lh, 0xffffffffffff8899, 0, ld_data16)
  TEST_LOAD(104, lh, 0x0000000000007766, 2, ld_data16)
  TEST_LOAD(105, lhu, 0x0000000000008899, 0, ld_data16)
  TEST_LOAD(106, lw, 0xffffffff8899aabb, 0, ld_data32)
  TEST_LOAD(107, lw, 0x0000000011223344, 4, ld_data32)
  TEST_LOAD(108, lwu, 0x000000008899aabb, 0, ld_data32)
  TEST_LOAD(109, ld, 0x8899aabbccddeeff, 0, ld_data64)
  TEST_LOAD(110, ld, 0x0011223344556677, 8, ld_data64)
  TEST_LOAD(111, ld, 0x8899aabbccddeeff, -8, ld_data64 + 8)
  TEST_LOAD(112, lbu, 0x0000000000000077, -1, ld_data + 2)

  /* ---- stores: every width; narrow stores leave the neighbours alone ---- */
  TEST_STORE(120, ld, sd, 0x0123456789abcdef, 0x0123456789abcdef, 0, st_data)
  TEST_STORE(121, lb, sb, 0xffffffffffffffaa, 0xaa, 1, st_data)
  TEST_CASE(122, a4, 0x0123456789abaaef, la a1, st_data; ld a4, 0(a1))
  TEST_STORE(123, lh, sh, 0xffffffffffffbeef, 0x1234beef, 6, st_data)
  TEST_CASE(124, a4, 0xbeef456789abaaef, la a1, st_data; ld a4, 0(a1))
  TEST_STORE(125, lw, sw, 0xffffffffdeadbeef, 0xffffffffdeadbeef, 8, st_data)
  TEST_STORE(126, lwu, sw, 0x00000000cafef00d, 0x12345678cafef00d, 12, st_data)
  TEST_CASE(127, a4, 0xcafef00ddeadbeef, la a1, st_data; ld a4, 8(a1))
  TEST_STORE(128, ld, sd, 0xfedcba9876543210, 0xfedcba9876543210, -8, st_data + 24)

  /* ---- fence (ordering only, no visible effect on one hart) ---- */
  li gp, 130
  fence
  fence rw, rw
  fence r, w
  fence.tso

  /* ---- fence.i: code written with stores runs after fence.i ---- */
  li gp, 131
  la a1, patch_site
  li a2, 0x02a00713                                      /* addi a4, x0, 42 */
  sw a2, 0(a1)
  fence.i
  li a4, 0
  jal ra, patch_site
  li t6, 42
  bne a4, t6, fail
  li gp, 132
  li a2, 0x06300713                                      /* addi a4, x0, 99 */
  sw a2, 0(a1)
  fence.i
  jal ra, patch_site
  li t6, 99
  bne a4, t6, fail

  TEST_PASS

/* Code patched at run time (lives in .data, which is writable and executable here). */
  .data
  .align 2
  .option push
  .option norvc
patch_site:
  addi a4, x0, 1
  ret
  .option pop

  .align 3
ld_data:   .byte 0x88, 0x77, 0x66, 0x55, 0, 0, 0, 0
ld_data16: .half 0x8899, 0x7766
ld_data32: .word 0x8899aabb, 0x11223344
ld_data64: .dword 0x8899aabbccddeeff, 0x0011223344556677
  .align 3
st_data: .skip 32
