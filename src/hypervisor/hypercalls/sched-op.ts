// sched_op (hypercall 29, args (cmd, arg)): a vCPU giving up its CPU (yield, block,
// poll) and domain shutdown.
import { XenErrno } from '../abi/decl/errno.js';
import { HYPERCALL } from '../abi/decl/hypercalls.js';
import { SCHEDOP, schedPoll, schedRemoteShutdown } from '../abi/decl/sched-op.js';
import { EVTCHN_2L, sharedInfo, vcpuInfo } from '../abi/decl/shared-info.js';
import type { Domain } from '../domain.js';
import type { Hypervisor } from '../hypervisor.js';
import type { Vcpu } from '../vcpu.js';
import { xsmCheck } from '../xsm.js';
import { type HypercallFamily, type SubOp, findSubop, subopTable } from './family.js';
import { vcpuInfoBytes } from './vcpu-areas.js';

type SchedHandler = (hv: Hypervisor, caller: Vcpu, arg: number) => number;

const MAX_POLL_PORTS = 128;
const PENDING_OFFSET = sharedInfo.offsetOf('evtchn_pending');

function upcallPending(v: Vcpu): boolean {
  const area = vcpuInfoBytes(v);
  return area !== undefined && area.read()[vcpuInfo.offsetOf('evtchn_upcall_pending')] !== 0;
}

function portPending(d: Domain, port: number): boolean {
  const page = d.sharedInfoBytes();
  return (page[PENDING_OFFSET + (port >> 3)] & (1 << (port & 7))) !== 0;
}

/** Blocks unless an event is already pending (the check after setting VPF_blocked). */
function block(_hv: Hypervisor, caller: Vcpu): number {
  caller.block();
  if (upcallPending(caller)) caller.wake();
  return 0;
}

function poll(hv: Hypervisor, caller: Vcpu, arg: number): number {
  const request = schedPoll.decode(caller.domain.memory.read(arg, schedPoll.size));
  if (request.nr_ports > MAX_POLL_PORTS) return -XenErrno.EINVAL;
  const ports = caller.domain.memory.read(Number(request.ports), request.nr_ports * 4);
  const view = new DataView(ports.buffer);
  let pending = false;
  for (let i = 0; i < request.nr_ports; i++) {
    const port = view.getUint32(i * 4, true);
    if (port >= EVTCHN_2L.NR_CHANNELS) return -XenErrno.EINVAL;
    pending ||= portPending(caller.domain, port);
  }
  if (pending) return 0;
  caller.pollPorts = [...Array(request.nr_ports).keys()].map((i) => view.getUint32(i * 4, true));
  caller.timers.pollDeadline = request.timeout === 0n ? undefined : Number(request.timeout);
  if (caller.timers.pollDeadline !== undefined && caller.timers.pollDeadline <= hv.clock.now()) return endPoll(caller);
  caller.block();
  // A hart may have set one of the ports pending meanwhile without seeing this vCPU blocked.
  if (caller.pollPorts.some((port) => portPending(caller.domain, port))) {
    endPoll(caller);
    caller.wake();
  }
  return 0;
}

function endPoll(caller: Vcpu): number {
  caller.pollPorts = [];
  caller.timers.pollDeadline = undefined;
  return 0;
}

function shutdown(domain: Domain, reason: number): number {
  domain.shutdown(reason & 0xff);
  return 0;
}

function remoteShutdown(hv: Hypervisor, caller: Vcpu, arg: number): number {
  const request = schedRemoteShutdown.decode(caller.domain.memory.read(arg, schedRemoteShutdown.size));
  const target = hv.domain(request.domain_id);
  if (target === undefined) return -XenErrno.ESRCH;
  const denied = xsmCheck('dm_priv', caller.domain, target);
  return denied !== 0 ? denied : shutdown(target, request.reason);
}

const fast = { xsm: 'hook', kind: 'logical', path: 'fast' } as const;
const slow = { xsm: 'hook', kind: 'logical', path: 'slow' } as const;

const SCHED_SUBOPS: readonly SubOp<SchedHandler>[] = [
  { nr: SCHEDOP.yield, name: 'yield', ...fast, handler: (_hv, caller) => (caller.isRunning && caller.preempt(), 0) },
  { nr: SCHEDOP.block, name: 'block', ...fast, handler: block },
  { nr: SCHEDOP.shutdown, name: 'shutdown', ...slow, handler: (_hv, caller, arg) => shutdown(caller.domain, caller.domain.memory.readU32(arg)) },
  { nr: SCHEDOP.poll, name: 'poll', ...fast, kind: 'mechanistic', handler: poll },
  { nr: SCHEDOP.remote_shutdown, name: 'remote_shutdown', ...slow, xsm: 'dm_priv', handler: remoteShutdown },
  {
    nr: SCHEDOP.shutdown_code, name: 'shutdown_code', ...slow,
    handler: (_hv, caller, arg) => (caller.domain.setShutdownCode(caller.domain.memory.readU32(arg) & 0xff), 0),
  },
];

const TABLE = subopTable(SCHED_SUBOPS);

export const schedOpFamily: HypercallFamily = {
  nr: HYPERCALL.sched_op,
  name: 'sched_op',
  args: ['cmd', 'arg'],
  subops: SCHED_SUBOPS,
  handler: (hv, caller, cmd, arg) => {
    const op = findSubop(TABLE, cmd);
    return op === undefined ? -XenErrno.ENOSYS : op.handler(hv, caller, arg);
  },
};
