import { describe, expect, it } from 'vitest';
import { HartState, RunControl, StopKind } from '../../src/harts/run-control.js';

const Q = 1000n;

describe('RunControl', () => {
  it('opens the next epoch only when the last running hart arrives', () => {
    const control = RunControl.create(2, Q);
    expect(control.epochEnd).toBe(Q);
    control.arrive(0, Q);
    expect(control.state(0)).toBe(HartState.Arrived);
    expect(control.epochEnd).toBe(Q);
    control.arrive(1, Q);
    expect(control.epochEnd).toBe(2n * Q);
    expect([control.state(0), control.state(1)]).toEqual([HartState.Running, HartState.Running]);
  });

  it('jumps straight to the earliest timer deadline when every hart waits on a timer', () => {
    const control = RunControl.create(2, Q);
    control.arrive(0, 50_000n);
    control.arrive(1, 7_000n);
    expect(control.epochEnd).toBe(7_000n + Q);
  });

  it('does not count sleeping harts at the barrier, and wakes them at the epoch start', () => {
    const control = RunControl.create(2, Q);
    expect(control.sleep(1, () => true)).toBe(true);
    control.arrive(0, Q);
    expect(control.epochEnd).toBe(2n * Q);
    control.wake(1);
    expect(control.state(1)).toBe(HartState.Running);
    expect(control.resumeTime(1)).toBe(Q);
  });

  it('does not sleep when an interrupt arrived before the lock was taken', () => {
    const control = RunControl.create(1, Q);
    expect(control.sleep(0, () => false)).toBe(false);
    expect(control.state(0)).toBe(HartState.Running);
    expect(control.stopped).toBe(false);
  });

  it('declares a deadlock when every hart sleeps with nothing armed', () => {
    const control = RunControl.create(2, Q);
    control.sleep(0, () => true);
    expect(control.stopped).toBe(false);
    control.sleep(1, () => true);
    expect(control.stopInfo().kind).toBe(StopKind.Deadlock);
  });

  it('keeps the first verdict', () => {
    const control = RunControl.create(2, Q);
    control.stop(StopKind.Fail, 3, 1);
    control.stop(StopKind.Pass, 0, 0);
    expect(control.stopInfo()).toEqual({ kind: StopKind.Fail, code: 3, hart: 1 });
    control.waitUntilRunnable(0); // returns at once: the run stopped
  });
});
