// Deterministic mode: every hart of the machine on the calling thread, one slice each in
// a fixed round-robin order, so a program's output and instruction counts repeat exactly.
import { Step, type HartLoop } from './hart-loop.js';
import type { HartRunStats } from './hart-stats.js';

export function runDeterministic(loops: readonly HartLoop[]): HartRunStats[] {
  const wallMs = loops.map(() => 0);
  for (;;) {
    let ran = false;
    for (let i = 0; i < loops.length; i++) {
      const started = performance.now();
      const step = loops[i]!.step();
      wallMs[i]! += performance.now() - started;
      if (step === Step.Stopped) return loops.map((loop, h) => loop.stats(wallMs[h]!));
      if (step === Step.Ran) ran = true;
    }
    // The last hart to block releases the others (next epoch, wake-up) or stops the run.
    if (!ran && !loops.some((loop) => loop.runnable || loop.stopped)) {
      throw new Error('deterministic scheduler: no hart can run and the run has not stopped');
    }
  }
}
