// The hypervisor-level CSRs a hart needs before it runs a vCPU at VS: the guest's own
// exceptions (misaligned, access and page faults, illegal instruction, breakpoint, ecall
// from VU) and the VS interrupts go straight to the guest's trap vector; the guest may
// read time, cycle and instret; Sstc gives it vstimecmp, which starts disarmed.
import type { GuestCpu } from './guest-cpu.js';

const CSR = { medeleg: 0x302, mcounteren: 0x306, menvcfg: 0x30a, hedeleg: 0x602, hideleg: 0x603, hcounteren: 0x606, henvcfg: 0x60a, vstimecmp: 0x24d } as const;

const CAUSE = {
  misalignedFetch: 0, fetchAccess: 1, illegalInstruction: 2, breakpoint: 3, misalignedLoad: 4, loadAccess: 5,
  misalignedStore: 6, storeAccess: 7, ecallFromU: 8, fetchPageFault: 12, loadPageFault: 13, storePageFault: 15,
} as const;

/** Exceptions the guest handles itself. */
export const GUEST_EXCEPTIONS = Object.values(CAUSE).reduce((mask, cause) => mask | (1n << BigInt(cause)), 0n);
/** VSSIP, VSTIP, VSEIP. */
const VS_INTERRUPTS = (1n << 2n) | (1n << 6n) | (1n << 10n);
/** CY, TM, IR. */
const COUNTERS = 0b111n;
const STCE = 1n << 63n;

export function initVcpuCsrs(cpu: GuestCpu): void {
  cpu.writeCsr(CSR.medeleg, GUEST_EXCEPTIONS);
  cpu.writeCsr(CSR.hedeleg, GUEST_EXCEPTIONS);
  cpu.writeCsr(CSR.hideleg, VS_INTERRUPTS);
  cpu.writeCsr(CSR.mcounteren, COUNTERS);
  cpu.writeCsr(CSR.hcounteren, COUNTERS);
  cpu.writeCsr(CSR.menvcfg, STCE);
  cpu.writeCsr(CSR.henvcfg, STCE);
  cpu.writeCsr(CSR.vstimecmp, (1n << 64n) - 1n);
}
