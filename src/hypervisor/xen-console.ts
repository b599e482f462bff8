// Xen's console: the boot log, Xen's own messages and domU console output. Kept in a
// ring (what sysctl readconsole and `xl dmesg` read) and passed to an output sink.

const RING_BYTES = 16 * 1024;

export class XenConsole {
  private ring = '';
  /** Total characters ever written: readconsole's incremental index counts in these. */
  private produced = 0;
  /** Where console output appears (the terminal); none by default. */
  sink: ((text: string) => void) | undefined;
  /** Characters typed at the console, for CONSOLEIO_read. */
  private input = '';
  /** Told when characters arrive (Xen raises VIRQ_CONSOLE). */
  onInput: (() => void) | undefined;

  write(text: string): void {
    this.ring += text;
    this.produced += text.length;
    if (this.ring.length > RING_BYTES) this.ring = this.ring.slice(this.ring.length - RING_BYTES);
    this.sink?.(text);
  }

  /** A Xen log line, as printk prints it: "(XEN) message". */
  log(message: string): void {
    this.write(`(XEN) ${message}\n`);
  }

  get totalWritten(): number {
    return this.produced;
  }

  /** Everything still in the ring. */
  contents(): string {
    return this.ring;
  }

  /** Ring contents written after character number `index` (readconsole incremental). */
  since(index: number): string {
    const firstKept = this.produced - this.ring.length;
    return this.ring.slice(Math.max(0, index - firstKept));
  }

  clear(): void {
    this.ring = '';
  }

  /** Drops what was written before character number `index` (readconsole's clear). */
  discardBefore(index: number): void {
    const firstKept = this.produced - this.ring.length;
    if (index > firstKept) this.ring = this.ring.slice(Math.min(index, this.produced) - firstKept);
  }

  /** Queues characters for guests that read the console. */
  type(text: string): void {
    this.input += text;
    if (text !== '') this.onInput?.();
  }

  /** Takes up to `max` characters of pending input. */
  takeInput(max: number): string {
    const taken = this.input.slice(0, max);
    this.input = this.input.slice(taken.length);
    return taken;
  }
}
