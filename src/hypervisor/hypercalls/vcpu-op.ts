// vcpu_op (hypercall 24, args (cmd, vcpuid, arg)): a domain's own vCPUs: up/down, the
// runstate, timers, and the areas the guest registers for vcpu_info and the runstate.
import { VGCF, vcpuGuestContext } from '../abi/decl/arch-riscv.js';
import { XenErrno } from '../abi/decl/errno.js';
import { HYPERCALL } from '../abi/decl/hypercalls.js';
import { vcpuInfo } from '../abi/decl/shared-info.js';
import {
  VCPU_FLAGS, VCPUOP, vcpuRegisterVcpuInfo, vcpuRunstateInfo, vcpuSetSingleshotTimer,
} from '../abi/decl/vcpu.js';
import type { Hypervisor } from '../hypervisor.js';
import { PAGE_SIZE } from '../memory/machine-ram.js';
import type { Vcpu } from '../vcpu.js';
import { type HypercallFamily, type SubOp, findSubop, subopTable } from './family.js';
import { publishRunstate } from './vcpu-areas.js';

type VcpuOpHandler = (hv: Hypervisor, caller: Vcpu, target: Vcpu, arg: number) => number;

const MILLISECOND = 1_000_000;
/** Xen's STIME_DELTA_MAX: periods beyond it would overflow the timer arithmetic. */
const STIME_DELTA_MAX = 2 ** 62;

/**
 * A guest starts one of its own vCPUs from a vcpu_guest_context it wrote (as the
 * toolstack's setvcpucontext does): only once, -EEXIST after that; it stays down until
 * VCPUOP_up unless the context's flags say VGCF_online.
 */
function initialise(_hv: Hypervisor, caller: Vcpu, v: Vcpu, arg: number): number {
  const context = caller.domain.memory.read(arg, vcpuGuestContext.size);
  if (v.initialised) return -XenErrno.EEXIST;
  v.guestContext = context;
  v.startAt = undefined;
  v.initialised = true;
  const online = (vcpuGuestContext.field('flags').get(new DataView(context.buffer, context.byteOffset), 0) & VGCF.online) !== 0;
  if (online && !v.isUp) v.up();
  return 0;
}

function up(_hv: Hypervisor, _caller: Vcpu, v: Vcpu): number {
  if (!v.initialised) return -XenErrno.EINVAL;
  if (!v.isUp) v.up();
  return 0;
}

function down(_hv: Hypervisor, _caller: Vcpu, v: Vcpu): number {
  if (v.isUp) v.down();
  return 0;
}

function getRunstateInfo(_hv: Hypervisor, caller: Vcpu, v: Vcpu, arg: number): number {
  const rs = v.runstateNow();
  caller.domain.memory.write(arg, vcpuRunstateInfo.encode({
    state: rs.state, state_entry_time: BigInt(rs.entryTime), time: rs.time.map((t) => BigInt(t)),
  }));
  return 0;
}

function registerRunstateArea(kind: 'memory' | 'phys'): VcpuOpHandler {
  return (_hv, caller, v, arg) => {
    const gpa = Number(caller.domain.memory.readU64(arg));
    if (kind === 'phys' && ((gpa % PAGE_SIZE) + vcpuRunstateInfo.size > PAGE_SIZE || gpa % 8 !== 0)) return -XenErrno.ENXIO;
    if (gpa !== 0 && !caller.domain.memory.isMapped(gpa, vcpuRunstateInfo.size)) return -XenErrno.EINVAL;
    v.runstateAreaGpa = gpa === 0 ? undefined : gpa;
    publishRunstate(v);
    return 0;
  };
}

function setPeriodicTimer(hv: Hypervisor, caller: Vcpu, v: Vcpu, arg: number): number {
  const period = Number(caller.domain.memory.readU64(arg));
  if (period < MILLISECOND || period > STIME_DELTA_MAX) return -XenErrno.EINVAL;
  v.timers.periodNs = period;
  v.timers.periodicNext = hv.clock.now() + period;
  return 0;
}

function setSingleshotTimer(hv: Hypervisor, caller: Vcpu, v: Vcpu, arg: number): number {
  if (v !== caller) return -XenErrno.EINVAL;
  const request = vcpuSetSingleshotTimer.decode(caller.domain.memory.read(arg, vcpuSetSingleshotTimer.size));
  const deadline = Number(request.timeout_abs_ns);
  if ((request.flags & VCPU_FLAGS.VCPU_SSHOTTMR_future) !== 0 && deadline < hv.clock.now()) return -XenErrno.ETIME;
  v.timers.singleshotDeadline = deadline;
  return 0;
}

/**
 * Moves the vCPU's vcpu_info into guest memory: 8-aligned, inside one page, only once.
 * The current contents move with it, every event selector bit is set and an upcall is
 * raised so the guest rescans its ports.
 */
function registerVcpuInfo(hv: Hypervisor, caller: Vcpu, v: Vcpu, arg: number): number {
  const request = vcpuRegisterVcpuInfo.decode(caller.domain.memory.read(arg, vcpuRegisterVcpuInfo.size));
  if (request.offset > PAGE_SIZE - vcpuInfo.size || request.offset % 8 !== 0) return -XenErrno.ENXIO;
  if (v.vcpuInfoGpa !== undefined) return -XenErrno.EBUSY;
  const gpa = Number(request.mfn) * PAGE_SIZE + request.offset;
  if (!Number.isSafeInteger(gpa) || !caller.domain.memory.isMapped(gpa, vcpuInfo.size)) return -XenErrno.EINVAL;
  const current = v.id === 0 ? v.domain.sharedInfoBytes().slice(0, vcpuInfo.size) : new Uint8Array(vcpuInfo.size);
  new DataView(current.buffer).setBigUint64(vcpuInfo.offsetOf('evtchn_pending_sel'), 0xffff_ffff_ffff_ffffn, true);
  v.domain.memory.write(gpa, current);
  v.vcpuInfoGpa = gpa;
  hv.events.vcpuInfoMoved(v);
  return 0;
}

const fast = { xsm: 'hook', kind: 'mechanistic', path: 'fast' } as const;
const slow = { xsm: 'hook', kind: 'mechanistic', path: 'slow' } as const;

const VCPU_SUBOPS: readonly SubOp<VcpuOpHandler>[] = [
  { nr: VCPUOP.initialise, name: 'initialise', ...slow, kind: 'logical', handler: initialise },
  { nr: VCPUOP.up, name: 'up', ...slow, kind: 'logical', handler: up },
  { nr: VCPUOP.down, name: 'down', ...slow, kind: 'logical', handler: down },
  { nr: VCPUOP.is_up, name: 'is_up', ...fast, kind: 'logical', handler: (_hv, _c, v) => (v.isUp ? 1 : 0) },
  { nr: VCPUOP.get_runstate_info, name: 'get_runstate_info', ...fast, kind: 'logical', handler: getRunstateInfo },
  { nr: VCPUOP.register_runstate_memory_area, name: 'register_runstate_memory_area', ...slow, handler: registerRunstateArea('memory') },
  { nr: VCPUOP.set_periodic_timer, name: 'set_periodic_timer', ...fast, handler: setPeriodicTimer },
  { nr: VCPUOP.stop_periodic_timer, name: 'stop_periodic_timer', ...fast, handler: (_hv, _c, v) => ((v.timers.periodNs = 0), 0) },
  { nr: VCPUOP.set_singleshot_timer, name: 'set_singleshot_timer', ...fast, handler: setSingleshotTimer },
  {
    nr: VCPUOP.stop_singleshot_timer, name: 'stop_singleshot_timer', ...fast,
    handler: (_hv, caller, v) => (v !== caller ? -XenErrno.EINVAL : ((v.timers.singleshotDeadline = undefined), 0)),
  },
  { nr: VCPUOP.register_vcpu_info, name: 'register_vcpu_info', ...slow, handler: registerVcpuInfo },
  { nr: VCPUOP.register_runstate_phys_area, name: 'register_runstate_phys_area', ...slow, handler: registerRunstateArea('phys') },
];

const TABLE = subopTable(VCPU_SUBOPS);

export const vcpuOpFamily: HypercallFamily = {
  nr: HYPERCALL.vcpu_op,
  name: 'vcpu_op',
  args: ['cmd', 'vcpuid', 'arg'],
  subops: VCPU_SUBOPS,
  handler: (hv, caller, cmd, vcpuid, arg) => {
    const target = Number.isInteger(vcpuid) ? caller.domain.vcpus[vcpuid] : undefined;
    if (target === undefined) return -XenErrno.ENOENT;
    const op = findSubop(TABLE, cmd);
    return op === undefined ? -XenErrno.ENOSYS : op.handler(hv, caller, target, arg);
  },
};
