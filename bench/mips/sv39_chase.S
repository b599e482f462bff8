/* Pointer chasing in S-mode through Sv39 4 KiB pages spread over 2 MiB (512 pages, more
   than a small TLB holds). */
#include "xenrv_test.h"
#include "bench.h"
#include "chase.h"

#define RWXAD (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

TEST_BEGIN
  BUILD_CHASE_RING
  MAP_CHASE(root_table, l1_table, l0_table, RWXAD, RWXAD)
  la t0, root_table
  srli t0, t0, 12
  li t1, SATP_MODE_SV39
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
  GOTO_S(1f)
1:
  LOAD_ITERATIONS
  CHASE_LOOP
  TEST_PASS

BENCH_PARAMETERS(1000)
  .bss
  .align 12
root_table: .skip 4096
l1_table: .skip 4096
l0_table: .skip 4096
chase_area: .skip 4096 * CHASE_PAGES
