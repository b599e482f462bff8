/* UART printing for the programs whose console output is compared with QEMU's. Include it
   once, before TEST_BEGIN: it defines putc (a0), puts (a0 = string), puthex (a0 =
   value, 16 digits) in .text. They run in M-mode (the UART is at its physical address) and
   clobber t0-t3 and a0-a1. */
#ifndef XENRV_PRINT_H
#define XENRV_PRINT_H

#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE 0x20

  .text
putc:
  li t0, UART_BASE
1:
  lbu t1, UART_LSR(t0)
  andi t1, t1, UART_LSR_THRE
  beqz t1, 1b
  sb a0, UART_THR(t0)
  ret

puts:
  mv t2, ra
  mv t3, a0
1:
  lbu a0, 0(t3)
  beqz a0, 2f
  jal putc
  addi t3, t3, 1
  j 1b
2:
  mv ra, t2
  ret

puthex:
  mv t2, ra
  mv a1, a0
  li t3, 60
1:
  srl a0, a1, t3
  andi a0, a0, 0xf
  addi a0, a0, '0'
  li t0, '9'
  bleu a0, t0, 2f
  addi a0, a0, 'a' - '9' - 1
2:
  jal putc
  addi t3, t3, -4
  bgez t3, 1b
  mv ra, t2
  ret

/* Print the string at `label_string`, then `reg` in hex (clobbers s1 and the above). */
#define PRINT_FIELD(label_string, reg)                                      \
  mv s1, reg;                                                               \
  la a0, label_string;                                                      \
  jal puts;                                                                 \
  mv a0, s1;                                                                \
  jal puthex

#define PRINT_NEWLINE                                                       \
  li a0, '\n';                                                              \
  jal putc

/* One line: label, value, newline. */
#define PRINT_VALUE(label_string, reg)                                      \
  PRINT_FIELD(label_string, reg);                                           \
  PRINT_NEWLINE

#endif /* XENRV_PRINT_H */
