/* Bit fields of the machine, supervisor and hypervisor CSRs used by the ISA tests
   (RISC-V privileged specification, version 1.12). */
#ifndef XENRV_CSR_H
#define XENRV_CSR_H

#define MSTATUS_SIE (1 << 1)
#define MSTATUS_MIE (1 << 3)
#define MSTATUS_SPIE (1 << 5)
#define MSTATUS_UBE (1 << 6)
#define MSTATUS_MPIE (1 << 7)
#define MSTATUS_SPP (1 << 8)
#define MSTATUS_MPP (3 << 11)
#define MSTATUS_MPP_S (1 << 11)
#define MSTATUS_MPP_U 0
#define MSTATUS_MPP_M (3 << 11)
#define MSTATUS_FS (3 << 13)
#define MSTATUS_XS (3 << 15)
#define MSTATUS_MPRV (1 << 17)
#define MSTATUS_SUM (1 << 18)
#define MSTATUS_MXR (1 << 19)
#define MSTATUS_TVM (1 << 20)
#define MSTATUS_TW (1 << 21)
#define MSTATUS_TSR (1 << 22)
#define MSTATUS_UXL (3 << 32)
#define MSTATUS_SXL (3 << 34)
#define MSTATUS_GVA (1 << 38)
#define MSTATUS_MPV (1 << 39)
#define MSTATUS_SD (1 << 63)

#define HSTATUS_GVA (1 << 6)
#define HSTATUS_SPV (1 << 7)
#define HSTATUS_SPVP (1 << 8)
#define HSTATUS_HU (1 << 9)
#define HSTATUS_VTVM (1 << 20)
#define HSTATUS_VTW (1 << 21)
#define HSTATUS_VTSR (1 << 22)

#define IRQ_SSI 1
#define IRQ_VSSI 2
#define IRQ_MSI 3
#define IRQ_STI 5
#define IRQ_VSTI 6
#define IRQ_MTI 7
#define IRQ_SEI 9
#define IRQ_VSEI 10
#define IRQ_MEI 11
#define IRQ_SGEI 12

#define MIP_SSIP (1 << IRQ_SSI)
#define MIP_VSSIP (1 << IRQ_VSSI)
#define MIP_MSIP (1 << IRQ_MSI)
#define MIP_STIP (1 << IRQ_STI)
#define MIP_VSTIP (1 << IRQ_VSTI)
#define MIP_MTIP (1 << IRQ_MTI)
#define MIP_SEIP (1 << IRQ_SEI)
#define MIP_VSEIP (1 << IRQ_VSEI)
#define MIP_MEIP (1 << IRQ_MEI)

#define CAUSE_INTERRUPT (1 << 63)
#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS 1
#define CAUSE_ILLEGAL_INSTRUCTION 2
#define CAUSE_BREAKPOINT 3
#define CAUSE_MISALIGNED_LOAD 4
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS 7
#define CAUSE_USER_ECALL 8
#define CAUSE_SUPERVISOR_ECALL 9
#define CAUSE_VIRTUAL_SUPERVISOR_ECALL 10
#define CAUSE_MACHINE_ECALL 11
#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT 13
#define CAUSE_STORE_PAGE_FAULT 15
#define CAUSE_FETCH_GUEST_PAGE_FAULT 20
#define CAUSE_LOAD_GUEST_PAGE_FAULT 21
#define CAUSE_VIRTUAL_INSTRUCTION 22
#define CAUSE_STORE_GUEST_PAGE_FAULT 23

#define SATP_MODE_SV39 (8 << 60)
#define HGATP_MODE_SV39X4 (8 << 60)

#define PTE_V (1 << 0)
#define PTE_R (1 << 1)
#define PTE_W (1 << 2)
#define PTE_X (1 << 3)
#define PTE_U (1 << 4)
#define PTE_G (1 << 5)
#define PTE_A (1 << 6)
#define PTE_D (1 << 7)
#define PTE_PPN_SHIFT 10

#define MENVCFG_STCE (1 << 63)
#define HENVCFG_STCE (1 << 63)

#endif /* XENRV_CSR_H */
