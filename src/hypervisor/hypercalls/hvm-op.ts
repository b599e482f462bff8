// hvm_op (hypercall 34, args (op, arg)): HVM parameters, through which a guest finds its
// xenstore and console pages and event channels. The toolstack sets them; the guest may
// read the ones Arm lets it read.
import { XenErrno } from '../abi/decl/errno.js';
import { HVMOP, HVM_NR_PARAMS, HVM_PARAM, xenHvmParam } from '../abi/decl/hvm.js';
import { HYPERCALL } from '../abi/decl/hypercalls.js';
import type { Domain } from '../domain.js';
import type { Hypervisor } from '../hypervisor.js';
import type { Vcpu } from '../vcpu.js';
import { xsmCheck } from '../xsm.js';
import type { HypercallFamily, SubOp } from './family.js';

/** Parameters a guest may read about itself; the toolstack sets them (Arm's hvm.c). */
const GUEST_READABLE = new Set<number>([
  HVM_PARAM.CALLBACK_IRQ, HVM_PARAM.STORE_PFN, HVM_PARAM.STORE_EVTCHN, HVM_PARAM.CONSOLE_PFN, HVM_PARAM.CONSOLE_EVTCHN,
]);

/** 0 if the access is allowed; the subject domain may not set, nor read the monitor ring. */
function allowed(set: boolean, caller: Domain, target: Domain, index: number): number {
  const self = caller === target;
  if (GUEST_READABLE.has(index)) return set && self ? -XenErrno.EPERM : 0;
  if (index === HVM_PARAM.MONITOR_RING_PFN) return self ? -XenErrno.EPERM : 0;
  return -XenErrno.EINVAL;
}

function param(set: boolean) {
  return (hv: Hypervisor, caller: Vcpu, arg: number): number => {
    const request = xenHvmParam.decode(caller.domain.memory.read(arg, xenHvmParam.size));
    if (request.index >= HVM_NR_PARAMS.HVM_NR_PARAMS) return -XenErrno.EINVAL;
    const target = hv.resolveDomain(caller.domain, request.domid);
    if (target === undefined) return -XenErrno.ESRCH;
    const denied = xsmCheck('target', caller.domain, target) || allowed(set, caller.domain, target, request.index);
    if (denied !== 0) return denied;
    if (set) {
      target.hvmParams[request.index] = request.value;
      return 0;
    }
    caller.domain.memory.writeU64(arg + xenHvmParam.offsetOf('value'), target.hvmParams[request.index]);
    return 0;
  };
}

type ParamHandler = (hv: Hypervisor, caller: Vcpu, arg: number) => number;

const HVM_SUBOPS: readonly SubOp<ParamHandler>[] = [
  { nr: HVMOP.set_param, name: 'set_param', xsm: 'target', kind: 'mechanistic', path: 'slow', handler: param(true) },
  { nr: HVMOP.get_param, name: 'get_param', xsm: 'target', kind: 'mechanistic', path: 'fast', handler: param(false) },
];

export const hvmOpFamily: HypercallFamily = {
  nr: HYPERCALL.hvm_op,
  name: 'hvm_op',
  args: ['op', 'arg'],
  subops: HVM_SUBOPS,
  handler: (hv, caller, op, arg) => {
    const sub = HVM_SUBOPS.find((s) => s.nr === op);
    return sub === undefined ? -XenErrno.ENOSYS : sub.handler(hv, caller, arg);
  },
};
