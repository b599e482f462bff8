// What the exit handler needs from a hart (src/harts/hart.ts implements it), so the same
// handler runs in a hart's worker or in-process in deterministic mode.
export interface GuestCpu {
  getX(i: number): bigint;
  setX(i: number, v: bigint): void;
  readCsr(n: number): bigint;
  writeCsr(n: number, v: bigint): void;
  /** Resumes after the trapping instruction (pc += 4 for an ecall). */
  completeMmio(loadValue?: bigint): void;
  flushTlb(): void;
}

/** CSR numbers the hypervisor touches on a guest's hart. */
export const GUEST_CSR = { hvip: 0x645, hgatp: 0x680, vstimecmp: 0x24d, vsatp: 0x280, vsstatus: 0x200 } as const;

/** hvip bits: virtual supervisor software, timer and external interrupts. */
export const HVIP = { VSSIP: 1n << 2n, VSTIP: 1n << 6n, VSEIP: 1n << 10n } as const;
