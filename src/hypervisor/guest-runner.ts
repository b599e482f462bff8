// Runs domU vCPUs on harts in this thread, one after another (the deterministic mode's
// order; parallel workers use the same exit handler). vCPU n runs on hart n mod harts.
// A vCPU's context comes from setvcpucontext (or an SBI HART_START); exits are handled
// here: ecalls by the exit handler, WFI by blocking until the guest's timer, and any
// fault the hypervisor cannot serve crashes the domain.
import { SHUTDOWN } from './abi/decl/sched-op.js';
import type { Domain } from './domain.js';
import { handleVsEcall } from './exit-handler.js';
import { applyVcpuContext } from './dataplane/vcpu-context.js';
import { GUEST_CSR, HVIP } from './guest-cpu.js';
import type { Hypervisor } from './hypervisor.js';
import type { Vcpu } from './vcpu.js';
import { initVcpuCsrs } from './vcpu-csrs.js';
import { ExitReason, type Hart } from '../harts/hart.js';

const SUPERVISOR = 1;

export interface RunLimits {
  /** Instructions per slice before the vCPU is preempted. */
  budget: number;
  /** Slices in total before run() gives up. */
  maxSlices: number;
}

export class GuestRunner {
  private readonly loaded = new Map<Vcpu, Hart>();
  /** The p2m generation each vCPU's hart last translated with (hfence.gvma when it moved on). */
  private readonly p2mSeen = new Map<Vcpu, number>();

  constructor(
    private readonly hv: Hypervisor,
    private readonly harts: readonly Hart[],
  ) {
    // IPIs and the event upcall both arrive as the supervisor software interrupt.
    const raiseSoftwareInterrupt = (vcpu: Vcpu) => this.loaded.get(vcpu)?.writeCsr(GUEST_CSR.hvip, (this.loaded.get(vcpu)?.readCsr(GUEST_CSR.hvip) ?? 0n) | HVIP.VSSIP);
    hv.ipiSink = raiseSoftwareInterrupt;
    hv.upcallSink = raiseSoftwareInterrupt;
  }

  /** Runs `domain` until it stops running, no vCPU can run, or the slice limit is hit. */
  run(domain: Domain, limits: RunLimits = { budget: 100_000, maxSlices: 1000 }): void {
    for (let slice = 0; slice < limits.maxSlices && domain.state === 'running'; ) {
      let ran = false;
      for (const vcpu of domain.vcpus) {
        if (vcpu.state !== 'runnable' || domain.state !== 'running') continue;
        this.runSlice(vcpu, limits.budget);
        ran = true;
        slice++;
      }
      if (!ran && !this.wakeForTimers(domain)) return;
    }
  }

  private hartOf(vcpu: Vcpu): Hart {
    let hart = this.loaded.get(vcpu);
    if (hart === undefined) {
      hart = this.harts[vcpu.id % this.harts.length];
      this.load(vcpu, hart);
      this.loaded.set(vcpu, hart);
    }
    return hart;
  }

  private load(vcpu: Vcpu, hart: Hart): void {
    hart.trapMode = 'hypervisor';
    initVcpuCsrs(hart);
    applyVcpuContext(vcpu, hart);
    hart.flushTlb();
    hart.privilege = SUPERVISOR;
    hart.virt = true;
  }

  private runSlice(vcpu: Vcpu, budget: number): void {
    const hart = this.hartOf(vcpu);
    vcpu.schedule(this.harts.indexOf(hart));
    const generation = vcpu.domain.p2m.generation;
    if (this.p2mSeen.get(vcpu) !== generation) {
      hart.flushTlb();
      this.p2mSeen.set(vcpu, generation);
    }
    const reason = hart.run(budget);
    this.hv.clock.advanceTo(Number(hart.time) * (1e9 / this.hv.config.timebaseHz));
    switch (reason) {
      case ExitReason.EcallFromVS:
        handleVsEcall(this.hv, vcpu, hart);
        break;
      case ExitReason.Wfi:
        vcpu.block();
        break;
      case ExitReason.BudgetDone:
      case ExitReason.Interrupt:
        break;
      default:
        this.hv.console.log(`d${vcpu.domain.domid}v${vcpu.id} unhandled exit ${ExitReason[reason]} at pc 0x${hart.exit.pc.toString(16)} (cause ${hart.exit.cause}); crashing the domain`);
        vcpu.domain.shutdown(SHUTDOWN.crash);
    }
    if (vcpu.isRunning) vcpu.preempt();
  }

  /** Wakes blocked vCPUs whose timer fires next, skipping idle time; false if none will. */
  private wakeForTimers(domain: Domain): boolean {
    let woke = false;
    for (const vcpu of domain.vcpus) {
      const hart = this.loaded.get(vcpu);
      const deadline = hart?.nextTimerDeadline();
      if (hart === undefined || deadline === undefined || vcpu.state !== 'blocked') continue;
      hart.advanceTimeTo(deadline);
      vcpu.wake();
      woke = true;
    }
    return woke;
  }
}
