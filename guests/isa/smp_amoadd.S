/* SMP atomicity: NHARTS harts (hart id in a0) each add 1 to one shared counter ITERATIONS
   times with amoadd.d; hart 0 waits until every hart has
   reported done and checks the total exactly. Run with NHARTS harts (QEMU: -smp 4); harts
   beyond NHARTS park. */
#include "xenrv_test.h"

#define NHARTS 4
#define ITERATIONS 100000

TEST_BEGIN_SMP
  li t0, NHARTS
  bgeu a0, t0, park_hart
  la s0, counter
  li s1, ITERATIONS
  li t1, 1
1:
  amoadd.d zero, t1, (s0)
  addi s1, s1, -1
  bnez s1, 1b
  la s2, done
  amoadd.d.aqrl zero, t1, (s2)
  bnez a0, park_hart

  li gp, 2
  li t3, NHARTS
2:
  ld t2, 0(s2)
  bne t2, t3, 2b
  fence rw, rw
  ld t2, 0(s0)
  li t3, NHARTS * ITERATIONS
  bne t2, t3, fail
  TEST_PASS

  .data
  .align 6
counter: .dword 0
  .align 6
done: .dword 0
