// The scheduling trace: every decision a pool's scheduler takes, as (virtual time, CPU,
// domain, vCPU), folded into a SHA-256 as it happens. Two runs of the same configuration
// and seed in deterministic mode must give the same digest; a test compares them. Off
// until enabled, so a run that does not ask for it pays one branch per decision.
import { createHash, type Hash } from 'node:crypto';
import { DOMID } from '../abi/decl/xen.js';

interface SchedDecision {
  /** Virtual ns at which the CPU starts running the choice. */
  readonly timeNs: number;
  readonly cpu: number;
  /** DOMID_IDLE when the CPU goes idle. */
  readonly domid: number;
  /** The vCPU's id (the CPU's own number for the idle vCPU, as Xen numbers them). */
  readonly vcpu: number;
}

export class SchedTrace {
  private hash: Hash | undefined;
  private recorded = 0;

  get enabled(): boolean {
    return this.hash !== undefined;
  }

  /** Starts a new trace. */
  enable(): void {
    this.hash = createHash('sha256');
    this.recorded = 0;
  }

  /** `cpu` runs (domid, vcpu) from `timeNs`; undefined vCPU: it goes idle. */
  record(timeNs: number, cpu: number, running: { domid: number; vcpu: number } | undefined): void {
    if (this.hash === undefined) return;
    const decision: SchedDecision = running === undefined
      ? { timeNs, cpu, domid: DOMID.IDLE, vcpu: cpu }
      : { timeNs, cpu, domid: running.domid, vcpu: running.vcpu };
    this.hash.update(`${decision.timeNs} ${decision.cpu} ${decision.domid} ${decision.vcpu}\n`);
    this.recorded++;
  }

  /** Decisions recorded since enable(). */
  get count(): number {
    return this.recorded;
  }

  /** Hex SHA-256 of the decisions so far (the trace goes on). */
  digest(): string {
    if (this.hash === undefined) throw new Error('the scheduling trace is not enabled');
    return this.hash.copy().digest('hex');
  }
}
