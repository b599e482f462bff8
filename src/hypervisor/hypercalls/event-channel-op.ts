// event_channel_op (hypercall 32, args (cmd, arg)): the 2-level event channels of
// src/evtchn through their Xen structures. Sending and unmasking only flip bits in
// shared memory (fast path); everything that binds or closes ports changes the port
// tables (slow path). There is no FIFO ABI (Xen without CONFIG_EVTCHN_FIFO): its
// sub-ops give -EOPNOTSUPP, and set_priority, a FIFO notion, -ENOSYS on a valid port.
import { XenErrno } from '../abi/decl/errno.js';
import {
  EVTCHNOP, evtchnAllocUnbound, evtchnBindInterdomain, evtchnBindIpi, evtchnBindPirq, evtchnBindVcpu, evtchnBindVirq,
  evtchnClose, evtchnReset, evtchnSend, evtchnSetPriority, evtchnStatus, evtchnUnmask,
} from '../abi/decl/event-channel.js';
import { HYPERCALL } from '../abi/decl/hypercalls.js';
import { DOMID } from '../abi/decl/xen.js';
import type { Hypervisor } from '../hypervisor.js';
import type { Vcpu } from '../vcpu.js';
import { xsmCheck } from '../xsm.js';
import { type HypercallFamily, type SubOp, findSubop, subopTable } from './family.js';

type EvtchnHandler = (hv: Hypervisor, caller: Vcpu, arg: number) => number;

/** The port of a port-only argument (close, send, unmask). */
type PortArgument = typeof evtchnClose | typeof evtchnSend | typeof evtchnUnmask;
const portIn = (struct: PortArgument, caller: Vcpu, arg: number): number => caller.domain.memory.readU32(arg + struct.offsetOf('port'));

/** Writes an OUT port field when the operation gave one; errors pass through. */
function answerPort(caller: Vcpu, at: number, result: number): number {
  if (result < 0) return result;
  caller.domain.memory.writeU32(at, result);
  return 0;
}

/** A domain named by a DOMID_SELF-or-id field that the caller must be or control (XSM target). */
function targetDomain(hv: Hypervisor, caller: Vcpu, domid: number) {
  const domain = hv.resolveDomain(caller.domain, domid);
  if (domain === undefined) return -XenErrno.ESRCH;
  const denied = xsmCheck('target', caller.domain, domain);
  return denied !== 0 ? denied : domain;
}

function allocUnbound(hv: Hypervisor, caller: Vcpu, arg: number): number {
  const request = evtchnAllocUnbound.decode(caller.domain.memory.read(arg, evtchnAllocUnbound.size));
  const domain = targetDomain(hv, caller, request.dom);
  if (typeof domain === 'number') return domain;
  const remote = request.remote_dom === DOMID.SELF ? caller.domain.domid : request.remote_dom;
  return answerPort(caller, arg + evtchnAllocUnbound.offsetOf('port'), hv.events.allocUnbound(domain, remote));
}

function bindInterdomain(hv: Hypervisor, caller: Vcpu, arg: number): number {
  const request = evtchnBindInterdomain.decode(caller.domain.memory.read(arg, evtchnBindInterdomain.size));
  const remote = request.remote_dom === DOMID.SELF ? caller.domain.domid : request.remote_dom;
  const port = hv.events.bindInterdomain(caller.domain, remote, request.remote_port);
  return answerPort(caller, arg + evtchnBindInterdomain.offsetOf('local_port'), port);
}

function bindVirq(hv: Hypervisor, caller: Vcpu, arg: number): number {
  const request = evtchnBindVirq.decode(caller.domain.memory.read(arg, evtchnBindVirq.size));
  return answerPort(caller, arg + evtchnBindVirq.offsetOf('port'), hv.events.bindVirq(caller.domain, request.virq, request.vcpu));
}

function bindIpi(hv: Hypervisor, caller: Vcpu, arg: number): number {
  const vcpu = caller.domain.memory.readU32(arg + evtchnBindIpi.offsetOf('vcpu'));
  return answerPort(caller, arg + evtchnBindIpi.offsetOf('port'), hv.events.bindIpi(caller.domain, vcpu));
}

/** No physical IRQs are routed to guests on this platform: every pirq is out of range. */
function bindPirq(_hv: Hypervisor, caller: Vcpu, arg: number): number {
  caller.domain.memory.read(arg, evtchnBindPirq.size);
  return -XenErrno.EINVAL;
}

function status(hv: Hypervisor, caller: Vcpu, arg: number): number {
  const request = evtchnStatus.decode(caller.domain.memory.read(arg, evtchnStatus.size));
  const domain = targetDomain(hv, caller, request.dom);
  if (typeof domain === 'number') return domain;
  const answer = hv.events.status(domain, request.port);
  if (typeof answer === 'number') return answer;
  const out = new Uint8Array(evtchnStatus.size);
  out.set(evtchnStatus.encode({ dom: request.dom, port: request.port, status: answer.status, vcpu: answer.vcpu, u: { pirq: 0 } }));
  const view = new DataView(out.buffer);
  const u = evtchnStatus.offsetOf('u');
  if (answer.dom !== undefined) view.setUint16(u, answer.dom, true);
  if (answer.port !== undefined) view.setUint32(u + 4, answer.port, true);
  if (answer.virq !== undefined) view.setUint32(u, answer.virq, true);
  caller.domain.memory.write(arg, out);
  return 0;
}

function bindVcpu(hv: Hypervisor, caller: Vcpu, arg: number): number {
  const request = evtchnBindVcpu.decode(caller.domain.memory.read(arg, evtchnBindVcpu.size));
  return hv.events.bindVcpu(caller.domain, request.port, request.vcpu);
}

/** Resets a domain's ports: its own, or another's that the toolstack has paused. */
function reset(hv: Hypervisor, caller: Vcpu, arg: number): number {
  const domain = targetDomain(hv, caller, caller.domain.memory.readU16(arg + evtchnReset.offsetOf('dom')));
  if (typeof domain === 'number') return domain;
  if (domain !== caller.domain && domain.lifecycle.controllerPauseCount === 0) return -XenErrno.EINVAL;
  hv.events.reset(domain);
  return 0;
}

function setPriority(hv: Hypervisor, caller: Vcpu, arg: number): number {
  const request = evtchnSetPriority.decode(caller.domain.memory.read(arg, evtchnSetPriority.size));
  return hv.events.table(caller.domain).isValid(request.port) ? -XenErrno.ENOSYS : -XenErrno.EINVAL;
}

const fast = { xsm: 'hook', kind: 'mechanistic', path: 'fast' } as const;
const slow = { xsm: 'hook', kind: 'mechanistic', path: 'slow' } as const;
const noFifo: EvtchnHandler = () => -XenErrno.EOPNOTSUPP;

const EVTCHN_SUBOPS: readonly SubOp<EvtchnHandler>[] = [
  { nr: EVTCHNOP.bind_interdomain, name: 'bind_interdomain', ...slow, handler: bindInterdomain },
  { nr: EVTCHNOP.bind_virq, name: 'bind_virq', ...slow, handler: bindVirq },
  { nr: EVTCHNOP.bind_pirq, name: 'bind_pirq', ...slow, handler: bindPirq },
  { nr: EVTCHNOP.close, name: 'close', ...slow, handler: (hv, caller, arg) => hv.events.close(caller.domain, portIn(evtchnClose, caller, arg)) },
  { nr: EVTCHNOP.send, name: 'send', ...fast, handler: (hv, caller, arg) => hv.events.send(caller.domain, portIn(evtchnSend, caller, arg)) },
  { nr: EVTCHNOP.status, name: 'status', ...slow, xsm: 'target', handler: status },
  { nr: EVTCHNOP.alloc_unbound, name: 'alloc_unbound', ...slow, xsm: 'target', handler: allocUnbound },
  { nr: EVTCHNOP.bind_ipi, name: 'bind_ipi', ...slow, handler: bindIpi },
  { nr: EVTCHNOP.bind_vcpu, name: 'bind_vcpu', ...slow, handler: bindVcpu },
  { nr: EVTCHNOP.unmask, name: 'unmask', ...fast, handler: (hv, caller, arg) => hv.events.unmask(caller.domain, portIn(evtchnUnmask, caller, arg)) },
  { nr: EVTCHNOP.reset, name: 'reset', ...slow, xsm: 'target', handler: reset },
  { nr: EVTCHNOP.init_control, name: 'init_control', ...slow, handler: noFifo },
  { nr: EVTCHNOP.expand_array, name: 'expand_array', ...slow, handler: noFifo },
  { nr: EVTCHNOP.set_priority, name: 'set_priority', ...slow, handler: setPriority },
];

const TABLE = subopTable(EVTCHN_SUBOPS);

export const eventChannelOpFamily: HypercallFamily = {
  nr: HYPERCALL.event_channel_op,
  name: 'event_channel_op',
  args: ['cmd', 'arg'],
  subops: EVTCHN_SUBOPS,
  handler: (hv, caller, cmd, arg) => {
    const op = findSubop(TABLE, cmd);
    return op === undefined ? -XenErrno.ENOSYS : op.handler(hv, caller, arg);
  },
};
