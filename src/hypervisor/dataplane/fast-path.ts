// Hypercalls and SBI calls a hart serves itself, without a round trip to the main thread
// (DESIGN §1): the table's fast-path sub-ops that only read published state or touch the
// caller's own timers, run by the table's own handlers against the hart's views, plus
// console writes, which go to the console as a message without waiting, and the event
// channel sends and unmasks of fast-events.ts. Everything else
// (and the fast sub-ops that block the caller, which need the scheduler) is slow path.
import { CONSOLEIO } from '../abi/decl/console.js';
import { EVTCHNOP } from '../abi/decl/event-channel.js';
import { XenErrno } from '../abi/decl/errno.js';
import { HYPERCALL, XEN_HYPERCALL } from '../abi/decl/hypercalls.js';
import { SBI_ERR, SBI_EXT } from '../abi/decl/sbi.js';
import { SCHEDOP } from '../abi/decl/sched-op.js';
import { VCPUOP } from '../abi/decl/vcpu.js';
import type { Hart } from '../../harts/hart.js';
import { GUEST_CSR, HVIP, type GuestCpu } from '../guest-cpu.js';
import type { HypercallFamily } from '../hypercalls/family.js';
import { schedOpFamily } from '../hypercalls/sched-op.js';
import { vcpuOpFamily } from '../hypercalls/vcpu-op.js';
import { xenVersionFamily } from '../hypercalls/xen-version.js';
import type { Hypervisor } from '../hypervisor.js';
import { GuestFault } from '../memory/guest-memory.js';
import { handleSbi } from '../sbi.js';
import type { Vcpu } from '../vcpu.js';
import type { FastEvents } from './fast-events.js';
import type { VcpuView } from './guest-views.js';

const A0 = 10;
const A1 = 11;
const A2 = 12;
const A3 = 13;
const A4 = 14;
const A5 = 15;
const A6 = 16;
const A7 = 17;

/** Fast in the table, but they take the caller off its CPU: the scheduler decides. */
const NEEDS_SCHEDULER: readonly (readonly [number, number])[] = [[HYPERCALL.sched_op, SCHEDOP.block], [HYPERCALL.sched_op, SCHEDOP.poll]];

/** Sub-ops that re-arm the guest's timer also acknowledge the timer interrupt Xen injected. */
const REARMS_TIMER: readonly (readonly [number, number])[] = [
  [HYPERCALL.vcpu_op, VCPUOP.set_singleshot_timer], [HYPERCALL.vcpu_op, VCPUOP.stop_singleshot_timer],
];

interface Served {
  readonly family: HypercallFamily;
  readonly rearmsTimer: boolean;
}

const listed = (list: readonly (readonly [number, number])[], nr: number, subop: number): boolean =>
  list.some(([n, s]) => n === nr && s === subop);

/** SERVED[hypercall][sub-op]: every sub-op a hart serves through the table's handler. */
const SERVED: (Served | undefined)[][] = [];
for (const family of [xenVersionFamily, vcpuOpFamily, schedOpFamily]) {
  const bySubop: (Served | undefined)[] = (SERVED[family.nr] = []);
  for (const op of family.subops ?? []) {
    if (op.path === 'fast' && !listed(NEEDS_SCHEDULER, family.nr, op.nr)) {
      bySubop[op.nr] = { family, rearmsTimer: listed(REARMS_TIMER, family.nr, op.nr) };
    }
  }
}

/** The sub-op number is a1 for these families (console_io: cmd; the others: cmd). */
export function servedOnHart(nr: number, subop: number): boolean {
  return SERVED[nr]?.[subop] !== undefined || (nr === HYPERCALL.console_io && subop === CONSOLEIO.write) || isEventOnHart(nr, subop);
}

/** EVTCHNOP_send and _unmask, when the port's published entry allows (fast-events.ts). */
function isEventOnHart(nr: number, subop: number): boolean {
  return nr === HYPERCALL.event_channel_op && (subop === EVTCHNOP.send || subop === EVTCHNOP.unmask);
}

const SBI_ON_HART = new Set<number>([SBI_EXT.BASE, SBI_EXT.TIME, SBI_EXT.LEGACY_SET_TIMER, SBI_EXT.RFENCE]);
const SBI_SETS_TIMER = new Set<number>([SBI_EXT.TIME, SBI_EXT.LEGACY_SET_TIMER]);

export interface FastPathContext {
  /** The hart thread's hypervisor: identity, configuration and a clock set to the hart's time. */
  readonly hv: Hypervisor;
  readonly events: FastEvents;
  output(domid: number, text: string): void;
}

/**
 * The views stand in for the main thread's Vcpu and Domain: they carry exactly the
 * members the served handlers read (the parallel tests run every served sub-op).
 */
function asVcpu(view: VcpuView): Vcpu {
  return view as unknown as Vcpu;
}

const latin1 = new TextDecoder('latin1');

/** Serves the ecall the hart stopped on if it is fast; false leaves it for the slow path. */
export function serveFastPath(ctx: FastPathContext, vcpu: VcpuView, cpu: Hart): boolean {
  const ext = cpu.getXNumber(A7);
  if (ext === XEN_HYPERCALL.EID) return hypercall(ctx, vcpu, cpu);
  if (ext > 0xffff_ffff) return false;
  if (ext === SBI_EXT.LEGACY_CONSOLE_PUTCHAR) {
    ctx.output(vcpu.domain.domid, String.fromCharCode(cpu.getXNumber(A0) & 0xff));
    cpu.setXNumber(A0, SBI_ERR.SUCCESS);
  } else if (SBI_ON_HART.has(ext)) {
    const { error, value } = handleSbi(ctx.hv, asVcpu(vcpu), cpu, ext, Number(cpu.getX(A6) & 0xffff_ffffn));
    cpu.setX(A0, BigInt(error));
    if (value !== undefined) cpu.setX(A1, BigInt(value));
    if (SBI_SETS_TIMER.has(ext)) acknowledgeTimer(cpu);
  } else {
    return false;
  }
  cpu.completeMmio();
  return true;
}

/** Registers are read as numbers and the handler found by index: no BigInt, no allocation. */
function hypercall(ctx: FastPathContext, vcpu: VcpuView, cpu: Hart): boolean {
  const nr = cpu.getXNumber(A6);
  const subop = cpu.getXNumber(A1);
  const served = SERVED[nr]?.[subop];
  if (isEventOnHart(nr, subop)) return eventOnHart(ctx, vcpu, cpu, subop);
  if (served === undefined && !(nr === HYPERCALL.console_io && subop === CONSOLEIO.write)) return false;
  let result: number;
  try {
    if (served === undefined) {
      ctx.output(vcpu.domain.domid, latin1.decode(vcpu.domain.memory.read(cpu.getXNumber(A3), cpu.getXNumber(A2))));
      result = 0;
    } else {
      result = served.family.handler(ctx.hv, asVcpu(vcpu), subop, cpu.getXNumber(A2), cpu.getXNumber(A3), cpu.getXNumber(A4), cpu.getXNumber(A5));
      if (served.rearmsTimer && result === 0) acknowledgeTimer(cpu);
    }
  } catch (error) {
    if (!(error instanceof GuestFault)) throw error;
    result = -XenErrno.EFAULT;
  }
  cpu.setXNumber(A0, result);
  cpu.completeMmio();
  return true;
}

/** The port is the first field of both structures; a call the table does not describe stays for the slow path. */
function eventOnHart(ctx: FastPathContext, vcpu: VcpuView, cpu: Hart, subop: number): boolean {
  let result: number | undefined;
  try {
    const port = vcpu.domain.memory.readU32(cpu.getXNumber(A2));
    const now = ctx.hv.clock.now();
    result = subop === EVTCHNOP.send ? ctx.events.send(vcpu, port, now) : ctx.events.unmask(vcpu, port, now);
  } catch (error) {
    if (!(error instanceof GuestFault)) throw error;
    result = -XenErrno.EFAULT;
  }
  if (result === undefined) return false;
  cpu.setXNumber(A0, result);
  cpu.completeMmio();
  return true;
}

/** After a served call: false when it cannot have changed the vCPU's Xen timers (a6, a7 still name it). */
export function mayHaveSetTimers(cpu: Hart): boolean {
  if (cpu.getXNumber(A7) !== XEN_HYPERCALL.EID) return true;
  const nr = cpu.getXNumber(A6);
  return nr !== HYPERCALL.xen_version && nr !== HYPERCALL.console_io && nr !== HYPERCALL.event_channel_op;
}

function acknowledgeTimer(cpu: GuestCpu): void {
  cpu.writeCsr(GUEST_CSR.hvip, cpu.readCsr(GUEST_CSR.hvip) & ~HVIP.VSTIP);
}
