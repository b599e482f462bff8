/* Entry of every vCPU: a0 = vCPU id, a1 = device tree (vCPU 0) or the opaque value of
   SBI HART_START (others). Each vCPU gets its own stack and keeps its id in tp; vCPU 0
   clears .bss first. */
#include "config.h"

  .section .text.init
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  li t0, RUNTIME_MAX_VCPUS
  bgeu a0, t0, park
  la sp, __stacks_start
  addi t1, a0, 1
  slli t1, t1, RUNTIME_STACK_SHIFT
  add sp, sp, t1
  mv tp, a0
  la t0, trap_entry
  csrw stvec, t0
  bnez a0, 2f
  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 3f
  sd zero, 0(t0)
  addi t0, t0, 8
  j 1b
3:
  call runtime_boot
  j park
2:
  call runtime_secondary
park:
  wfi
  j park
