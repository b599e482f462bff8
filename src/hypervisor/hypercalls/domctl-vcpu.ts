// The domctl commands about a domain's vCPUs: count, affinity, state, context, and the
// per-domain scheduler parameters.
import { VGCF, vcpuGuestContext } from '../abi/decl/arch-riscv.js';
import {
  XEN_DOMCTL, XEN_VCPUAFFINITY, xenDomctl, xenDomctlGetvcpuinfo, xenDomctlMaxVcpus, xenDomctlVcpuaffinity,
  xenDomctlVcpucontext,
} from '../abi/decl/domctl.js';
import { XenErrno } from '../abi/decl/errno.js';
import { XEN_DOMCTL_SCHEDOP, XEN_SCHEDULER, xenDomctlSchedulerOp } from '../abi/decl/scheduler.js';
import type { Domain } from '../domain.js';
import { putRtds, putWeightCap } from '../sched-params.js';
import type { Vcpu } from '../vcpu.js';
import type { ControlCall, ControlSubOp } from './control-op.js';
import { maskAnd, maskIntersects, maskOf, readCpumap, writeCpumap } from './cpumap.js';

const PAYLOAD = xenDomctl.offsetOf('u');

/** The vCPU a command names: -EINVAL past max_vcpus, -ESRCH if not allocated. */
function namedVcpu(domain: Domain, index: number): Vcpu | number {
  if (index >= domain.config.maxVcpus) return -XenErrno.EINVAL;
  return domain.vcpus[index] ?? -XenErrno.ESRCH;
}

function maxVcpus({ caller, op, target }: ControlCall): number {
  if (target === undefined || target === caller.domain) return -XenErrno.EINVAL;
  // vCPUs are allocated by createdomain (as since Xen 4.12); the count cannot change.
  return xenDomctlMaxVcpus.read(op, PAYLOAD).max === target.vcpus.length ? 0 : -XenErrno.EINVAL;
}

function vcpuaffinity(set: boolean) {
  return ({ hv, caller, op, target }: ControlCall): number => {
    if (target === undefined) return -XenErrno.ESRCH;
    const request = xenDomctlVcpuaffinity.read(op, PAYLOAD);
    const vcpu = namedVcpu(target, request.vcpu);
    if (typeof vcpu === 'number') return vcpu;
    const hard = (request.flags & XEN_VCPUAFFINITY.HARD) !== 0;
    const soft = (request.flags & XEN_VCPUAFFINITY.SOFT) !== 0;
    if (!hard && !soft) return -XenErrno.EINVAL;
    const memory = caller.domain.memory;
    const online = maskOf(hv.pools.find((p) => p.id === target.config.cpupool)?.cpus ?? [], hv.nrCpus);
    if (set) {
      const newHard = hard ? readCpumap(memory, request.cpumap_hard, hv.nrCpus) : vcpu.hardAffinity;
      const newSoft = soft ? readCpumap(memory, request.cpumap_soft, hv.nrCpus) : vcpu.softAffinity;
      if (hard && !maskIntersects(newHard, online)) return -XenErrno.EINVAL;
      vcpu.setAffinity(newHard, newSoft);
    }
    // A set reports the effective masks: what the pool's online CPUs leave of them.
    if (hard) writeCpumap(memory, request.cpumap_hard, set ? maskAnd(vcpu.hardAffinity, online) : vcpu.hardAffinity, hv.nrCpus);
    if (soft) {
      const effective = set ? maskAnd(maskAnd(vcpu.softAffinity, vcpu.hardAffinity), online) : vcpu.softAffinity;
      writeCpumap(memory, request.cpumap_soft, effective, hv.nrCpus);
    }
    return 0;
  };
}

function getvcpuinfo({ op, target }: ControlCall): number {
  if (target === undefined) return -XenErrno.ESRCH;
  const index = xenDomctlGetvcpuinfo.field('vcpu').get(op, PAYLOAD);
  const vcpu = namedVcpu(target, index);
  if (typeof vcpu === 'number') return vcpu;
  xenDomctlGetvcpuinfo.write(op, PAYLOAD, {
    vcpu: index,
    online: vcpu.isUp ? 1 : 0,
    blocked: vcpu.context.blocked ? 1 : 0,
    running: vcpu.isRunning ? 1 : 0,
    cpu_time: BigInt(Math.round(vcpu.cpuTime())),
    cpu: vcpu.processor,
  });
  return 0;
}

function setvcpucontext({ caller, op, target }: ControlCall): number {
  if (target === undefined) return -XenErrno.ESRCH;
  const request = xenDomctlVcpucontext.read(op, PAYLOAD);
  const vcpu = namedVcpu(target, request.vcpu);
  if (typeof vcpu === 'number') return vcpu;
  if (vcpu === caller) return -XenErrno.EINVAL;
  if (request.ctxt === 0n) {
    // A NULL context resets the vCPU: down and uninitialised.
    vcpu.guestContext = undefined;
    vcpu.initialised = false;
    if (vcpu.isUp) vcpu.down();
    return 0;
  }
  const context = caller.domain.memory.read(Number(request.ctxt), vcpuGuestContext.size);
  vcpu.guestContext = context;
  vcpu.initialised = true;
  const online = (vcpuGuestContext.field('flags').get(new DataView(context.buffer), 0) & VGCF.online) !== 0;
  if (online && !vcpu.isUp) vcpu.up();
  if (!online && vcpu.isUp) vcpu.down();
  return 0;
}

function getvcpucontext({ caller, op, target }: ControlCall): number {
  if (target === undefined) return -XenErrno.ESRCH;
  const request = xenDomctlVcpucontext.read(op, PAYLOAD);
  const vcpu = namedVcpu(target, request.vcpu);
  if (typeof vcpu === 'number') return vcpu;
  if (vcpu === caller) return -XenErrno.EINVAL;
  if (!vcpu.initialised || vcpu.guestContext === undefined) return -XenErrno.ENODATA;
  const context = vcpu.guestContext.slice();
  const view = new DataView(context.buffer);
  const flags = vcpuGuestContext.field('flags');
  flags.set(view, 0, vcpu.isUp ? flags.get(view, 0) | VGCF.online : flags.get(view, 0) & ~VGCF.online);
  if (request.ctxt !== 0n) caller.domain.memory.write(Number(request.ctxt), context);
  return 0;
}

function schedulerOp({ hv, op, target }: ControlCall): number {
  if (target === undefined) return -XenErrno.ESRCH;
  const request = xenDomctlSchedulerOp.read(op, PAYLOAD);
  const scheduler = hv.pools.find((p) => p.id === target.config.cpupool)?.schedulerId;
  if (request.sched_id !== scheduler) return -XenErrno.EINVAL;
  const params = target.schedParams;
  const weighted = scheduler === XEN_SCHEDULER.CREDIT || scheduler === XEN_SCHEDULER.CREDIT2;
  const variant = scheduler === XEN_SCHEDULER.CREDIT ? 'credit' : 'credit2';
  switch (request.cmd) {
    case XEN_DOMCTL_SCHEDOP.getinfo:
      if (weighted) xenDomctlSchedulerOp.patch(op, PAYLOAD, { u: { [variant]: { weight: params.weight, cap: params.cap } } });
      if (scheduler === XEN_SCHEDULER.RTDS) {
        xenDomctlSchedulerOp.patch(op, PAYLOAD, { u: { rtds: { period: params.periodUs, budget: params.budgetUs, flags: params.extratime ? 1 : 0 } } });
      }
      return 0;
    case XEN_DOMCTL_SCHEDOP.putinfo: {
      const u = request.u;
      if (weighted) {
        const values = u[variant];
        if (values === undefined) return -XenErrno.EINVAL;
        return putWeightCap(params, scheduler, values.weight, values.cap, target.vcpus.length) ? 0 : -XenErrno.EINVAL;
      }
      if (scheduler === XEN_SCHEDULER.RTDS && u.rtds !== undefined) {
        return putRtds(params, u.rtds.period, u.rtds.budget, (u.rtds.flags & 1) !== 0) ? 0 : -XenErrno.EINVAL;
      }
      return 0;
    }
    default:
      // Per-vCPU parameters (put/getvcpuinfo) belong to the rtds policy.
      return -XenErrno.EINVAL;
  }
}

const priv = { xsm: 'priv', kind: 'logical', path: 'slow' } as const;

export const VCPU_DOMCTLS: readonly ControlSubOp[] = [
  { nr: XEN_DOMCTL.setvcpuaffinity, name: 'setvcpuaffinity', ...priv, copyback: true, handler: vcpuaffinity(true) },
  { nr: XEN_DOMCTL.getvcpuaffinity, name: 'getvcpuaffinity', ...priv, copyback: false, handler: vcpuaffinity(false) },
  { nr: XEN_DOMCTL.setvcpucontext, name: 'setvcpucontext', ...priv, kind: 'mechanistic', copyback: false, handler: setvcpucontext },
  { nr: XEN_DOMCTL.getvcpucontext, name: 'getvcpucontext', ...priv, kind: 'mechanistic', copyback: true, handler: getvcpucontext },
  { nr: XEN_DOMCTL.getvcpuinfo, name: 'getvcpuinfo', ...priv, copyback: true, handler: getvcpuinfo },
  { nr: XEN_DOMCTL.max_vcpus, name: 'max_vcpus', ...priv, copyback: false, handler: maxVcpus },
  { nr: XEN_DOMCTL.scheduler_op, name: 'scheduler_op', ...priv, copyback: true, handler: schedulerOp },
];
