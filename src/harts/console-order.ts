// Console bytes from several hart workers, put back into the order the harts wrote them.
// Each worker posts its bytes in batches, and batches from different workers reach the
// main thread in any order; a program that serialises its output with a lock would see
// its lines torn. So every byte is numbered when the hart writes it (one shared counter,
// taken atomically at the store) and the main thread releases bytes in number order.

/** Bytes numbered from `first` on, consecutively. */
export interface ConsoleRun {
  readonly first: number;
  readonly bytes: Uint8Array;
}

export function createConsoleCounter(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}

/** Worker side: numbers bytes as they are written and batches them for posting. */
export class NumberedConsole {
  private readonly counter: Int32Array;
  private runs: { first: number; chunks: Uint8Array[]; length: number }[] = [];

  constructor(counterBuffer: SharedArrayBuffer) {
    this.counter = new Int32Array(counterBuffer);
  }

  write(bytes: Uint8Array): void {
    const first = Atomics.add(this.counter, 0, bytes.length);
    const last = this.runs.at(-1);
    if (last !== undefined && last.first + last.length === first) {
      last.chunks.push(bytes);
      last.length += bytes.length;
    } else {
      this.runs.push({ first, chunks: [bytes], length: bytes.length });
    }
  }

  get isEmpty(): boolean {
    return this.runs.length === 0;
  }

  take(): ConsoleRun[] {
    const runs = this.runs.map((run) => ({ first: run.first, bytes: concat(run.chunks, run.length) }));
    this.runs = [];
    return runs;
  }
}

/** Main-thread side: releases bytes in number order, holding back any that arrive early. */
export class ConsoleReorder {
  private next = 0;
  private readonly early = new Map<number, Uint8Array>();

  constructor(private readonly emit: (bytes: Uint8Array) => void) {}

  accept(runs: readonly ConsoleRun[]): void {
    for (const run of runs) this.early.set(run.first, run.bytes);
    for (let bytes = this.early.get(this.next); bytes !== undefined; bytes = this.early.get(this.next)) {
      this.early.delete(this.next);
      this.next += bytes.length;
      this.emit(bytes);
    }
  }

  /** Every writer has finished: whatever is still held (after a hart died mid-batch) goes out in order. */
  drain(): void {
    for (const first of [...this.early.keys()].sort((a, b) => a - b)) this.emit(this.early.get(first)!);
    this.early.clear();
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
