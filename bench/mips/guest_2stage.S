/* A guest loop under two-stage translation: M-mode sets up a G-stage (Sv39x4, 2 MiB pages
   over RAM) and a VS-stage (Sv39, 4 KiB pages over 2 MiB), enters VS-mode with mret, and the
   guest chases pointers across the 512 pages; it ends with an ecall from VS. */
// needs: h
#include "xenrv_test.h"
#include "bench.h"
#include "chase.h"

#define RWXAD (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define G_MEGAPAGES 64                                      /* 128 MiB of RAM */

TEST_BEGIN
  BUILD_CHASE_RING
  /* G-stage: g_root[2] -> g_l1, 2 MiB identity pages (U set: G-stage accesses are U). */
  la t0, g_l1
  LEAF(t1, t0, PTE_V)
  la t2, g_root
  sd t1, 16(t2)
  li s2, 0x80000000
  la s3, g_l1
  li s4, G_MEGAPAGES
1:
  LEAF(t1, s2, RWXAD | PTE_U)
  sd t1, 0(s3)
  li t0, 0x200000
  add s2, s2, t0
  addi s3, s3, 8
  addi s4, s4, -1
  bnez s4, 1b
  la t0, g_root
  srli t0, t0, 12
  li t1, HGATP_MODE_SV39X4
  or t0, t0, t1
  csrw hgatp, t0
  hfence.gvma
  /* VS-stage, in guest-physical memory (= physical here). */
  MAP_CHASE(vs_root, vs_l1, vs_l0, RWXAD, RWXAD)
  la t0, vs_root
  srli t0, t0, 12
  li t1, SATP_MODE_SV39
  or t0, t0, t1
  csrw vsatp, t0
  hfence.vvma
  GOTO_VS(2f)
2:
  LOAD_ITERATIONS
  CHASE_LOOP
  TEST_PASS                                                 /* ecall from VS */

BENCH_PARAMETERS(1000)
  .bss
  .align 14
g_root: .skip 16384
g_l1: .skip 4096
vs_root: .skip 4096
vs_l1: .skip 4096
vs_l0: .skip 4096
chase_area: .skip 4096 * CHASE_PAGES
