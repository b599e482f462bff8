// A futex-style mutex in one Int32 word of shared memory: 0 free, 1 held, 2 held with
// waiters. Used for rare state transitions (device registers, barrier bookkeeping), never
// per instruction. Node allows Atomics.wait on the main thread, where it never contends.

export function withSharedLock<T>(words: Int32Array, at: number, body: () => T): T {
  let c = Atomics.compareExchange(words, at, 0, 1);
  if (c !== 0) {
    do {
      if (c === 2 || Atomics.compareExchange(words, at, 1, 2) !== 0) Atomics.wait(words, at, 2);
      c = Atomics.compareExchange(words, at, 0, 2);
    } while (c !== 0);
  }
  try {
    return body();
  } finally {
    if (Atomics.sub(words, at, 1) !== 1) {
      Atomics.store(words, at, 0);
      Atomics.notify(words, at, 1);
    }
  }
}
