// Per-domain scheduler parameters (domctl scheduler_op), with Xen's defaults and checks
// for each scheduler. The scheduling policies read them from here.
import { XEN_SCHEDULER } from './abi/decl/scheduler.js';

export interface SchedParams {
  /** credit / credit2 weight (default 256) and cap in % of one CPU (0 = none). */
  weight: number;
  cap: number;
  /** rtds period and budget in µs, and whether the vCPU may use idle time. */
  periodUs: number;
  budgetUs: number;
  extratime: boolean;
}

export function defaultSchedParams(): SchedParams {
  return { weight: 256, cap: 0, periodUs: 10_000, budgetUs: 4_000, extratime: true };
}

const RTDS_MIN_US = 10;
const RTDS_MAX_PERIOD_US = 31_536_000_000_000;

/** Applies credit/credit2 weight and cap; 0 weight and 0xffff cap mean "unchanged". */
export function putWeightCap(params: SchedParams, scheduler: number, weight: number, cap: number, nrVcpus: number): boolean {
  if (cap !== 0xffff && scheduler === XEN_SCHEDULER.CREDIT2 && cap > 100 * nrVcpus) return false;
  if (weight !== 0) params.weight = weight;
  if (cap !== 0xffff) params.cap = cap;
  return true;
}

export function putRtds(params: SchedParams, periodUs: number, budgetUs: number, extratime: boolean): boolean {
  if (periodUs < RTDS_MIN_US || periodUs > RTDS_MAX_PERIOD_US || budgetUs < RTDS_MIN_US || budgetUs > periodUs) return false;
  params.periodUs = periodUs;
  params.budgetUs = budgetUs;
  params.extratime = extratime;
  return true;
}
