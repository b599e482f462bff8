// The SBI extensions a guest at VS may call (every a7 other than XEN_HYPERCALL_EID):
// extension ids, function ids and error codes from the RISC-V SBI specification, and the
// values Xen reports about itself through the BASE extension.
import { constants } from '../constants.js';

export const SBI_EXT = constants('SBI_EXT_', 'SBI extension ids (a7).', {
  LEGACY_SET_TIMER: 0x0, LEGACY_CONSOLE_PUTCHAR: 0x1, LEGACY_CONSOLE_GETCHAR: 0x2, LEGACY_CLEAR_IPI: 0x3,
  LEGACY_SEND_IPI: 0x4, LEGACY_REMOTE_FENCE_I: 0x5, LEGACY_REMOTE_SFENCE_VMA: 0x6,
  LEGACY_REMOTE_SFENCE_VMA_ASID: 0x7, LEGACY_SHUTDOWN: 0x8,
  BASE: 0x10, TIME: 0x54494d45, IPI: 0x735049, RFENCE: 0x52464e43, HSM: 0x48534d, SRST: 0x53525354,
  DBCN: 0x4442434e,
}, { hex: true });

export const SBI_BASE = constants('SBI_EXT_BASE_', 'BASE extension function ids (a6).', {
  GET_SPEC_VERSION: 0, GET_IMP_ID: 1, GET_IMP_VERSION: 2, PROBE_EXT: 3, GET_MVENDORID: 4,
  GET_MARCHID: 5, GET_MIMPID: 6,
});

export const SBI_TIME = constants('SBI_EXT_TIME_', 'TIME extension function ids.', { SET_TIMER: 0 });

export const SBI_IPI = constants('SBI_EXT_IPI_', 'IPI extension function ids.', { SEND_IPI: 0 });

export const SBI_RFENCE = constants('SBI_EXT_RFENCE_', 'RFENCE extension function ids.', {
  REMOTE_FENCE_I: 0, REMOTE_SFENCE_VMA: 1, REMOTE_SFENCE_VMA_ASID: 2, REMOTE_HFENCE_GVMA_VMID: 3,
  REMOTE_HFENCE_GVMA: 4, REMOTE_HFENCE_VVMA_ASID: 5, REMOTE_HFENCE_VVMA: 6,
});

export const SBI_HSM = constants('SBI_EXT_HSM_', 'HSM extension function ids.', {
  HART_START: 0, HART_STOP: 1, HART_GET_STATUS: 2, HART_SUSPEND: 3,
});

export const SBI_HSM_STATE = constants('SBI_HSM_STATE_', 'Hart states returned by HART_GET_STATUS.', {
  STARTED: 0, STOPPED: 1, START_PENDING: 2, STOP_PENDING: 3, SUSPENDED: 4, SUSPEND_PENDING: 5,
  RESUME_PENDING: 6,
});

export const SBI_HSM_SUSPEND = constants('SBI_HSM_SUSPEND_', 'HART_SUSPEND types.', {
  RET_DEFAULT: 0x00000000, NON_RET_DEFAULT: 0x80000000,
}, { hex: true });

export const SBI_SRST = constants('SBI_EXT_SRST_', 'SRST extension function ids.', { SYSTEM_RESET: 0 });

export const SBI_SRST_RESET = constants('SBI_SRST_RESET_', 'SYSTEM_RESET types and reasons.', {
  TYPE_SHUTDOWN: 0, TYPE_COLD_REBOOT: 1, TYPE_WARM_REBOOT: 2, REASON_NONE: 0, REASON_SYSFAIL: 1,
});

export const SBI_DBCN = constants('SBI_EXT_DBCN_', 'DBCN (debug console) extension function ids.', {
  CONSOLE_WRITE: 0, CONSOLE_READ: 1, CONSOLE_WRITE_BYTE: 2,
});

export const SBI_ERR = constants('SBI_ERR_', 'SBI error codes (returned in a0).', {
  SUCCESS: 0, FAILURE: -1, NOT_SUPPORTED: -2, INVALID_PARAM: -3, DENIED: -4, INVALID_ADDRESS: -5,
  ALREADY_AVAILABLE: -6, ALREADY_STARTED: -7, ALREADY_STOPPED: -8, NO_SHMEM: -9,
});

export const SBI_XEN = constants('SBI_XEN_', 'What Xen reports through the BASE extension.', {
  /** GET_IMP_ID: Xen's SBI implementation id. */
  IMPID: 7,
  /** GET_SPEC_VERSION as upstream Xen answers it: (major << 24) | minor = v0.2. */
  SPEC_VERSION: 2,
});
