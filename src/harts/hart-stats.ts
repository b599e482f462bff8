// Per-hart figures reported at the end of a run.
export interface HartRunStats {
  readonly hart: number;
  /** Instructions retired by the hart. */
  readonly instructions: number;
  /** Wall time the hart's thread spent running it, in milliseconds. */
  readonly wallMs: number;
  /** Millions of instructions per second of that wall time. */
  readonly mips: number;
}

export function hartStats(hart: number, instructions: bigint, wallMs: number): HartRunStats {
  const count = Number(instructions);
  return { hart, instructions: count, wallMs, mips: wallMs > 0 ? count / wallMs / 1000 : 0 };
}
