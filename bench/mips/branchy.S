/* Data-dependent branches: a 64-bit Galois LFSR decides, bit by bit, which of several paths
   each iteration takes (about half the conditional branches are taken, unpredictably). */
#include "xenrv_test.h"
#include "bench.h"

TEST_BEGIN
  LOAD_ITERATIONS
  li s1, 0xace1ace1ace1ace1
  li s2, 0xd800000000000000                                 /* taps */
  li a3, 0
  li a4, 0
  li a5, 0
  .option push
  .option norvc
1:
  andi t1, s1, 1
  srli s1, s1, 1
  beqz t1, 2f
  xor s1, s1, s2
2:
  andi t2, s1, 6
  beqz t2, 3f
  andi t3, s1, 8
  bnez t3, 4f
  addi a3, a3, 1
  j 5f
3:
  addi a4, a4, 1
  j 5f
4:
  addi a5, a5, 1
5:
  addi s0, s0, -1
  bnez s0, 1b
  .option pop
  TEST_PASS

BENCH_PARAMETERS(1000)
