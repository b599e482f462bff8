/* The smallest complete program (8 instructions): pass through tohost and the finisher.
   Used to time `xenrv run-elf` start-up. Built without the test environment. */
// needs: no-env
  .section .text.init, "ax", @progbits
  .globl _start
_start:
  li t0, 1
  la t1, tohost
  sd t0, 0(t1)
  lui t0, 0x5
  addi t0, t0, 0x555
  lui t1, 0x100
  sw t0, 0(t1)
1:
  j 1b

  .section .tohost, "aw", @progbits
  .align 6
  .globl tohost
tohost: .dword 0
  .align 6
  .globl fromhost
fromhost: .dword 0
