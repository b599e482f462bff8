// The harts that run guests, in either execution mode (DESIGN §3):
// - parallel: one long-lived worker per hart; requests and kicks (events a hart set that
//   may wake a vCPU) arrive in the harts' mailboxes (this thread waits on their doorbell
//   with Atomics.waitAsync) or, after console output and for faults, as messages;
//   replies go through the mailboxes;
// - deterministic: every hart on this thread, one slice each in hart order, requests
//   answered by direct calls, so the same inputs give the same instruction counts and
//   runstate times.
import { Worker } from 'node:worker_threads';
import { Step } from '../../harts/hart-loop.js';
import type { MachineMemory } from '../../harts/machine-memory.js';
import { RunControl, StopKind } from '../../harts/run-control.js';
import type { Hypervisor } from '../hypervisor.js';
import { DataPlane } from './data-plane.js';
import { createVcpuHart } from './hart-setup.js';
import { HartMailbox } from './mailbox.js';
import type { ControlLink, HartSetup, WorkerToMain } from './protocol.js';
import type { VcpuHart } from './vcpu-hart.js';

export type ExecutionMode = 'parallel' | 'deterministic';

export interface GuestHartOptions {
  readonly mode: ExecutionMode;
  /** Most virtual time, in timebase ticks, harts may drift apart (default 10 000: 1 ms at 10 MHz). */
  readonly quantumTicks?: number;
  /** Instructions per slice at most (default: 10 000 deterministic, 200 000 parallel). */
  readonly sliceInstructions?: number;
  /**
   * The longest a hart polls (wall ns) for an event when its vCPU blocks, before asking
   * the scheduler (parallel mode only; default 500 000; the window adapts per vCPU).
   * Deterministic mode never polls: wall time must not decide anything there.
   */
  readonly haltPollNs?: number;
}

export interface GuestHarts {
  readonly mode: ExecutionMode;
  readonly dataPlane: DataPlane;
  /**
   * Lets the harts run until `done()` holds. Deterministic: synchronously, at most
   * `limit` rounds (one slice per hart each); parallel: at most `limit` ms of wall time.
   * False when the limit came first (or, deterministic, every hart went idle).
   */
  runUntil(done: () => boolean, limit: number): Promise<boolean>;
  /** Keeps the harts running without a goal (a booted host): deterministic mode runs rounds between event-loop turns. */
  runInBackground(): void;
  stop(): Promise<void>;
}

const workerUrl = new URL('../../../dist/hypervisor/dataplane/hart-worker.js', import.meta.url);

export async function startGuestHarts(hv: Hypervisor, machine: MachineMemory, options: GuestHartOptions): Promise<GuestHarts> {
  const harts = machine.config.harts;
  const quantumTicks = BigInt(options.quantumTicks ?? 10_000);
  const control = RunControl.create(harts, quantumTicks, 'wait');
  const mailbox = HartMailbox.create(harts);
  const dataPlane = new DataPlane(hv, machine, control, mailbox);
  const { nrCpus, ramBytes, timebaseHz, scheduler, commandLine } = hv.config;
  const setup: HartSetup = {
    memory: machine.memory, machine: machine.config, host: { nrCpus, ramBytes, timebaseHz, scheduler, commandLine },
    controlBuffer: control.buffer, mailboxBuffer: mailbox.buffer, quantumTicks,
    sliceInstructions: options.sliceInstructions ?? (options.mode === 'deterministic' ? 10_000 : 200_000),
    haltPollNs: options.mode === 'deterministic' ? 0 : options.haltPollNs ?? 500_000,
  };
  if (options.mode === 'deterministic') {
    const link: ControlLink = { request: (r) => dataPlane.handle(r), output: (d, t) => dataPlane.output(d, t) };
    const vcpuHarts = await Promise.all(Array.from({ length: harts }, (_, id) => createVcpuHart(setup, id, link, hv)));
    return new DeterministicHarts(dataPlane, control, vcpuHarts);
  }
  // The workers start in the background: a hart that is not up yet finds its work in its
  // mailbox when it is (a worker that fails to start is reported on Xen's console).
  const parallel = new ParallelHarts(dataPlane, control, setup);
  parallel.started.catch(() => undefined);
  return parallel;
}

class DeterministicHarts implements GuestHarts {
  readonly mode = 'deterministic';
  private background: NodeJS.Timeout | undefined;

  constructor(readonly dataPlane: DataPlane, private readonly control: RunControl, readonly harts: readonly VcpuHart[]) {}

  /** One slice per hart, in hart order; false when none could run. */
  round(): boolean {
    let ran = false;
    for (const hart of this.harts) {
      if (hart.step() === Step.Ran) ran = true;
      this.dataPlane.serveKicks();
    }
    return ran || this.harts.some((hart) => hart.runnable);
  }

  runUntil(done: () => boolean, limit: number): Promise<boolean> {
    for (let rounds = 0; rounds < limit && !this.control.stopped; rounds++) {
      if (done()) return Promise.resolve(true);
      if (!this.round()) return Promise.resolve(done());
    }
    return Promise.resolve(done());
  }

  runInBackground(): void {
    const turn = () => {
      const until = performance.now() + 20;
      let busy = true;
      while (busy && performance.now() < until && !this.control.stopped) busy = this.round();
      if (!this.control.stopped) this.background = setTimeout(turn, busy ? 0 : 5);
    };
    this.background = setTimeout(turn, 0);
  }

  stop(): Promise<void> {
    clearTimeout(this.background);
    this.control.stop(StopKind.Pass, 0, 0);
    return Promise.resolve();
  }
}

class ParallelHarts implements GuestHarts {
  readonly mode = 'parallel';
  readonly started: Promise<void>;
  private readonly workers: Worker[] = [];
  private readonly exited: Promise<void>[] = [];

  constructor(readonly dataPlane: DataPlane, private readonly control: RunControl, setup: HartSetup) {
    const ready: Promise<void>[] = [];
    for (let hartId = 0; hartId < setup.machine.harts; hartId++) {
      const worker = new Worker(workerUrl, { workerData: { setup, hartId } });
      worker.unref();
      ready.push(new Promise((resolve, reject) => {
        worker.on('message', (message: WorkerToMain) => {
          if (message.type === 'request') dataPlane.handle(message.request);
          else if (message.type === 'output') dataPlane.output(message.domid, message.text);
          else resolve();
        });
        worker.once('error', (error) => {
          dataPlane.hv.console.log(`hart ${hartId} stopped: ${error.message}`);
          reject(error);
        });
      }));
      this.exited.push(new Promise((resolve) => worker.once('exit', () => resolve())));
      this.workers.push(worker);
    }
    this.started = Promise.all(ready).then(() => undefined);
    this.serveRequests().catch((error: unknown) => {
      dataPlane.hv.console.log(`the harts' requests are no longer served: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** Serves the requests the harts post in their mailboxes, waking on the doorbell until the harts stop. */
  private async serveRequests(): Promise<void> {
    const { dataPlane } = this;
    const mailbox = dataPlane.mailbox;
    while (!this.control.stopped) {
      const seen = mailbox.doorbell();
      for (let hart = 0; hart < mailbox.harts; hart++) {
        const request = mailbox.takeRequest(hart);
        if (request !== undefined) dataPlane.handle(request);
      }
      dataPlane.serveKicks();
      await mailbox.doorbellRung(seen);
    }
  }

  async runUntil(done: () => boolean, limit: number): Promise<boolean> {
    await this.started;
    const until = performance.now() + limit;
    while (!done() && performance.now() < until && !this.control.stopped) await new Promise((resolve) => setTimeout(resolve, 1));
    return done();
  }

  runInBackground(): void {
    // The workers run by themselves.
  }

  async stop(): Promise<void> {
    this.control.stop(StopKind.Pass, 0, 0);
    this.dataPlane.mailbox.ringDoorbell();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
    await Promise.race([Promise.all(this.exited), timeout]);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
