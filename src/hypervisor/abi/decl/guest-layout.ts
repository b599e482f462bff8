// The guest-physical memory map of xenrv's RISC-V domUs and the event upcall interrupt,
// declared once for the domain builder, the device tree writer and the guests.
//
// RAM banks are upstream RISC-V Xen's (guest-layout.h). The grant-table and magic-page
// regions are UNCONFIRMED for the RISC-V downstream branch: xenrv uses Arm's values.
// The upcall: the hypervisor raises hvip.VSSIP, so the guest takes supervisor software
// interrupt 1 (the downstream's documented "hvip.IRQ_VS_EVTCHN → vsip.SSIP"); the exact
// downstream number is unconfirmed.
import { constants } from '../constants.js';

export const GUEST_LAYOUT = constants('GUEST_', 'Guest-physical memory map (RAM from upstream RISC-V; grant and magic regions are Arm\'s values, unconfirmed for RISC-V).', {
  RAM0_BASE: 0x80000000, RAM0_SIZE: 0x80000000,
  RAM1_BASE: 0x200000000, RAM1_SIZE: 0xfe00000000,
  RAM_BANKS: 2,
  GNTTAB_BASE: 0x38000000, GNTTAB_SIZE: 0x01000000,
  MAGIC_BASE: 0x39000000, MAGIC_SIZE: 0x01000000,
}, { hex: true });

export const MAGIC_PAGES = constants('', 'Magic pages the toolstack populates at GUEST_MAGIC_BASE (page offsets).', {
  NR_MAGIC_PAGES: 4, CONSOLE_PFN_OFFSET: 0, XENSTORE_PFN_OFFSET: 1, MEMACCESS_PFN_OFFSET: 2,
  VUART_PFN_OFFSET: 3,
});

export const XEN_UPCALL = constants('XEN_UPCALL_', 'The event-channel upcall as the guest sees it.', {
  /** Supervisor software interrupt (sip.SSIP, scause 1), injected through hvip.VSSIP. */
  IRQ: 1,
});
