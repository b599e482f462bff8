// Credit2's load balancing between runqueues (balance_load): find the runqueue whose
// average load differs most from ours; if the gap exceeds the tolerance (1.0 while both
// have spare capacity, 0.125 when one is overloaded: credit2_balance_under 0 and
// credit2_balance_over -3), move the waiting unit whose own load best closes the gap.
import { LOAD_ONE, LOAD_PRECISION_SHIFT } from './credit2-load.js';
import type { Credit2Unit, Runqueue } from './credit2-runqueue.js';

export const BALANCE_UNDER_SHIFT = 0;
export const BALANCE_OVER_SHIFT = -3;

function overloaded(runqueue: Runqueue): boolean {
  return runqueue.load.average >= runqueue.cpus.length * LOAD_ONE;
}

/**
 * Moves at most one waiting unit between `local` and the most different runqueue.
 * `canRunOn` says whether a unit may run on some CPU of a runqueue; returns the move made.
 */
export function balanceLoad(
  local: Runqueue,
  runqueues: readonly Runqueue[],
  nowNs: number,
  canRunOn: (unit: Credit2Unit, runqueue: Runqueue) => boolean,
): { unit: Credit2Unit; to: Runqueue } | undefined {
  for (const runqueue of runqueues) runqueue.load.update(nowNs);
  let other: Runqueue | undefined;
  for (const runqueue of runqueues) {
    if (runqueue === local) continue;
    if (other === undefined || Math.abs(local.load.average - runqueue.load.average) > Math.abs(local.load.average - other.load.average)) other = runqueue;
  }
  if (other === undefined) return undefined;
  const gap = local.load.average - other.load.average;
  const shift = LOAD_PRECISION_SHIFT + (overloaded(local) || overloaded(other) ? BALANCE_OVER_SHIFT : BALANCE_UNDER_SHIFT);
  if (Math.abs(gap) <= 2 ** shift) return undefined;
  const [from, to] = gap > 0 ? [local, other] : [other, local];
  let best: Credit2Unit | undefined;
  let bestGap = Math.abs(gap);
  for (const unit of from.waiting()) {
    if (!canRunOn(unit, to)) continue;
    unit.load.update(nowNs);
    const after = Math.abs(Math.abs(gap) - 2 * unit.load.average);
    if (after < bestGap) {
      best = unit;
      bestGap = after;
    }
  }
  return best === undefined ? undefined : { unit: best, to };
}
