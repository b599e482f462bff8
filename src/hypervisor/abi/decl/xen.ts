// Core types and numbers of public xen.h shared by every family: reserved domain ids,
// virtual IRQs, the CPU bitmap used by domctl/sysctl, and RISC-V's basic sizes.
import { constants } from '../constants.js';
import { handle, struct } from '../aggregate.js';

export const DOMID = constants('DOMID_', 'Reserved domain ids.', {
  FIRST_RESERVED: 0x7ff0, SELF: 0x7ff0, IO: 0x7ff1, XEN: 0x7ff2, COW: 0x7ff3, INVALID: 0x7ff4,
  ANY: 0x7ff5, IDLE: 0x7fff,
}, { hex: true });

export const VIRQ = constants('VIRQ_', 'Virtual IRQs, bound with EVTCHNOP_bind_virq.', {
  TIMER: 0, DEBUG: 1, CONSOLE: 2, DOM_EXC: 3, TBUF: 4, DEBUGGER: 6, XENOPROF: 7, CON_RING: 8,
  PCPU_STATE: 9, MEM_EVENT: 10, ARGO: 11, ENOMEM: 12, XENPMU: 13,
  ARCH_0: 16, ARCH_1: 17, ARCH_2: 18, ARCH_3: 19, ARCH_4: 20, ARCH_5: 21, ARCH_6: 22, ARCH_7: 23,
});

export const NR_VIRQS = constants('', 'Number of virtual IRQs.', { NR_VIRQS: 24 });

export const XEN_ARCH = constants('XEN_', 'Basic sizes on RISC-V (arch-riscv.h).', {
  PAGE_SHIFT: 12,
  PAGE_SIZE: 4096,
  /** vcpu_info slots in shared_info; later vCPUs register their own vcpu_info. */
  LEGACY_MAX_VCPUS: 1,
  /** Length of a xen_domain_handle_t (a UUID). */
  DOMAIN_HANDLE_SIZE: 16,
});

export const XEN_INTERFACE = constants('', 'Interface version a guest built against these headers speaks (Xen 4.18; without it, compat hypercall numbers apply).', {
  __XEN_LATEST_INTERFACE_VERSION__: 0x00040e00,
}, { hex: true });

export const xenctlBitmap = struct('xenctl_bitmap', [
  ['bitmap', handle('uint8_t')],
  ['nr_bits', 'u32'],
], { size: 16, doc: 'A CPU or node bitmap in guest memory: nr_bits bits at bitmap.' });
