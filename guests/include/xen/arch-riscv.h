/* RISC-V: vCPU context, domain config, memory map, upcall. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_ARCH_RISCV_H
#define XENRV_XEN_ARCH_RISCV_H

#include <stddef.h>
#include <stdint.h>

/* vcpu_guest_context.flags. */
#define VGCF_online 0x1

/* Guest-physical memory map (RAM from upstream RISC-V; grant and magic regions are Arm's values, unconfirmed for RISC-V). */
#define GUEST_RAM0_BASE 0x80000000U
#define GUEST_RAM0_SIZE 0x80000000U
#define GUEST_RAM1_BASE 0x200000000ULL
#define GUEST_RAM1_SIZE 0xfe00000000ULL
#define GUEST_RAM_BANKS 0x2
#define GUEST_GNTTAB_BASE 0x38000000
#define GUEST_GNTTAB_SIZE 0x1000000
#define GUEST_MAGIC_BASE 0x39000000
#define GUEST_MAGIC_SIZE 0x1000000

/* Magic pages the toolstack populates at GUEST_MAGIC_BASE (page offsets). */
#define NR_MAGIC_PAGES 4
#define CONSOLE_PFN_OFFSET 0
#define XENSTORE_PFN_OFFSET 1
#define MEMACCESS_PFN_OFFSET 2
#define VUART_PFN_OFFSET 3

/* The event-channel upcall as the guest sees it. */
#define XEN_UPCALL_IRQ 1

/* Empty on RISC-V in 4.18 (sizes createdomain and getdomaininfo). */
struct xen_arch_domainconfig {
};
typedef struct xen_arch_domainconfig xen_arch_domainconfig_t;
_Static_assert(sizeof(struct xen_arch_domainconfig) == 0, "xen_arch_domainconfig size");
_Static_assert(_Alignof(struct xen_arch_domainconfig) == 1, "xen_arch_domainconfig alignment");

/* xenrv's choice (downstream layout unconfirmed): x1..x31 by ABI name at 8*(n-1), then pc at 248. */
struct cpu_user_regs {
    uint64_t ra;
    uint64_t sp;
    uint64_t gp;
    uint64_t tp;
    uint64_t t0;
    uint64_t t1;
    uint64_t t2;
    uint64_t s0;
    uint64_t s1;
    uint64_t a0;
    uint64_t a1;
    uint64_t a2;
    uint64_t a3;
    uint64_t a4;
    uint64_t a5;
    uint64_t a6;
    uint64_t a7;
    uint64_t s2;
    uint64_t s3;
    uint64_t s4;
    uint64_t s5;
    uint64_t s6;
    uint64_t s7;
    uint64_t s8;
    uint64_t s9;
    uint64_t s10;
    uint64_t s11;
    uint64_t t3;
    uint64_t t4;
    uint64_t t5;
    uint64_t t6;
    uint64_t pc;
};
typedef struct cpu_user_regs cpu_user_regs_t;
_Static_assert(sizeof(struct cpu_user_regs) == 256, "cpu_user_regs size");
_Static_assert(_Alignof(struct cpu_user_regs) == 8, "cpu_user_regs alignment");
_Static_assert(offsetof(struct cpu_user_regs, ra) == 0, "cpu_user_regs.ra offset");
_Static_assert(offsetof(struct cpu_user_regs, sp) == 8, "cpu_user_regs.sp offset");
_Static_assert(offsetof(struct cpu_user_regs, gp) == 16, "cpu_user_regs.gp offset");
_Static_assert(offsetof(struct cpu_user_regs, tp) == 24, "cpu_user_regs.tp offset");
_Static_assert(offsetof(struct cpu_user_regs, t0) == 32, "cpu_user_regs.t0 offset");
_Static_assert(offsetof(struct cpu_user_regs, t1) == 40, "cpu_user_regs.t1 offset");
_Static_assert(offsetof(struct cpu_user_regs, t2) == 48, "cpu_user_regs.t2 offset");
_Static_assert(offsetof(struct cpu_user_regs, s0) == 56, "cpu_user_regs.s0 offset");
_Static_assert(offsetof(struct cpu_user_regs, s1) == 64, "cpu_user_regs.s1 offset");
_Static_assert(offsetof(struct cpu_user_regs, a0) == 72, "cpu_user_regs.a0 offset");
_Static_assert(offsetof(struct cpu_user_regs, a1) == 80, "cpu_user_regs.a1 offset");
_Static_assert(offsetof(struct cpu_user_regs, a2) == 88, "cpu_user_regs.a2 offset");
_Static_assert(offsetof(struct cpu_user_regs, a3) == 96, "cpu_user_regs.a3 offset");
_Static_assert(offsetof(struct cpu_user_regs, a4) == 104, "cpu_user_regs.a4 offset");
_Static_assert(offsetof(struct cpu_user_regs, a5) == 112, "cpu_user_regs.a5 offset");
_Static_assert(offsetof(struct cpu_user_regs, a6) == 120, "cpu_user_regs.a6 offset");
_Static_assert(offsetof(struct cpu_user_regs, a7) == 128, "cpu_user_regs.a7 offset");
_Static_assert(offsetof(struct cpu_user_regs, s2) == 136, "cpu_user_regs.s2 offset");
_Static_assert(offsetof(struct cpu_user_regs, s3) == 144, "cpu_user_regs.s3 offset");
_Static_assert(offsetof(struct cpu_user_regs, s4) == 152, "cpu_user_regs.s4 offset");
_Static_assert(offsetof(struct cpu_user_regs, s5) == 160, "cpu_user_regs.s5 offset");
_Static_assert(offsetof(struct cpu_user_regs, s6) == 168, "cpu_user_regs.s6 offset");
_Static_assert(offsetof(struct cpu_user_regs, s7) == 176, "cpu_user_regs.s7 offset");
_Static_assert(offsetof(struct cpu_user_regs, s8) == 184, "cpu_user_regs.s8 offset");
_Static_assert(offsetof(struct cpu_user_regs, s9) == 192, "cpu_user_regs.s9 offset");
_Static_assert(offsetof(struct cpu_user_regs, s10) == 200, "cpu_user_regs.s10 offset");
_Static_assert(offsetof(struct cpu_user_regs, s11) == 208, "cpu_user_regs.s11 offset");
_Static_assert(offsetof(struct cpu_user_regs, t3) == 216, "cpu_user_regs.t3 offset");
_Static_assert(offsetof(struct cpu_user_regs, t4) == 224, "cpu_user_regs.t4 offset");
_Static_assert(offsetof(struct cpu_user_regs, t5) == 232, "cpu_user_regs.t5 offset");
_Static_assert(offsetof(struct cpu_user_regs, t6) == 240, "cpu_user_regs.t6 offset");
_Static_assert(offsetof(struct cpu_user_regs, pc) == 248, "cpu_user_regs.pc offset");

/* xenrv's choice (downstream layout unconfirmed): a vCPU's state for set/getvcpucontext and VCPUOP_initialise; the CSRs are the guest's view (vs* CSRs, vstimecmp). */
struct vcpu_guest_context {
    uint32_t flags;
    uint32_t pad;
    struct cpu_user_regs user_regs;
    uint64_t sstatus;
    uint64_t sie;
    uint64_t stvec;
    uint64_t sscratch;
    uint64_t sepc;
    uint64_t scause;
    uint64_t stval;
    uint64_t sip;
    uint64_t satp;
    uint64_t stimecmp;
};
typedef struct vcpu_guest_context vcpu_guest_context_t;
_Static_assert(sizeof(struct vcpu_guest_context) == 344, "vcpu_guest_context size");
_Static_assert(_Alignof(struct vcpu_guest_context) == 8, "vcpu_guest_context alignment");
_Static_assert(offsetof(struct vcpu_guest_context, flags) == 0, "vcpu_guest_context.flags offset");
_Static_assert(offsetof(struct vcpu_guest_context, pad) == 4, "vcpu_guest_context.pad offset");
_Static_assert(offsetof(struct vcpu_guest_context, user_regs) == 8, "vcpu_guest_context.user_regs offset");
_Static_assert(offsetof(struct vcpu_guest_context, sstatus) == 264, "vcpu_guest_context.sstatus offset");
_Static_assert(offsetof(struct vcpu_guest_context, sie) == 272, "vcpu_guest_context.sie offset");
_Static_assert(offsetof(struct vcpu_guest_context, stvec) == 280, "vcpu_guest_context.stvec offset");
_Static_assert(offsetof(struct vcpu_guest_context, sscratch) == 288, "vcpu_guest_context.sscratch offset");
_Static_assert(offsetof(struct vcpu_guest_context, sepc) == 296, "vcpu_guest_context.sepc offset");
_Static_assert(offsetof(struct vcpu_guest_context, scause) == 304, "vcpu_guest_context.scause offset");
_Static_assert(offsetof(struct vcpu_guest_context, stval) == 312, "vcpu_guest_context.stval offset");
_Static_assert(offsetof(struct vcpu_guest_context, sip) == 320, "vcpu_guest_context.sip offset");
_Static_assert(offsetof(struct vcpu_guest_context, satp) == 328, "vcpu_guest_context.satp offset");
_Static_assert(offsetof(struct vcpu_guest_context, stimecmp) == 336, "vcpu_guest_context.stimecmp offset");

#endif /* XENRV_XEN_ARCH_RISCV_H */
