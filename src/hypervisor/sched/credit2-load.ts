// Credit2's load tracking: an exponentially weighted moving average of how many units are
// runnable, in Q18 fixed point over a 2^30 ns window sampled at µs granularity
// (credit2_load_precision_shift 18, credit2_load_window_shift 30).
export const LOAD_PRECISION_SHIFT = 18;
export const LOAD_WINDOW_SHIFT = 30;
/** One runnable unit, in the fixed-point scale. */
export const LOAD_ONE = 2 ** LOAD_PRECISION_SHIFT;

const US_SHIFT = 10; // ns -> µs, as a shift
const WINDOW_US = 2 ** (LOAD_WINDOW_SHIFT - US_SHIFT);

export class EwmaLoad {
  /** Q18 average. */
  average = 0;
  private lastUs: number;

  constructor(nowNs: number, private current = 0) {
    this.lastUs = Math.floor(nowNs / 2 ** US_SHIFT);
  }

  /** The load was `this.current` until `nowNs`; from now on it changes by `change`. */
  update(nowNs: number, change = 0): void {
    const nowUs = Math.floor(nowNs / 2 ** US_SHIFT);
    const deltaUs = nowUs - this.lastUs;
    if (deltaUs > 0) {
      const sample = this.current * LOAD_ONE;
      this.average = deltaUs >= WINDOW_US ? sample : Math.floor((deltaUs * sample + (WINDOW_US - deltaUs) * this.average) / WINDOW_US);
      this.lastUs = nowUs;
    }
    this.current += change;
  }

  /** Units counted right now. */
  get instant(): number {
    return this.current;
  }
}
