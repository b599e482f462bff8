// Credit2 caps: each capped domain has a budget pool refilled every cap period with
// period x cap / 100 of CPU time (an overrun is paid back from the next refill). A unit
// grabs max(pool / nr_units, 500 µs) before it runs and gives back what it did not use;
// a unit that finds the pool empty is parked until the refill.
import type { Domain } from '../domain.js';
import type { Credit2Unit } from './credit2-runqueue.js';

export const CAP_PERIOD_NS = 10_000_000; // credit2_cap_period_ms
const MIN_GRAB_NS = 500_000; // CSCHED2_MIN_TIMER

export class CapBudget {
  /** ns left in the pool; negative after an overrun. */
  pool = 0;
  nextRefillNs: number;

  constructor(private cap: number, nowNs: number) {
    this.pool = this.perPeriod;
    this.nextRefillNs = nowNs + CAP_PERIOD_NS;
  }

  get perPeriod(): number {
    return (CAP_PERIOD_NS * this.cap) / 100;
  }

  setCap(cap: number): void {
    this.cap = cap;
    this.pool = Math.min(this.pool, this.perPeriod);
  }

  /** Refills for every period boundary passed by `nowNs`; true when it did. */
  refill(nowNs: number): boolean {
    if (nowNs < this.nextRefillNs) return false;
    const periods = 1 + Math.floor((nowNs - this.nextRefillNs) / CAP_PERIOD_NS);
    this.pool = Math.min(this.pool + periods * this.perPeriod, this.perPeriod);
    this.nextRefillNs += periods * CAP_PERIOD_NS;
    return true;
  }

  /** The budget a unit takes for its next run (0: none left, park it). */
  grab(nrUnits: number): number {
    if (this.pool <= 0) return 0;
    const amount = Math.min(this.pool, Math.max(this.pool / Math.max(1, nrUnits), MIN_GRAB_NS));
    this.pool -= amount;
    return amount;
  }

  /** A unit gives back what is left of its budget (negative: it overran). */
  giveBack(amount: number): void {
    this.pool += amount;
  }
}

/** The budgets of a pool's capped domains, following each domain's current cap. */
export class CapBudgets {
  private readonly byDomain = new Map<Domain, CapBudget>();

  constructor(private readonly now: () => number) {}

  /** The unit's domain budget; undefined when the domain has no cap. */
  of(unit: Credit2Unit): CapBudget | undefined {
    const domain = unit.unit.vcpu.domain;
    const cap = domain.schedParams.cap;
    let budget = this.byDomain.get(domain);
    if (cap === 0) {
      this.byDomain.delete(domain);
      return undefined;
    }
    if (budget === undefined) {
      budget = new CapBudget(cap, this.now());
      this.byDomain.set(domain, budget);
    } else {
      budget.setCap(cap);
    }
    return budget;
  }

  /** The unit holds budget for a run, taking its share of `siblings` from the pool if needed. */
  hold(unit: Credit2Unit, siblings: number): boolean {
    const budget = this.of(unit);
    if (budget === undefined || unit.budget > 0) return true;
    budget.giveBack(unit.budget);
    unit.budget = budget.grab(siblings);
    return unit.budget > 0;
  }

  /** The unit stops running: what it did not use (or overran) goes back to the pool. */
  release(unit: Credit2Unit): void {
    this.of(unit)?.giveBack(unit.budget);
    unit.budget = 0;
  }

  /** Refills due budgets; the parked units that may run again (their cap refilled or lifted). */
  refill(nowNs: number, units: Iterable<Credit2Unit>): Credit2Unit[] {
    const refilled = new Set<Domain>();
    for (const [domain, budget] of this.byDomain) if (budget.refill(nowNs)) refilled.add(domain);
    const unparked: Credit2Unit[] = [];
    for (const unit of units) {
      if (!unit.parked) continue;
      const domain = unit.unit.vcpu.domain;
      const budget = this.of(unit);
      if (budget === undefined || (refilled.has(domain) && budget.pool > 0)) unparked.push(unit);
    }
    return unparked;
  }
}
