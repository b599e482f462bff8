/* Trap handling: interrupts go to the handlers a program installed; any other trap is
   unexpected, so it is reported on the console and the domain shuts down with crash. */
#include "runtime.h"

#define INTERRUPT_BIT (1ULL << 63)
#define MAX_IRQ 16

static irq_handler_t irq_handlers[MAX_IRQ];

void trap_set_irq_handler(unsigned int irq, irq_handler_t handler)
{
    if (irq >= MAX_IRQ) return;
    irq_handlers[irq] = handler;
    unsigned long bit = 1UL << irq;
    if (handler) __asm__ volatile("csrs sie, %0" ::"r"(bit));
    else __asm__ volatile("csrc sie, %0" ::"r"(bit));
}

irq_handler_t trap_irq_handler(unsigned int irq) { return irq < MAX_IRQ ? irq_handlers[irq] : NULL; }

static const char *cause_name(uint64_t cause)
{
    static const char *const names[] = {
        "instruction address misaligned", "instruction access fault", "illegal instruction", "breakpoint",
        "load address misaligned", "load access fault", "store address misaligned", "store access fault",
        "ecall from U-mode", "ecall from S-mode", "?", "?", "instruction page fault", "load page fault", "?",
        "store page fault",
    };
    return cause < ARRAY_SIZE(names) ? names[cause] : "?";
}

void trap_handle(struct trap_frame *frame)
{
    uint64_t cause = frame->scause & ~INTERRUPT_BIT;
    if ((frame->scause & INTERRUPT_BIT) && cause < MAX_IRQ && irq_handlers[cause]) {
        if (cause == IRQ_SOFTWARE) __asm__ volatile("csrc sip, %0" ::"r"(1UL << IRQ_SOFTWARE));
        irq_handlers[cause](frame);
        return;
    }
    printf("unexpected trap: %s %s (scause 0x%lx) at sepc 0x%lx, stval 0x%lx\n",
           frame->scause & INTERRUPT_BIT ? "interrupt" : "exception",
           frame->scause & INTERRUPT_BIT ? "" : cause_name(cause), (unsigned long)frame->scause,
           (unsigned long)frame->sepc, (unsigned long)frame->stval);
    xen_crash();
}
