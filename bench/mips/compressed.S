/* The same kind of integer loop written with compressed instructions only (c.add, c.xor,
   c.slli, c.srli, c.and, c.or, c.addi, c.mv, c.lw/c.sw, c.bnez): 12 per iteration. */
#include "xenrv_test.h"
#include "bench.h"

TEST_BEGIN
  LOAD_ITERATIONS
  la a0, cbuf
  li a1, 1
  li a2, 0x12345
  li a3, 0
1:
  c.add a3, a2
  c.xor a2, a3
  c.mv a4, a3
  c.slli a4, 3
  c.mv a5, a2
  c.srli a5, 5
  c.and a4, a5
  c.or a3, a4
  c.sw a3, 4(a0)
  c.lw a5, 4(a0)
  c.addi s0, -1
  c.bnez s0, 1b
  TEST_PASS

BENCH_PARAMETERS(1000)
  .bss
  .align 3
cbuf: .skip 16
