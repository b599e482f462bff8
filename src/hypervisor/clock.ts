// Xen's system time: virtual nanoseconds since the host booted. It only moves when the
// simulation advances it (harts retiring instructions, idle time skipped), never by
// reading the wall clock.
export class SystemClock {
  private nowNs = 0;
  private stampNs: number | undefined;

  now(): number {
    return this.stampNs ?? this.nowNs;
  }

  /**
   * Runs `body` with now() = `ns`: an event that happened on a hart at its own virtual time
   * (harts drift apart by up to a quantum) is stamped with that time. The clock then moves
   * forward to `ns` if it was behind.
   */
  at<T>(ns: number, body: () => T): T {
    const outer = this.stampNs;
    this.stampNs = ns;
    try {
      return body();
    } finally {
      this.stampNs = outer;
      this.advanceTo(ns);
    }
  }

  /** Moves time forward to `ns` (never backward). */
  advanceTo(ns: number): void {
    if (ns > this.nowNs) this.nowNs = ns;
  }

  advanceBy(ns: number): void {
    if (ns > 0) this.nowNs += ns;
  }
}
