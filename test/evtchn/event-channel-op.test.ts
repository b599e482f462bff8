// event_channel_op through the dispatcher: domUs bind, send, mask, move and close ports
// with real structures in their memory, and see the results where a guest looks: the
// pending and mask bitmaps of their shared_info and the vcpu_info of the notified vCPU.
import { describe, expect, it } from 'vitest';
import { XenErrno } from '../../src/hypervisor/abi/decl/errno.js';
import {
  EVTCHNOP, EVTCHNSTAT, evtchnAllocUnbound, evtchnBindInterdomain, evtchnBindIpi, evtchnBindVcpu, evtchnBindVirq,
  evtchnClose, evtchnExpandArray, evtchnInitControl, evtchnReset, evtchnSend, evtchnSetPriority, evtchnStatus, evtchnUnmask,
} from '../../src/hypervisor/abi/decl/event-channel.js';
import { HYPERCALL } from '../../src/hypervisor/abi/decl/hypercalls.js';
import { DOMID, VIRQ } from '../../src/hypervisor/abi/decl/xen.js';
import { DOM0_RAM_BASE } from '../../src/hypervisor/dom0.js';
import { twoGuests, type Guest } from './evtchn-host.js';

const PORT = evtchnAllocUnbound.offsetOf('port');
const LOCAL_PORT = evtchnBindInterdomain.offsetOf('local_port');
/** A scratch argument in dom0's RAM. */
const DOM0_ARG = DOM0_RAM_BASE + 0x1000;

function allocUnbound(g: Guest, remoteDom: number, dom: number = DOMID.SELF): number {
  const rc = g.evtchn(EVTCHNOP.alloc_unbound, evtchnAllocUnbound, { dom, remote_dom: remoteDom, port: 0 });
  return rc < 0 ? rc : g.out32(PORT);
}

function bindInterdomain(g: Guest, remoteDom: number, remotePort: number): number {
  const rc = g.evtchn(EVTCHNOP.bind_interdomain, evtchnBindInterdomain, { remote_dom: remoteDom, remote_port: remotePort, local_port: 0 });
  return rc < 0 ? rc : g.out32(LOCAL_PORT);
}

const send = (g: Guest, port: number, vcpu = 0) => g.evtchn(EVTCHNOP.send, evtchnSend, { port }, vcpu);
const close = (g: Guest, port: number) => g.evtchn(EVTCHNOP.close, evtchnClose, { port });
const unmask = (g: Guest, port: number) => g.evtchn(EVTCHNOP.unmask, evtchnUnmask, { port });
const bindVcpu = (g: Guest, port: number, vcpu: number) => g.evtchn(EVTCHNOP.bind_vcpu, evtchnBindVcpu, { port, vcpu });

function status(g: Guest, port: number, dom: number = DOMID.SELF) {
  const rc = g.evtchn(EVTCHNOP.status, evtchnStatus, { dom, port, status: 0, vcpu: 0 });
  if (rc < 0) return rc;
  const bytes = g.argument(evtchnStatus.size);
  const view = new DataView(bytes.buffer);
  const u = evtchnStatus.offsetOf('u');
  return { status: view.getUint32(8, true), vcpu: view.getUint32(12, true), u16: view.getUint16(u, true), u32: view.getUint32(u, true), port: view.getUint32(u + 4, true) };
}

/** B offers a port to A; A binds it. Returns [A's port, B's port]. */
function connect(a: Guest, b: Guest): [number, number] {
  const offered = allocUnbound(b, a.domid);
  const local = bindInterdomain(a, b.domid, offered);
  expect(offered).toBeGreaterThan(0);
  expect(local).toBeGreaterThan(0);
  return [local, offered];
}

describe('event_channel_op: interdomain', () => {
  it('alloc_unbound + bind_interdomain + send: pending bit, selector and upcall_pending set, upcall raised', () => {
    const { a, b } = twoGuests();
    const [aPort, bPort] = connect(a, b);
    expect(bPort).toBe(1);
    // The binding side's new port starts pending (the peer may have sent before the bind).
    expect(a.pending(aPort)).toBe(true);
    expect(a.upcallPending()).toBe(1);
    a.acknowledge();
    a.clearPending(aPort);
    expect(b.pending(bPort)).toBe(false);
    expect(b.domain.vcpus[0]!.upcallRaised).toBe(false);
    expect(send(a, aPort)).toBe(0);
    expect(b.pending(bPort)).toBe(true);
    expect(b.selector()).toBe(1n << BigInt(Math.floor(bPort / 64)));
    expect(b.upcallPending()).toBe(1);
    expect(b.domain.vcpus[0]!.upcallRaised).toBe(true);
    // Back the other way.
    expect(send(b, bPort)).toBe(0);
    expect(a.pending(aPort)).toBe(true);
    expect(a.upcallPending()).toBe(1);
  });

  it('a port still pending takes no new upcall until the guest clears it', () => {
    const { a, b } = twoGuests();
    const [aPort, bPort] = connect(a, b);
    a.acknowledge();
    expect(send(b, bPort)).toBe(0);
    expect(a.upcallPending()).toBe(0);
    a.clearPending(aPort);
    expect(send(b, bPort)).toBe(0);
    expect(a.upcallPending()).toBe(1);
  });

  it('a second send while pending raises no second upcall', () => {
    const { a, b } = twoGuests();
    const [aPort] = connect(a, b);
    expect(send(a, aPort)).toBe(0);
    b.acknowledge();
    expect(send(a, aPort)).toBe(0);
    expect(b.upcallPending()).toBe(0);
    expect(b.domain.vcpus[0]!.upcallRaised).toBe(false);
  });

  it('a masked port stays pending without an upcall; unmask delivers it', () => {
    const { a, b } = twoGuests();
    const [aPort, bPort] = connect(a, b);
    b.mask(bPort);
    expect(send(a, aPort)).toBe(0);
    expect(b.pending(bPort)).toBe(true);
    expect(b.selector()).toBe(0n);
    expect(b.upcallPending()).toBe(0);
    expect(b.domain.vcpus[0]!.upcallRaised).toBe(false);
    expect(unmask(b, bPort)).toBe(0);
    expect(b.masked(bPort)).toBe(false);
    expect(b.selector()).toBe(1n);
    expect(b.upcallPending()).toBe(1);
    expect(b.domain.vcpus[0]!.upcallRaised).toBe(true);
  });

  it('a port above 63 selects its own word', () => {
    const { a, b } = twoGuests();
    for (let i = 0; i < 70; i++) allocUnbound(b, a.domid);
    const offered = allocUnbound(b, a.domid);
    expect(offered).toBe(71);
    const aPort = bindInterdomain(a, b.domid, offered);
    expect(send(a, aPort)).toBe(0);
    expect(b.pending(71)).toBe(true);
    expect(b.selector()).toBe(2n);
  });

  it('bind_vcpu moves delivery to another vCPU\'s vcpu_info', () => {
    const { a, b } = twoGuests();
    b.registerVcpuInfos();
    const [aPort, bPort] = connect(a, b);
    expect(bindVcpu(b, bPort, 1)).toBe(0);
    expect(send(a, aPort)).toBe(0);
    expect(b.upcallPending(1)).toBe(1);
    expect(b.selector(1)).toBe(1n);
    expect(b.domain.vcpus[1]!.upcallRaised).toBe(true);
    expect(b.upcallPending(0)).toBe(0);
    expect(b.domain.vcpus[0]!.upcallRaised).toBe(false);
    const st = status(b, bPort);
    expect(st).toMatchObject({ status: EVTCHNSTAT.interdomain, vcpu: 1 });
    expect(bindVcpu(b, bPort, 2)).toBe(-XenErrno.ENOENT);
    expect(bindVcpu(b, 999, 0)).toBe(-XenErrno.EINVAL);
  });

  it('close: the peer\'s port becomes unbound, its sends are dropped; a closed port is -EINVAL', () => {
    const { a, b } = twoGuests();
    const [aPort, bPort] = connect(a, b);
    b.acknowledge();
    expect(close(a, aPort)).toBe(0);
    expect(status(a, aPort)).toMatchObject({ status: EVTCHNSTAT.closed });
    expect(status(b, bPort)).toMatchObject({ status: EVTCHNSTAT.unbound, u16: a.domid });
    expect(send(b, bPort)).toBe(0);
    expect(a.pending(aPort)).toBe(false);
    expect(send(a, aPort)).toBe(-XenErrno.EINVAL);
    expect(close(a, aPort)).toBe(-XenErrno.EINVAL);
    // A can bind the same remote port again.
    expect(bindInterdomain(a, b.domid, bPort)).toBe(aPort);
  });

  it('a destroyed domain\'s peers are left unbound', () => {
    const { host, a, b } = twoGuests();
    const [, bPort] = connect(a, b);
    host.hv.destroyDomain(a.domain);
    expect(status(b, bPort)).toMatchObject({ status: EVTCHNSTAT.unbound, u16: a.domid });
    expect(send(b, bPort)).toBe(0);
  });

  it('reset closes every port of the domain', () => {
    const { a, b } = twoGuests();
    const [aPort, bPort] = connect(a, b);
    const ipi = a.evtchn(EVTCHNOP.bind_ipi, evtchnBindIpi, { vcpu: 0, port: 0 });
    expect(ipi).toBe(0);
    expect(a.evtchn(EVTCHNOP.reset, evtchnReset, { dom: DOMID.SELF })).toBe(0);
    expect(status(a, aPort)).toMatchObject({ status: EVTCHNSTAT.closed });
    expect(status(b, bPort)).toMatchObject({ status: EVTCHNSTAT.unbound });
    expect(a.pending(aPort)).toBe(false);
    expect(allocUnbound(a, b.domid)).toBe(1);
    expect(b.evtchn(EVTCHNOP.reset, evtchnReset, { dom: a.domid })).toBe(-XenErrno.EPERM);
    expect(b.evtchn(EVTCHNOP.reset, evtchnReset, { dom: 0x7000 })).toBe(-XenErrno.ESRCH);
  });

  it('dom0 resets another domain\'s ports only while it keeps that domain paused', () => {
    const { host, a, b } = twoGuests();
    const [aPort] = connect(a, b);
    const resetFromDom0 = (dom: number) => {
      host.dom0.memory.writeU16(DOM0_ARG, dom);
      return host.hv.dispatch(host.dom0.vcpus[0]!, HYPERCALL.event_channel_op, EVTCHNOP.reset, DOM0_ARG);
    };
    expect(resetFromDom0(a.domid)).toBe(-XenErrno.EINVAL);
    expect(status(a, aPort)).toMatchObject({ status: EVTCHNSTAT.interdomain });
    a.domain.pauseByController();
    expect(resetFromDom0(a.domid)).toBe(0);
    expect(status(a, aPort)).toMatchObject({ status: EVTCHNSTAT.closed });
  });
});

describe('event_channel_op: local ports', () => {
  it('bind_ipi: send notifies the bound vCPU of the same domain', () => {
    const { a } = twoGuests();
    a.registerVcpuInfos();
    expect(a.evtchn(EVTCHNOP.bind_ipi, evtchnBindIpi, { vcpu: 1, port: 0 })).toBe(0);
    const port = a.out32(evtchnBindIpi.offsetOf('port'));
    expect(send(a, port)).toBe(0);
    expect(a.pending(port)).toBe(true);
    expect(a.upcallPending(1)).toBe(1);
    expect(a.upcallPending(0)).toBe(0);
    expect(status(a, port)).toMatchObject({ status: EVTCHNSTAT.ipi, vcpu: 1 });
    expect(bindVcpu(a, port, 0)).toBe(-XenErrno.EINVAL);
    expect(a.evtchn(EVTCHNOP.bind_ipi, evtchnBindIpi, { vcpu: 5, port: 0 })).toBe(-XenErrno.ENOENT);
  });

  it('bind_virq: per-vCPU and global VIRQs, each bound once; the hypervisor raises them', () => {
    const { host, a } = twoGuests();
    const bindVirq = (virq: number, vcpu: number) => {
      const rc = a.evtchn(EVTCHNOP.bind_virq, evtchnBindVirq, { virq, vcpu, port: 0 });
      return rc < 0 ? rc : a.out32(evtchnBindVirq.offsetOf('port'));
    };
    const timer = bindVirq(VIRQ.TIMER, 1);
    expect(timer).toBeGreaterThan(0);
    expect(bindVirq(VIRQ.TIMER, 1)).toBe(-XenErrno.EEXIST);
    expect(bindVirq(VIRQ.TIMER, 0)).toBeGreaterThan(0);
    expect(bindVirq(VIRQ.DOM_EXC, 1)).toBe(-XenErrno.EINVAL);
    expect(bindVirq(24, 0)).toBe(-XenErrno.EINVAL);
    expect(bindVirq(VIRQ.DEBUG, 9)).toBe(-XenErrno.ENOENT);
    expect(status(a, timer)).toMatchObject({ status: EVTCHNSTAT.virq, vcpu: 1, u32: VIRQ.TIMER });
    expect(send(a, timer)).toBe(-XenErrno.EINVAL);
    expect(bindVcpu(a, timer, 0)).toBe(-XenErrno.EINVAL);
    a.registerVcpuInfos();
    expect(host.hv.events.raiseVirq(a.domain.vcpus[1]!, VIRQ.TIMER)).toBe(true);
    expect(a.pending(timer)).toBe(true);
    expect(a.upcallPending(1)).toBe(1);
    expect(host.hv.events.raiseVirq(a.domain.vcpus[1]!, VIRQ.DEBUG)).toBe(false);
    // Closing frees the VIRQ for another bind.
    expect(close(a, timer)).toBe(0);
    expect(bindVirq(VIRQ.TIMER, 1)).toBe(timer);
    // A global VIRQ bound on vCPU 0 may move.
    const console = bindVirq(VIRQ.CONSOLE, 0);
    expect(bindVcpu(a, console, 1)).toBe(0);
  });

  it('status of each state, and of another domain only with privilege', () => {
    const { a, b } = twoGuests();
    const unbound = allocUnbound(a, b.domid);
    expect(status(a, unbound)).toMatchObject({ status: EVTCHNSTAT.unbound, vcpu: 0, u16: b.domid });
    const [aPort, bPort] = connect(a, b);
    expect(status(a, aPort)).toMatchObject({ status: EVTCHNSTAT.interdomain, u16: b.domid, port: bPort });
    expect(status(a, 0)).toMatchObject({ status: EVTCHNSTAT.closed });
    expect(status(a, 63)).toMatchObject({ status: EVTCHNSTAT.closed });
    expect(status(a, 64)).toBe(-XenErrno.EINVAL);
    expect(status(a, 0xffff_ffff)).toBe(-XenErrno.EINVAL);
    expect(status(b, aPort, a.domid)).toBe(-XenErrno.EPERM);
    expect(status(a, aPort, 0x7000)).toBe(-XenErrno.ESRCH);
  });
});

describe('event_channel_op: misuse', () => {
  it('Xen\'s error for every misuse', () => {
    const { host, a, b } = twoGuests();
    // alloc_unbound for another domain needs privilege; a missing domain is -ESRCH.
    expect(allocUnbound(a, DOMID.SELF, b.domid)).toBe(-XenErrno.EPERM);
    expect(allocUnbound(a, DOMID.SELF, 0x7000)).toBe(-XenErrno.ESRCH);
    // bind_interdomain: missing domain, port out of range, a port not unbound, offered to someone else.
    expect(bindInterdomain(a, 0x7000, 1)).toBe(-XenErrno.ESRCH);
    expect(bindInterdomain(a, b.domid, 5000)).toBe(-XenErrno.EINVAL);
    expect(bindInterdomain(a, b.domid, 3)).toBe(-XenErrno.EINVAL);
    const forDom0 = allocUnbound(b, 0);
    expect(bindInterdomain(a, b.domid, forDom0)).toBe(-XenErrno.EINVAL);
    const [, bPort] = connect(a, b);
    expect(bindInterdomain(a, b.domid, bPort)).toBe(-XenErrno.EINVAL);
    // send, close, unmask on bad ports.
    expect(send(a, 0)).toBe(-XenErrno.EINVAL);
    expect(send(a, 4096)).toBe(-XenErrno.EINVAL);
    expect(close(a, 0)).toBe(-XenErrno.EINVAL);
    expect(close(a, 9999)).toBe(-XenErrno.EINVAL);
    expect(unmask(a, 9999)).toBe(-XenErrno.EINVAL);
    expect(unmask(a, 5)).toBe(0);
    // No FIFO ABI; set_priority is FIFO's.
    expect(a.evtchn(EVTCHNOP.init_control, evtchnInitControl, { control_gfn: 0n, offset: 0, vcpu: 0, link_bits: 0 })).toBe(-XenErrno.EOPNOTSUPP);
    expect(a.evtchn(EVTCHNOP.expand_array, evtchnExpandArray, { array_gfn: 0n })).toBe(-XenErrno.EOPNOTSUPP);
    expect(a.evtchn(EVTCHNOP.set_priority, evtchnSetPriority, { port: 1, priority: 3 })).toBe(-XenErrno.ENOSYS);
    expect(a.evtchn(EVTCHNOP.set_priority, evtchnSetPriority, { port: 4000, priority: 3 })).toBe(-XenErrno.EINVAL);
    expect(a.evtchn(99, evtchnSend, { port: 1 })).toBe(-XenErrno.ENOSYS);
    // A pointer the guest does not map.
    expect(host.hv.dispatch(a.domain.vcpus[0]!, 32, EVTCHNOP.send, 0x10)).toBe(-XenErrno.EFAULT);
  });

  it('ports run out at max_evtchn_port with -ENOSPC', () => {
    const { a, b } = twoGuests();
    for (let port = 1; port <= 1023; port++) expect(allocUnbound(a, b.domid)).toBe(port);
    expect(allocUnbound(a, b.domid)).toBe(-XenErrno.ENOSPC);
    expect(close(a, 500)).toBe(0);
    expect(allocUnbound(a, b.domid)).toBe(500);
  });

  it('dom0 may allocate a port in a domU for it to bind (the toolstack\'s xenstore and console channels)', () => {
    const { host, a } = twoGuests();
    const { hv, dom0 } = host;
    const port = hv.events.allocUnbound(a.domain, 0);
    let events = 0;
    const end = hv.events.bindBackend(dom0, a.domid, port, () => events++);
    if (typeof end === 'number') throw new Error(`bindBackend: ${end}`);
    a.acknowledge();
    expect(send(a, port)).toBe(0);
    expect(events).toBe(1);
    end.notify();
    expect(a.pending(port)).toBe(true);
    expect(a.upcallPending()).toBe(1);
    end.close();
    expect(status(a, port)).toMatchObject({ status: EVTCHNSTAT.unbound, u16: 0 });
  });
});
