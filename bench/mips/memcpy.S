/* memcpy of 64 KiB per iteration with an unrolled doubleword loop (4 ld + 4 sd + 3 bookkeeping
   instructions per 32 bytes). */
#include "xenrv_test.h"
#include "bench.h"

#define BYTES 65536

TEST_BEGIN
  LOAD_ITERATIONS
  .option push
  .option norvc
1:
  la a0, source
  la a1, destination
  li a2, BYTES / 32
2:
  ld t0, 0(a0)
  ld t1, 8(a0)
  ld t2, 16(a0)
  ld t3, 24(a0)
  sd t0, 0(a1)
  sd t1, 8(a1)
  sd t2, 16(a1)
  sd t3, 24(a1)
  addi a0, a0, 32
  addi a1, a1, 32
  addi a2, a2, -1
  bnez a2, 2b
  addi s0, s0, -1
  bnez s0, 1b
  .option pop
  TEST_PASS

BENCH_PARAMETERS(10)
  .bss
  .align 12
source: .skip BYTES
destination: .skip BYTES
