// NS16550A UART as on QEMU's virt machine (byte registers, PLIC source 10). Transmission
// is instantaneous: a byte written to THR goes straight to the console sink. Received
// bytes come from a host input queue given at start.
import { SharedStateDevice, SharedWords, type AccessSize } from './device.js';
import type { Plic } from './plic.js';

export const UART_BASE = 0x1000_0000n;
export const UART_IRQ = 10;

const IER_RX = 0x01;
const IER_THRE = 0x02;
const LSR_DR = 0x01;
const LSR_THRE = 0x20;
const LSR_TEMT = 0x40;
const IIR_NONE = 0x01;
const IIR_THRE = 0x02;
const IIR_RX = 0x04;
const IIR_FIFO = 0xc0;
const LCR_DLAB = 0x80;
const FCR_ENABLE = 0x01;
const MSR_CONNECTED = 0xb0; // DCD, DSR, CTS

// State words.
const IER = 0;
const LCR = 1;
const MCR = 2;
const SCR = 3;
const DLL = 4;
const DLM = 5;
const FCR = 6;
const THR_PENDING = 7;
const RX_HEAD = 8;
const RX_TAIL = 9;
const RX_BYTES = 10;

export class Uart16550 extends SharedStateDevice {
  readonly name = 'uart';
  readonly base = UART_BASE;
  readonly size = 0x100;

  constructor(
    shared: SharedWords,
    private readonly plic: Plic,
    private readonly transmit: (byte: number) => void,
    private readonly rxCapacity = 4096,
  ) {
    super(shared, RX_BYTES + rxCapacity);
  }

  /** Queue host input for the guest to read (call before the run starts). */
  receive(bytes: Uint8Array): void {
    this.locked(() => {
      const queued = this.state[RX_TAIL]! - this.state[RX_HEAD]!;
      if (queued + bytes.length > this.rxCapacity) {
        throw new Error(`uart: input of ${bytes.length} bytes does not fit the ${this.rxCapacity}-byte receive queue`);
      }
      for (const byte of bytes) {
        this.state[RX_BYTES + (this.state[RX_TAIL]! % this.rxCapacity)] = byte;
        this.state[RX_TAIL]!++;
      }
      this.updateInterrupt();
    });
  }

  read(offset: number, _size: AccessSize): bigint {
    return BigInt(this.locked(() => this.readRegister(offset)));
  }

  write(offset: number, _size: AccessSize, value: bigint): void {
    const byte = Number(value & 0xffn);
    this.locked(() => this.writeRegister(offset, byte));
  }

  override restore(saved: Uint8Array): void {
    super.restore(saved);
    this.locked(() => this.updateInterrupt());
  }

  private readRegister(offset: number): number {
    const dlab = (this.state[LCR]! & LCR_DLAB) !== 0;
    switch (offset) {
      case 0: {
        if (dlab) return this.state[DLL]!;
        if (!this.hasInput()) return 0;
        const byte = this.state[RX_BYTES + (this.state[RX_HEAD]! % this.rxCapacity)]!;
        this.state[RX_HEAD]!++;
        this.updateInterrupt();
        return byte;
      }
      case 1: return dlab ? this.state[DLM]! : this.state[IER]!;
      case 2: {
        const fifo = (this.state[FCR]! & FCR_ENABLE) !== 0 ? IIR_FIFO : 0;
        const cause = this.interruptCause();
        // Reading IIR while it reports THRE acknowledges that interrupt.
        if (cause === IIR_THRE) {
          this.state[THR_PENDING] = 0;
          this.updateInterrupt();
        }
        return fifo | cause;
      }
      case 3: return this.state[LCR]!;
      case 4: return this.state[MCR]!;
      case 5: return LSR_THRE | LSR_TEMT | (this.hasInput() ? LSR_DR : 0);
      case 6: return MSR_CONNECTED;
      case 7: return this.state[SCR]!;
      default: return 0;
    }
  }

  private writeRegister(offset: number, byte: number): void {
    const dlab = (this.state[LCR]! & LCR_DLAB) !== 0;
    switch (offset) {
      case 0:
        if (dlab) {
          this.state[DLL] = byte;
        } else {
          this.transmit(byte);
          this.state[THR_PENDING] = 1; // sent at once: THR is empty again
        }
        break;
      case 1:
        if (dlab) {
          this.state[DLM] = byte;
        } else {
          // Enabling the THRE interrupt while THR is empty raises it (as on a real 16550).
          if ((byte & IER_THRE) !== 0 && (this.state[IER]! & IER_THRE) === 0) this.state[THR_PENDING] = 1;
          this.state[IER] = byte & 0x0f;
        }
        break;
      case 2:
        this.state[FCR] = byte & 0xc9;
        if ((byte & 0x02) !== 0) this.state[RX_HEAD] = this.state[RX_TAIL]!; // clear receive FIFO
        break;
      case 3: this.state[LCR] = byte; break;
      case 4: this.state[MCR] = byte & 0x1f; break;
      case 7: this.state[SCR] = byte; break;
      default: break;
    }
    this.updateInterrupt();
  }

  private hasInput(): boolean {
    return this.state[RX_TAIL]! !== this.state[RX_HEAD]!;
  }

  private interruptCause(): number {
    const ier = this.state[IER]!;
    if ((ier & IER_RX) !== 0 && this.hasInput()) return IIR_RX;
    if ((ier & IER_THRE) !== 0 && this.state[THR_PENDING] === 1) return IIR_THRE;
    return IIR_NONE;
  }

  private updateInterrupt(): void {
    this.plic.setLevel(UART_IRQ, this.interruptCause() !== IIR_NONE);
  }
}
