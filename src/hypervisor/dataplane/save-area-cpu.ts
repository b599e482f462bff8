// A saved vCPU as the exit handler's GuestCpu: the main thread serves a slow-path call on
// the registers the hart saved into the vCPU's frame before asking; the hart reloads them
// (and flushes its TLBs) when the reply comes.
import type { GuestCpu } from '../guest-cpu.js';
import type { VcpuRecord } from './records.js';

const ECALL_BYTES = 4n;

export class SaveAreaCpu implements GuestCpu {
  private readonly view: DataView;

  constructor(private readonly record: VcpuRecord) {
    this.view = record.views.data;
  }

  getX(i: number): bigint {
    if (!Number.isInteger(i) || i < 0 || i > 31) throw new RangeError(`no register x${i}`);
    return i === 0 ? 0n : this.view.getBigUint64(this.record.xOffset(i), true);
  }

  setX(i: number, v: bigint): void {
    if (!Number.isInteger(i) || i < 0 || i > 31) throw new RangeError(`no register x${i}`);
    if (i !== 0) this.view.setBigUint64(this.record.xOffset(i), BigInt.asUintN(64, v), true);
  }

  get pc(): bigint {
    return this.view.getBigUint64(this.record.pcOffset, true);
  }

  set pc(v: bigint) {
    this.view.setBigUint64(this.record.pcOffset, BigInt.asUintN(64, v), true);
  }

  readCsr(n: number): bigint {
    return this.view.getBigUint64(this.csr(n), true);
  }

  writeCsr(n: number, v: bigint): void {
    this.view.setBigUint64(this.csr(n), BigInt.asUintN(64, v), true);
  }

  /** Whether `n` is part of a vCPU's saved state (not a hart-wide CSR). */
  holds(n: number): boolean {
    return this.record.csrOffset(n) >= 0;
  }

  /** Privilege the vCPU resumes at: 1 for VS, 0 for VU. */
  set privilege(p: 0 | 1) {
    this.view.setBigUint64(this.record.privOffset, BigInt(p), true);
  }

  /** Resumes after the ecall (the only instruction a slow path completes). */
  completeMmio(): void {
    this.pc = this.pc + ECALL_BYTES;
  }

  flushTlb(): void {
    // The hart flushes after every slow-path reply.
  }

  private csr(n: number): number {
    const at = this.record.csrOffset(n);
    if (at < 0) throw new RangeError(`CSR 0x${n.toString(16)} is not part of a vCPU's saved state`);
    return at;
  }
}
