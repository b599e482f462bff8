// Hypercalls and SBI calls a hart serves itself, without a round trip to the main thread
// (DESIGN §1): the table's fast-path sub-ops that only read published state or touch the
// caller's own timers, run by the table's own handlers against the hart's views, plus
// console writes, which go to the console as a message without waiting. Everything else
// (and the fast sub-ops that block the caller, which need the scheduler) is slow path.
import { CONSOLEIO } from '../abi/decl/console.js';
import { XenErrno } from '../abi/decl/errno.js';
import { HYPERCALL, XEN_HYPERCALL } from '../abi/decl/hypercalls.js';
import { SBI_ERR, SBI_EXT } from '../abi/decl/sbi.js';
import { SCHEDOP } from '../abi/decl/sched-op.js';
import { VCPUOP } from '../abi/decl/vcpu.js';
import { argument } from '../exit-handler.js';
import { GUEST_CSR, HVIP, type GuestCpu } from '../guest-cpu.js';
import type { HypercallFamily } from '../hypercalls/family.js';
import { schedOpFamily } from '../hypercalls/sched-op.js';
import { vcpuOpFamily } from '../hypercalls/vcpu-op.js';
import { xenVersionFamily } from '../hypercalls/xen-version.js';
import type { Hypervisor } from '../hypervisor.js';
import { GuestFault } from '../memory/guest-memory.js';
import { handleSbi } from '../sbi.js';
import type { Vcpu } from '../vcpu.js';
import type { VcpuView } from './guest-views.js';

const HYPERCALL_EID = BigInt(XEN_HYPERCALL.EID);
const A0 = 10;
const A1 = 11;
const A6 = 16;
const A7 = 17;

const key = (nr: number, subop: number): number => nr * 0x10000 + subop;

/** Fast in the table, but they take the caller off its CPU: the scheduler decides. */
const NEEDS_SCHEDULER = new Set([key(HYPERCALL.sched_op, SCHEDOP.block), key(HYPERCALL.sched_op, SCHEDOP.poll)]);

/** Sub-ops that re-arm the guest's timer also acknowledge the timer interrupt Xen injected. */
const REARMS_TIMER = new Set([
  key(HYPERCALL.vcpu_op, VCPUOP.set_singleshot_timer), key(HYPERCALL.vcpu_op, VCPUOP.stop_singleshot_timer),
]);

/** (hypercall, sub-op) → family, for every sub-op a hart serves through the table's handler. */
const SERVED = new Map<number, HypercallFamily>();
for (const family of [xenVersionFamily, vcpuOpFamily, schedOpFamily]) {
  for (const op of family.subops ?? []) {
    if (op.path === 'fast' && !NEEDS_SCHEDULER.has(key(family.nr, op.nr))) SERVED.set(key(family.nr, op.nr), family);
  }
}

/** The sub-op number is a1 for these families (console_io: cmd; the others: cmd). */
export function servedOnHart(nr: number, subop: number): boolean {
  return SERVED.has(key(nr, subop)) || (nr === HYPERCALL.console_io && subop === CONSOLEIO.write);
}

const SBI_ON_HART = new Set<number>([SBI_EXT.BASE, SBI_EXT.TIME, SBI_EXT.LEGACY_SET_TIMER, SBI_EXT.RFENCE]);
const SBI_SETS_TIMER = new Set<number>([SBI_EXT.TIME, SBI_EXT.LEGACY_SET_TIMER]);

export interface FastPathContext {
  /** The hart thread's hypervisor: identity, configuration and a clock set to the hart's time. */
  readonly hv: Hypervisor;
  readonly vcpu: VcpuView;
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
export function serveFastPath(ctx: FastPathContext, cpu: GuestCpu): boolean {
  const eid = cpu.getX(A7);
  if (eid === HYPERCALL_EID) return hypercall(ctx, cpu);
  if (eid > 0xffff_ffffn) return false;
  const ext = Number(eid);
  if (ext === SBI_EXT.LEGACY_CONSOLE_PUTCHAR) {
    ctx.output(ctx.vcpu.domain.domid, String.fromCharCode(Number(cpu.getX(A0) & 0xffn)));
    cpu.setX(A0, BigInt(SBI_ERR.SUCCESS));
  } else if (SBI_ON_HART.has(ext)) {
    const { error, value } = handleSbi(ctx.hv, asVcpu(ctx.vcpu), cpu, ext, Number(cpu.getX(A6) & 0xffff_ffffn));
    cpu.setX(A0, BigInt(error));
    if (value !== undefined) cpu.setX(A1, BigInt(value));
    if (SBI_SETS_TIMER.has(ext)) acknowledgeTimer(cpu);
  } else {
    return false;
  }
  cpu.completeMmio();
  return true;
}

function hypercall(ctx: FastPathContext, cpu: GuestCpu): boolean {
  const nr = argument(cpu, A6);
  const args = [11, 12, 13, 14, 15].map((r) => argument(cpu, r)) as [number, number, number, number, number];
  if (!servedOnHart(nr, args[0])) return false;
  let result: number;
  try {
    if (nr === HYPERCALL.console_io) {
      ctx.output(ctx.vcpu.domain.domid, latin1.decode(ctx.vcpu.domain.memory.read(args[2], args[1])));
      result = 0;
    } else {
      result = SERVED.get(key(nr, args[0]))!.handler(ctx.hv, asVcpu(ctx.vcpu), ...args);
      if (REARMS_TIMER.has(key(nr, args[0])) && result === 0) acknowledgeTimer(cpu);
    }
  } catch (error) {
    if (!(error instanceof GuestFault)) throw error;
    result = -XenErrno.EFAULT;
  }
  cpu.setX(A0, BigInt(result));
  cpu.completeMmio();
  return true;
}

function acknowledgeTimer(cpu: GuestCpu): void {
  cpu.writeCsr(GUEST_CSR.hvip, cpu.readCsr(GUEST_CSR.hvip) & ~HVIP.VSTIP);
}
