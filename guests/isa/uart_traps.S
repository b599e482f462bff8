/* Prints, through the UART, what a series of traps reports: the cause, the offset of the
   faulting pc from the start of the trapping code, and the tval for traps whose tval the
   specification fixes (addresses); compared byte for byte with QEMU's output. */
#include "xenrv_test.h"
#include "print.h"

#define NO_MEMORY 0x100000000

/* Run `code` (in mode mpp) expecting a trap to M with `cause`; print cause, pc offset
   from label 2 and, if print_tval, mtval. */
#define TRAP_AND_PRINT(n, mpp, cause, print_tval, code...)                  \
  TEST_TRAP_IN(n, mpp, 0, cause, code);                                     \
  la t5, trap_last_m;                                                       \
  ld s7, LAST_CAUSE(t5);                                                    \
  PRINT_FIELD(s_cause, s7);                                                 \
  la t5, trap_last_m;                                                       \
  ld s7, LAST_EPC(t5);                                                      \
  la t5, 2b;                                                                \
  sub s7, s7, t5;                                                           \
  PRINT_FIELD(s_epc, s7);                                                   \
  .if print_tval;                                                           \
  la t5, trap_last_m;                                                       \
  ld s7, LAST_TVAL(t5);                                                     \
  PRINT_FIELD(s_tval, s7);                                                  \
  .endif;                                                                   \
  PRINT_NEWLINE

TEST_BEGIN
  li s8, NO_MEMORY
  TRAP_AND_PRINT(1, MSTATUS_MPP_U, CAUSE_USER_ECALL, 0, li a7, 0; ecall)
  TRAP_AND_PRINT(2, MSTATUS_MPP_S, CAUSE_SUPERVISOR_ECALL, 0, nop; li a7, 0; ecall)
  TRAP_AND_PRINT(3, MSTATUS_MPP_M, CAUSE_BREAKPOINT, 0, ebreak)
  TRAP_AND_PRINT(4, MSTATUS_MPP_U, CAUSE_ILLEGAL_INSTRUCTION, 0, csrr a1, mstatus)
  TRAP_AND_PRINT(5, MSTATUS_MPP_S, CAUSE_LOAD_ACCESS, 1, ld a1, 24(s8))
  TRAP_AND_PRINT(6, MSTATUS_MPP_M, CAUSE_STORE_ACCESS, 1, sh a1, 6(s8))
  TRAP_AND_PRINT(7, MSTATUS_MPP_U, CAUSE_FETCH_ACCESS, 1, jr s8)
  TRAP_AND_PRINT(8, MSTATUS_MPP_U, CAUSE_ILLEGAL_INSTRUCTION, 0, c.nop; .half 0)
  la a0, s_done
  jal puts
  TEST_PASS


  .data
s_cause: .asciz "cause="
s_epc: .asciz " pc+"
s_tval: .asciz " tval="
s_done: .asciz "done\n"
