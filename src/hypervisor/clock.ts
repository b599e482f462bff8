// Xen's system time: virtual nanoseconds since the host booted. It only moves when the
// simulation advances it (harts retiring instructions, idle time skipped), never by
// reading the wall clock.
export class SystemClock {
  private nowNs = 0;

  now(): number {
    return this.nowNs;
  }

  /** Moves time forward to `ns` (never backward). */
  advanceTo(ns: number): void {
    if (ns > this.nowNs) this.nowNs = ns;
  }

  advanceBy(ns: number): void {
    if (ns > 0) this.nowNs += ns;
  }
}
