// Berkeley HTIF over the tohost/fromhost words of a bare-metal image (found by symbol).
// The hart stops on a store to tohost; this decodes it: exit (odd value), console putchar
// (device 1, command 1), or a proxied system call (device 0, even value = pointer to the
// riscv-tests magic_mem block; only write(1|2, buf, len) is served).
import type { PhysicalRam } from '../harts/load-elf.js';

const SYS_WRITE = 64n;
const ENOSYS = 38n;

/** The test's verdict: 0 passes, otherwise the failing test number. */
export type HtifOutcome = { exitCode: number } | undefined;

export class Htif {
  private readonly view: DataView;

  constructor(
    private readonly memory: PhysicalRam,
    private readonly tohost: number,
    private readonly fromhost: number | undefined,
    private readonly console: (bytes: Uint8Array) => void,
  ) {
    this.view = new DataView(memory.memory.buffer);
  }

  /** Handle the value just stored to tohost. */
  onToHost(): HtifOutcome {
    const value = this.view.getBigUint64(this.tohost, true);
    if (value === 0n) return undefined;
    const device = value >> 56n;
    const command = (value >> 48n) & 0xffn;
    const payload = value & 0xffff_ffff_ffffn;
    if (device === 0n && (payload & 1n) === 1n) return { exitCode: Number(payload >> 1n) };
    if (device === 1n && command === 1n) {
      this.console(new Uint8Array([Number(payload & 0xffn)]));
      this.reply((1n << 56n) | (1n << 48n));
    } else if (device === 0n) {
      this.syscall(payload);
      this.reply(1n);
    }
    return undefined;
  }

  private syscall(pointer: bigint): void {
    const block = this.memory.physToOffset(pointer, 32);
    if (block < 0) return;
    const [which, fd, buffer, length] = [0, 8, 16, 24].map((at) => this.view.getBigUint64(block + at, true)) as [bigint, bigint, bigint, bigint];
    let result = -ENOSYS;
    if (which === SYS_WRITE && (fd === 1n || fd === 2n)) {
      const at = length <= 0x10_0000n ? this.memory.physToOffset(buffer, Number(length)) : -1;
      if (at >= 0) {
        this.console(new Uint8Array(this.memory.memory.buffer).slice(at, at + Number(length)));
        result = length;
      } else {
        result = -14n; // EFAULT
      }
    }
    this.view.setBigInt64(block, result, true);
  }

  private reply(value: bigint): void {
    this.view.setBigUint64(this.tohost, 0n, true);
    if (this.fromhost !== undefined) this.view.setBigUint64(this.fromhost, value, true);
  }
}
