/* Misaligned loads and stores of every width complete (the platform handles them; the
   privileged spec lets the execution environment do so): each load at every byte offset,
   including across a page boundary, equals the value assembled from byte loads, and each
   store writes exactly its bytes. */
#include "xenrv_test.h"

/* a0 = address, a1 = width in bytes, a2 = 1 to sign-extend: returns in a3 the value made
   of byte loads. Clobbers t0-t2. */
  .text
bytes_value:
  li a3, 0
  add t0, a0, a1
1:
  addi t0, t0, -1
  lbu t1, 0(t0)
  slli a3, a3, 8
  or a3, a3, t1
  bne t0, a0, 1b
  beqz a2, 2f
  li t1, 64
  slli t2, a1, 3
  sub t1, t1, t2
  sll a3, a3, t1
  sra a3, a3, t1
2:
  ret

/* Case n: `inst` (a load of `width` bytes, sign-extending if `signed`) at every offset
   0..15 from `base` agrees with bytes_value. */
#define TEST_LOAD_ALL(n, inst, width, signed, base)                         \
  li gp, n;                                                                 \
  la s0, base;                                                              \
  addi s1, s0, 16;                                                          \
1:                                                                          \
  inst s2, 0(s0);                                                           \
  mv a0, s0;                                                                \
  li a1, width;                                                             \
  li a2, signed;                                                            \
  jal bytes_value;                                                          \
  bne s2, a3, fail;                                                         \
  addi s0, s0, 1;                                                           \
  bne s0, s1, 1b

/* Case n: `inst` stores `width` bytes of a pattern at every offset 1..7 of a zeroed
   16-byte window; the stored bytes read back and every other byte stays zero. */
#define TEST_STORE_ALL(n, inst, width, base)                                \
  li gp, n;                                                                 \
  li s3, 1;                                                                 \
1:                                                                          \
  la s0, base;                                                              \
  sd zero, 0(s0);                                                           \
  sd zero, 8(s0);                                                           \
  add s1, s0, s3;                                                           \
  li s2, 0x8877665544332211;                                                \
  inst s2, 0(s1);                                                           \
  mv a0, s1;                                                                \
  li a1, width;                                                             \
  li a2, 0;                                                                 \
  jal bytes_value;                                                          \
  li t1, 64 - 8 * width;                                                    \
  sll t2, s2, t1;                                                           \
  srl t2, t2, t1;                                                           \
  bne a3, t2, fail;                                                         \
  li t1, 0;                                                                 \
  li a1, width;                                                             \
2:                                                                          \
  add t0, s0, t1;                                                           \
  lbu t0, 0(t0);                                                            \
  sub t2, t1, s3;                                                           \
  bltu t2, a1, 3f;                                                          \
  bnez t0, fail;                                                            \
3:                                                                          \
  addi t1, t1, 1;                                                           \
  li t2, 16;                                                                \
  bne t1, t2, 2b;                                                           \
  addi s3, s3, 1;                                                           \
  li t1, 8;                                                                 \
  bne s3, t1, 1b

TEST_BEGIN
  /* Fill the pattern area (the end of one page and the start of the next). */
  la s0, page_end - 32
  li s1, 64
  li s2, 0x81
1:
  sb s2, 0(s0)
  addi s2, s2, 0x13
  addi s0, s0, 1
  addi s1, s1, -1
  bnez s1, 1b

  TEST_LOAD_ALL(1, lh, 2, 1, page_end - 24)
  TEST_LOAD_ALL(2, lhu, 2, 0, page_end - 24)
  TEST_LOAD_ALL(3, lw, 4, 1, page_end - 24)
  TEST_LOAD_ALL(4, lwu, 4, 0, page_end - 24)
  TEST_LOAD_ALL(5, ld, 8, 0, page_end - 24)
  /* across the page boundary */
  TEST_LOAD_ALL(6, lh, 2, 1, page_end - 8)
  TEST_LOAD_ALL(7, lw, 4, 1, page_end - 8)
  TEST_LOAD_ALL(8, lwu, 4, 0, page_end - 8)
  TEST_LOAD_ALL(9, ld, 8, 0, page_end - 8)

  TEST_STORE_ALL(10, sh, 2, store_window)
  TEST_STORE_ALL(11, sw, 4, store_window)
  TEST_STORE_ALL(12, sd, 8, store_window)
  TEST_STORE_ALL(13, sd, 8, page_end - 8)
  TEST_STORE_ALL(14, sw, 4, page_end - 8)

  /* Compressed loads and stores misaligned too. */
  li gp, 15
  la a0, store_window + 3
  li a1, 0x0102030405060708
  c.sd a1, 0(a0)
  c.ld a2, 0(a0)
  bne a1, a2, fail
  c.sw a1, 8(a0)
  c.lw a2, 8(a0)
  li t6, 0x05060708
  bne a2, t6, fail
  TEST_PASS

  .bss
  .align 12
  .skip 4096
page_end:
  .skip 64
store_window: .skip 16
