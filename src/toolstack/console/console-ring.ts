// struct xencons_interface (spec xen-abi §4.3): the guest writes out[] and advances
// out_prod, the backend writes in[] and advances in_prod; indices run freely and a byte
// sits at index & (size - 1). Indices are read and written with Atomics: the page is in
// the machine's shared memory, where the guest's hart worker writes concurrently.
import { XENCONS, xenconsInterface } from '../../hypervisor/abi/decl/console.js';

const IN_OFFSET = xenconsInterface.offsetOf('in');
const OUT_OFFSET = xenconsInterface.offsetOf('out');
const IN_CONS = xenconsInterface.offsetOf('in_cons') / 4;
const IN_PROD = xenconsInterface.offsetOf('in_prod') / 4;
const OUT_CONS = xenconsInterface.offsetOf('out_cons') / 4;
const OUT_PROD = xenconsInterface.offsetOf('out_prod') / 4;

export class ConsoleRing {
  private readonly words: Int32Array;

  constructor(private readonly bytes: Uint8Array) {
    if (bytes.length < xenconsInterface.size || bytes.byteOffset % 4 !== 0) throw new Error('console ring must be an aligned page');
    this.words = new Int32Array(bytes.buffer, bytes.byteOffset, xenconsInterface.size / 4);
  }

  /**
   * Takes what the guest wrote since the last call. A ring whose indices claim more than
   * out[] holds is left alone, as xenconsoled does (nothing is read until the guest
   * repairs it).
   */
  takeOutput(): Uint8Array {
    const cons = this.word(OUT_CONS);
    const pending = (this.word(OUT_PROD) - cons) >>> 0;
    if (pending === 0 || pending > XENCONS.OUT_RING_SIZE) return new Uint8Array(0);
    const out = new Uint8Array(pending);
    for (let i = 0; i < pending; i++) out[i] = this.bytes[OUT_OFFSET + ((cons + i) & (XENCONS.OUT_RING_SIZE - 1))];
    this.setWord(OUT_CONS, cons + pending);
    return out;
  }

  /** Copies as much of `data` into in[] as there is room for; returns the count. */
  putInput(data: Uint8Array): number {
    const prod = this.word(IN_PROD);
    const used = (prod - this.word(IN_CONS)) >>> 0;
    if (used >= XENCONS.IN_RING_SIZE) return 0;
    const count = Math.min(data.length, XENCONS.IN_RING_SIZE - used);
    for (let i = 0; i < count; i++) this.bytes[IN_OFFSET + ((prod + i) & (XENCONS.IN_RING_SIZE - 1))] = data[i];
    this.setWord(IN_PROD, prod + count);
    return count;
  }

  private word(index: number): number {
    return Atomics.load(this.words, index) >>> 0;
  }

  private setWord(index: number, value: number): void {
    Atomics.store(this.words, index, value | 0);
  }
}
