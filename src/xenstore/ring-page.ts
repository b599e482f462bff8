// struct xenstore_domain_interface (spec §1.9): two 1024-byte rings with
// free-running u32 indices, then feature/connection/error words. Indices are
// read and written with Atomics so the page may sit in a SharedArrayBuffer
// that a guest's hart worker writes concurrently (data first, then the index).

export const RING_SIZE = 1024;
const REQ_OFFSET = 0;
const RSP_OFFSET = 1024;
/** Word indices (u32) of the control fields. */
const REQ_CONS = 2048 / 4;
const REQ_PROD = 2052 / 4;
const RSP_CONS = 2056 / 4;
const RSP_PROD = 2060 / 4;
const SERVER_FEATURES = 2064 / 4;
const CONNECTION = 2068 / 4;
const ERROR = 2072 / 4;

export const RingFeature = { RECONNECTION: 1, ERROR: 2 } as const;
export const RingError = { NONE: 0, COMM: 1, RINGIDX: 2, PROTO: 3 } as const;
export const RingConnection = { CONNECTED: 0, RECONNECT: 1 } as const;

/** One direction of the page: a producer index, a consumer index and the data. */
export class RingDirection {
  constructor(
    private readonly page: XenstoreRingPage,
    private readonly dataOffset: number,
    private readonly consWord: number,
    private readonly prodWord: number,
  ) {}

  /** Bytes in flight; more than RING_SIZE means a corrupt index (RINGIDX). */
  pending(): number {
    return (this.page.word(this.prodWord) - this.page.word(this.consWord)) >>> 0;
  }

  space(): number {
    return RING_SIZE - this.pending();
  }

  /** Consumer side: takes every pending byte. */
  take(): Buffer {
    const cons = this.page.word(this.consWord);
    const count = this.pending();
    const out = Buffer.allocUnsafe(count);
    for (let copied = 0; copied < count; ) {
      const at = (cons + copied) & (RING_SIZE - 1);
      const run = Math.min(count - copied, RING_SIZE - at);
      out.set(this.page.bytes.subarray(this.dataOffset + at, this.dataOffset + at + run), copied);
      copied += run;
    }
    this.page.setWord(this.consWord, cons + count);
    return out;
  }

  /** Producer side: copies as much of `data` as fits; returns the byte count. */
  put(data: Uint8Array): number {
    const prod = this.page.word(this.prodWord);
    const count = Math.min(data.length, this.space());
    for (let copied = 0; copied < count; ) {
      const at = (prod + copied) & (RING_SIZE - 1);
      const run = Math.min(count - copied, RING_SIZE - at);
      this.page.bytes.set(data.subarray(copied, copied + run), this.dataOffset + at);
      copied += run;
    }
    this.page.setWord(this.prodWord, prod + count);
    return count;
  }

  reset(): void {
    this.page.setWord(this.consWord, 0);
    this.page.setWord(this.prodWord, 0);
  }
}

export class XenstoreRingPage {
  readonly requests: RingDirection;
  readonly responses: RingDirection;
  private readonly words: Int32Array;

  constructor(readonly bytes: Uint8Array) {
    if (bytes.length < 4096 || bytes.byteOffset % 4 !== 0) throw new Error('xenstore ring page must be 4096 aligned bytes');
    this.words = new Int32Array(bytes.buffer, bytes.byteOffset, 1024);
    this.requests = new RingDirection(this, REQ_OFFSET, REQ_CONS, REQ_PROD);
    this.responses = new RingDirection(this, RSP_OFFSET, RSP_CONS, RSP_PROD);
  }

  word(index: number): number {
    return Atomics.load(this.words, index) >>> 0;
  }

  setWord(index: number, value: number): void {
    Atomics.store(this.words, index, value | 0);
  }

  get serverFeatures(): number {
    return this.word(SERVER_FEATURES);
  }
  set serverFeatures(value: number) {
    this.setWord(SERVER_FEATURES, value);
  }
  get connection(): number {
    return this.word(CONNECTION);
  }
  set connection(value: number) {
    this.setWord(CONNECTION, value);
  }
  get error(): number {
    return this.word(ERROR);
  }
  set error(value: number) {
    this.setWord(ERROR, value);
  }
}
