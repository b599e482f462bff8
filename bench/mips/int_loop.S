/* Integer ALU loop, 32-bit encodings only: 10 instructions per iteration (add, xor, shifts,
   and, or, addi, a taken branch). Every hart below bench_harts runs it. */
#include "xenrv_test.h"
#include "bench.h"

TEST_BEGIN_SMP
  PARK_EXTRA_HARTS
  LOAD_ITERATIONS
  li a1, 1
  li a2, 0x12345
  li a3, 0
  .option push
  .option norvc
1:
  add a3, a3, a2
  xor a2, a2, a3
  slli a4, a3, 3
  srli a5, a2, 5
  add a2, a4, a5
  addi a1, a1, 1
  and a4, a2, a1
  or a3, a3, a4
  addi s0, s0, -1
  bnez s0, 1b
  .option pop
  FINISH_ALL_HARTS

BENCH_PARAMETERS(1000)
