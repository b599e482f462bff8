/* A domU that makes the same hypercall `iterations` times, then powers off: the guest
   side of bench/hypercall.mjs. The benchmark writes the parameters before unpausing it:
   iterations, hypercall number, a1, a2 (a2 may be the address of `domid`, DOMID_SELF). */
// needs: no-env
  .section .text.init, "ax", @progbits
  .globl _start
_start:
  la s1, params
  ld s2, 0(s1)
  ld s3, 8(s1)
  ld s4, 16(s1)
  ld s5, 24(s1)
  li a7, 0x0a000007
  beqz s2, 2f
1:
  mv a6, s3
  mv a1, s4
  mv a2, s5
  ecall
  addi s2, s2, -1
  bnez s2, 1b
2:
  li a6, 29          /* sched_op */
  li a1, 2           /* SCHEDOP_shutdown */
  la a2, reason
  ecall
3:
  j 3b

  .section .data
  .align 3
  .globl params
params: .dword 0, 0, 0, 0
  .globl domid
domid: .hword 0x7ff0
  .align 2
reason: .word 0      /* SHUTDOWN_poweroff */

  .section .tohost, "aw", @progbits
  .align 6
  .globl tohost
tohost: .dword 0
  .align 6
  .globl fromhost
fromhost: .dword 0
