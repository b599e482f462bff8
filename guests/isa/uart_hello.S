/* Console output through the 16550 UART (polling LSR.THRE): a greeting and a table of
   computed values (multiplication, division, shifts, an AMO and a CRC over a buffer), so
   that xenrv's output can be compared byte for byte with QEMU's. */
#include "xenrv_test.h"
#include "print.h"

TEST_BEGIN
  la a0, greeting
  jal puts

  li s2, 0x0123456789abcdef
  li s3, 0xfedcba9876543210
  mulhu s4, s2, s3
  PRINT_VALUE(s_mulhu, s4)
  mul s4, s2, s3
  PRINT_VALUE(s_mul, s4)
  div s4, s3, s2
  PRINT_VALUE(s_div, s4)
  remu s4, s3, s2
  PRINT_VALUE(s_remu, s4)
  sraw s4, s3, s2
  PRINT_VALUE(s_sraw, s4)
  la t0, cell
  li t1, 41
  sd t1, 0(t0)
  li t1, 1
  amoadd.d s4, t1, (t0)
  ld s5, 0(t0)
  add s4, s4, s5
  PRINT_VALUE(s_amo, s4)

  /* CRC-32 (reflected, polynomial 0xedb88320) of the greeting */
  la s2, greeting
  li s4, 0xffffffff
  li s6, 0xedb88320
1:
  lbu t0, 0(s2)
  beqz t0, 4f
  xor s4, s4, t0
  li s5, 8
2:
  andi t1, s4, 1
  srli s4, s4, 1
  beqz t1, 3f
  xor s4, s4, s6
3:
  addi s5, s5, -1
  bnez s5, 2b
  addi s2, s2, 1
  j 1b
4:
  not s4, s4
  slli s4, s4, 32
  srli s4, s4, 32
  PRINT_VALUE(s_crc, s4)
  TEST_PASS


  .data
greeting: .asciz "hello from a bare-metal RV64 program\n"
s_mulhu: .asciz "mulhu="
s_mul: .asciz "mul="
s_div: .asciz "div="
s_remu: .asciz "remu="
s_sraw: .asciz "sraw="
s_amo: .asciz "amoadd="
s_crc: .asciz "crc32="
  .align 3
cell: .dword 0
