/* Interrupts: machine software (CLINT msip), machine timer (mtimecmp), machine external
   (16550 UART transmitter-empty through the PLIC, claim/complete), supervisor software
   (mip.SSIP), supervisor timer (Sstc stimecmp with menvcfg.STCE) and supervisor external
   (PLIC S context) delegated with mideleg; global enables per mode, wfi wake-up with
   interrupts disabled, priority between pending interrupts, and vectored mtvec. */
#include "xenrv_test.h"

/* The interrupt handlers below clear the source, count in s8 and leave the cause in s9, the
   PLIC claim in s7 and (vectored) the entry taken in s6; they change no other register. */
#define PLIC_PRIORITY(irq) (PLIC_BASE + 4 * (irq))
#define PLIC_ENABLE(ctx) (PLIC_BASE + 0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx) (PLIC_BASE + 0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx) (PLIC_BASE + 0x200004 + 0x1000 * (ctx))
#define PLIC_CTX_M 0                    /* hart 0, M-mode */
#define PLIC_CTX_S 1                    /* hart 0, S-mode */
#define UART_IER 1
#define UART_IER_THRE 0x02

/* Wait (with wfi) until the handler count s8 passes `count`; fail case n if it takes more
   than a few thousand wake-ups. */
#define WAIT_IRQ(count)                                                     \
  li t3, 100000;                                                            \
1:                                                                          \
  li t4, count;                                                             \
  bgeu s8, t4, 2f;                                                          \
  wfi;                                                                      \
  addi t3, t3, -1;                                                          \
  bnez t3, 1b;                                                              \
  j fail;                                                                   \
2:

#define CHECK_CAUSE(n, cause)                                               \
  li gp, n;                                                                 \
  li t6, cause;                                                             \
  bne s9, t6, fail

TEST_BEGIN
  la t0, irq_handler_m
  csrw mtvec, t0
  la t0, irq_handler_s
  csrw stvec, t0
  li s8, 0

  /* ---- machine software interrupt ---- */
  li gp, 1
  li t0, CLINT_BASE + CLINT_MSIP
  li t1, 1
  sw t1, 0(t0)
  csrr a1, mip
  andi a1, a1, MIP_MSIP
  beqz a1, fail                                             /* pending, not yet enabled */
  li t0, MIP_MSIP
  csrw mie, t0
  csrsi mstatus, MSTATUS_MIE
  WAIT_IRQ(1)
  CHECK_CAUSE(2, CAUSE_INTERRUPT | IRQ_MSI)
  li gp, 3
  csrr a1, mip
  andi a1, a1, MIP_MSIP
  bnez a1, fail                                             /* the handler cleared msip */

  /* ---- machine timer interrupt ---- */
  li gp, 4
  csrci mstatus, MSTATUS_MIE
  li t0, MIP_MTIP
  csrw mie, t0
  li t0, CLINT_BASE + CLINT_MTIME
  ld t1, 0(t0)
  addi t1, t1, 500
  li t0, CLINT_BASE + CLINT_MTIMECMP
  sd t1, 0(t0)
  csrsi mstatus, MSTATUS_MIE
  WAIT_IRQ(2)
  CHECK_CAUSE(5, CAUSE_INTERRUPT | IRQ_MTI)
  /* the interrupt came no earlier than mtimecmp */
  li gp, 6
  li t0, CLINT_BASE + CLINT_MTIME
  ld t2, 0(t0)
  bltu t2, t1, fail
  /* MTIP follows mtime >= mtimecmp */
  li gp, 7
  csrci mstatus, MSTATUS_MIE
  li t0, CLINT_BASE + CLINT_MTIMECMP
  sd zero, 0(t0)
  li t3, 1000
1:
  csrr a1, mip
  andi a1, a1, MIP_MTIP
  bnez a1, 2f
  addi t3, t3, -1
  bnez t3, 1b
  j fail
2:
  li gp, 8
  li t1, -1
  sd t1, 0(t0)
  csrr a1, mip
  andi a1, a1, MIP_MTIP
  bnez a1, fail

  /* ---- wfi wakes on a pending enabled interrupt even with mstatus.MIE = 0 ---- */
  li gp, 9
  li t0, CLINT_BASE + CLINT_MTIME
  ld t1, 0(t0)
  addi t1, t1, 200
  li t0, CLINT_BASE + CLINT_MTIMECMP
  sd t1, 0(t0)
  li t3, 100000
1:
  wfi                                                       /* no trap: MIE = 0 */
  csrr a1, mip
  andi a1, a1, MIP_MTIP
  bnez a1, 2f
  addi t3, t3, -1
  bnez t3, 1b
  j fail
2:
  li gp, 10
  li t2, 2
  bne s8, t2, fail                                          /* nothing was taken */
  li t1, -1
  sd t1, 0(t0)

  /* ---- priority: MSI before MTI when both are pending ---- */
  li gp, 11
  li t0, CLINT_BASE + CLINT_MSIP
  li t1, 1
  sw t1, 0(t0)
  li t0, CLINT_BASE + CLINT_MTIMECMP
  sd zero, 0(t0)
  li t3, 1000
1:
  csrr a1, mip
  andi a1, a1, MIP_MTIP
  bnez a1, 2f
  addi t3, t3, -1
  bnez t3, 1b
  j fail
2:
  li t0, MIP_MSIP | MIP_MTIP
  csrw mie, t0
  csrsi mstatus, MSTATUS_MIE
  WAIT_IRQ(4)
  csrci mstatus, MSTATUS_MIE
  li gp, 12
  li t0, CAUSE_INTERRUPT | IRQ_MTI
  bne s9, t0, fail                                          /* MTI was taken second */
  la t0, irq_log
  ld t1, 16(t0)                                             /* the cause before the last */
  li t0, CAUSE_INTERRUPT | IRQ_MSI
  bne t1, t0, fail

  /* ---- machine external interrupt: UART THR empty through the PLIC ---- */
  li gp, 13
  li t0, PLIC_PRIORITY(UART_IRQ)
  li t1, 1
  sw t1, 0(t0)
  li t0, PLIC_THRESHOLD(PLIC_CTX_M)
  sw zero, 0(t0)
  li t0, PLIC_ENABLE(PLIC_CTX_M)
  li t1, 1 << UART_IRQ
  sw t1, 0(t0)
  li t0, MIP_MEIP
  csrw mie, t0
  li t0, UART_BASE + UART_IER
  li t1, UART_IER_THRE
  sb t1, 0(t0)                                              /* THR is empty: IRQ now */
  csrsi mstatus, MSTATUS_MIE
  WAIT_IRQ(5)
  csrci mstatus, MSTATUS_MIE
  CHECK_CAUSE(14, CAUSE_INTERRUPT | IRQ_MEI)
  li gp, 15
  li t0, UART_IRQ
  bne s7, t0, fail                                          /* the claim named the UART */
  li gp, 16
  csrr a1, mip
  li t0, MIP_MEIP
  and a1, a1, t0
  bnez a1, fail                                             /* source off, claim completed */
  li t0, PLIC_ENABLE(PLIC_CTX_M)
  sw zero, 0(t0)

  /* ---- M interrupts are taken in lower modes whatever mstatus.MIE says ---- */
  li gp, 17
  li t0, MIP_MSIP
  csrw mie, t0
  li t0, CLINT_BASE + CLINT_MSIP
  li t1, 1
  TEST_NOTRAP_IN(17, MSTATUS_MPP_U, 0, sw t1, 0(t0); li t3, 1000; 3: addi t3, t3, -1; bnez t3, 3b)
  li gp, 18
  li t0, 6
  bltu s8, t0, fail
  CHECK_CAUSE(19, CAUSE_INTERRUPT | IRQ_MSI)
  csrw mie, zero

  /* ---- supervisor software interrupt, delegated ---- */
  li t0, MIP_SSIP | MIP_STIP | MIP_SEIP
  csrw mideleg, t0
  li t0, MIP_SSIP
  csrw mie, t0
  csrs mip, t0                                              /* pending; M-mode ignores it */
  li gp, 20
  li t0, 1000
1:
  addi t0, t0, -1
  bnez t0, 1b
  li t0, 6
  bne s8, t0, fail
  /* in S-mode with SIE = 0 it still waits; sret with SPIE = 1 takes it */
  TEST_NOTRAP_IN(21, MSTATUS_MPP_S, 0, li t0, 100; 3: addi t0, t0, -1; bnez t0, 3b; li t1, 6; bne s8, t1, fail; \
    csrsi sstatus, MSTATUS_SIE; li t0, 100; 3: addi t0, t0, -1; bnez t0, 3b; csrci sstatus, MSTATUS_SIE)
  li gp, 22
  li t0, 7
  bne s8, t0, fail
  CHECK_CAUSE(23, CAUSE_INTERRUPT | IRQ_SSI)
  /* from U-mode, S interrupts are taken whatever sstatus.SIE says */
  li t0, MIP_SSIP
  csrs mip, t0
  TEST_NOTRAP_IN(24, MSTATUS_MPP_U, 0, li t0, 100; 3: addi t0, t0, -1; bnez t0, 3b)
  li gp, 25
  li t0, 8
  bne s8, t0, fail
  CHECK_CAUSE(26, CAUSE_INTERRUPT | IRQ_SSI)

  /* ---- supervisor timer through Sstc ---- */
  li t0, MENVCFG_STCE
  csrs menvcfg, t0
  li t0, 2                                                  /* TM: S may use time/stimecmp */
  csrw mcounteren, t0
  li t0, MIP_STIP
  csrw mie, t0
  TEST_NOTRAP_IN(27, MSTATUS_MPP_S, 0, li t0, -1; csrw stimecmp, t0; csrr t0, time; addi t0, t0, 300; \
    csrw stimecmp, t0; csrsi sstatus, MSTATUS_SIE; WAIT_IRQ(9); csrci sstatus, MSTATUS_SIE)
  CHECK_CAUSE(28, CAUSE_INTERRUPT | IRQ_STI)
  li gp, 29
  csrr a1, mip
  andi a1, a1, MIP_STIP
  bnez a1, fail                                             /* the handler moved stimecmp */
  /* with STCE set, STIP is the comparator's, not writable in mip */
  li gp, 30
  li t0, MIP_STIP
  csrs mip, t0
  csrr a1, mip
  and a1, a1, t0
  bnez a1, fail
  li t0, MENVCFG_STCE
  csrc menvcfg, t0

  /* ---- supervisor external interrupt: PLIC S context ---- */
  li t0, PLIC_THRESHOLD(PLIC_CTX_S)
  sw zero, 0(t0)
  li t0, PLIC_ENABLE(PLIC_CTX_S)
  li t1, 1 << UART_IRQ
  sw t1, 0(t0)
  li t0, MIP_SEIP
  csrw mie, t0
  li s7, 0
  TEST_NOTRAP_IN(31, MSTATUS_MPP_S, 0, li t0, UART_BASE + UART_IER; li t1, UART_IER_THRE; sb t1, 0(t0); \
    csrsi sstatus, MSTATUS_SIE; WAIT_IRQ(10); csrci sstatus, MSTATUS_SIE)
  CHECK_CAUSE(32, CAUSE_INTERRUPT | IRQ_SEI)
  li gp, 33
  li t0, UART_IRQ
  bne s7, t0, fail
  li t0, PLIC_ENABLE(PLIC_CTX_S)
  sw zero, 0(t0)
  csrw mie, zero
  csrw mideleg, zero

  /* ---- vectored mtvec: interrupt i enters at base + 4 * i ---- */
  li gp, 34
  la t0, vector_table + 1
  csrw mtvec, t0
  li t0, MIP_MSIP
  csrw mie, t0
  li t0, CLINT_BASE + CLINT_MSIP
  li t1, 1
  sw t1, 0(t0)
  csrsi mstatus, MSTATUS_MIE
  WAIT_IRQ(11)
  csrci mstatus, MSTATUS_MIE
  li gp, 35
  li t0, IRQ_MSI
  bne s6, t0, fail                                          /* the vector entry taken */
  CHECK_CAUSE(36, CAUSE_INTERRUPT | IRQ_MSI)
  la t0, irq_handler_m
  csrw mtvec, t0
  csrw mie, zero

  la t0, trap_vector_m
  csrw mtvec, t0
  TEST_PASS

/* ---- handlers ----
   s11 is swapped with xscratch (the env's save area, whose words 4 and 5 are free) to save
   the two scratch registers s10 and s5. */
#define IRQ_ENTER(scratch)                                                  \
  csrrw s11, scratch, s11;                                                  \
  sd s10, 32(s11);                                                          \
  sd s5, 40(s11)
#define IRQ_LEAVE(scratch)                                                  \
  ld s10, 32(s11);                                                          \
  ld s5, 40(s11);                                                           \
  csrrw s11, scratch, s11

  .align 2
irq_handler_m:
  IRQ_ENTER(mscratch)
  csrr s10, mcause
  bgez s10, forward_m
  mv s9, s10
  addi s8, s8, 1
  la s10, irq_log                                           /* shift the two-entry log */
  ld s5, 8(s10)
  sd s5, 16(s10)
  sd s9, 8(s10)
  andi s5, s9, 0xff
  li s10, IRQ_MSI
  beq s5, s10, m_soft
  li s10, IRQ_MTI
  beq s5, s10, m_timer
  li s10, IRQ_MEI
  beq s5, s10, m_external
  j fail_m
m_soft:
  li s10, CLINT_BASE + CLINT_MSIP
  sw zero, 0(s10)
  j m_done
m_timer:
  li s10, CLINT_BASE + CLINT_MTIMECMP
  li s5, -1
  sd s5, 0(s10)
  j m_done
m_external:
  li s10, PLIC_CLAIM(PLIC_CTX_M)
  lw s7, 0(s10)
  li s5, UART_BASE + UART_IER
  sb zero, 0(s5)                                            /* silence the source */
  sw s7, 0(s10)                                             /* complete */
m_done:
  IRQ_LEAVE(mscratch)
  mret
forward_m:                                                  /* exceptions and env ecalls */
  IRQ_LEAVE(mscratch)
  j trap_vector_m

  .align 2
irq_handler_s:
  IRQ_ENTER(sscratch)
  csrr s10, scause
  bgez s10, forward_s
  mv s9, s10
  addi s8, s8, 1
  andi s5, s9, 0xff
  li s10, IRQ_SSI
  beq s5, s10, s_soft
  li s10, IRQ_STI
  beq s5, s10, s_timer
  li s10, IRQ_SEI
  beq s5, s10, s_external
  j fail
s_soft:
  li s10, MIP_SSIP
  csrc sip, s10
  j s_done
s_timer:
  li s10, -1
  csrw stimecmp, s10
  j s_done
s_external:
  li s10, PLIC_CLAIM(PLIC_CTX_S)
  lw s7, 0(s10)
  li s5, UART_BASE + UART_IER
  sb zero, 0(s5)
  sw s7, 0(s10)
s_done:
  IRQ_LEAVE(sscratch)
  sret
forward_s:
  IRQ_LEAVE(sscratch)
  j trap_vector_s

/* Vectored mode: entry 0 takes exceptions, entry i interrupt i (records i in s6). */
  .align 6
  .option push
  .option norvc
vector_table:
  j trap_vector_m
  .rept 15
  j vectored_irq
  .endr
  .option pop
vectored_irq:
  csrr s6, mcause
  andi s6, s6, 0xff
  j irq_handler_m

  .bss
  .align 3
irq_log: .skip 24
