// Events the hypervisor itself raises or reacts to: VIRQ_DOM_EXC to dom0 when a domain
// shuts down or is destroyed, VIRQ_CONSOLE on console input, and a vCPU in SCHEDOP_poll
// woken by an event on a port it waits on.
import { describe, expect, it } from 'vitest';
import { EVTCHNOP, evtchnAllocUnbound, evtchnBindInterdomain, evtchnSend } from '../../src/hypervisor/abi/decl/event-channel.js';
import { HYPERCALL } from '../../src/hypervisor/abi/decl/hypercalls.js';
import { SCHEDOP, SHUTDOWN, schedPoll } from '../../src/hypervisor/abi/decl/sched-op.js';
import { DOMID, VIRQ } from '../../src/hypervisor/abi/decl/xen.js';
import { twoGuests } from './evtchn-host.js';

describe('VIRQs raised by the hypervisor', () => {
  it('VIRQ_DOM_EXC reaches dom0 when a domU shuts down and when it is destroyed', () => {
    const { host, a } = twoGuests();
    const { hv, dom0 } = host;
    const port = hv.events.bindVirq(dom0, VIRQ.DOM_EXC, 0);
    expect(port).toBeGreaterThan(0);
    expect(hv.events.twoLevel.isPending(dom0, port)).toBe(false);
    a.domain.memory.writeU32(0x8000_2000, SHUTDOWN.poweroff);
    expect(hv.dispatch(a.domain.vcpus[0]!, HYPERCALL.sched_op, SCHEDOP.shutdown, 0x8000_2000)).toBe(0);
    expect(hv.events.twoLevel.isPending(dom0, port)).toBe(true);
    expect(dom0.vcpus[0]!.upcallRaised).toBe(true);
    // The toolstack's handler takes the event; the destroy raises another.
    let exceptions = 0;
    hv.events.listen(dom0, port, () => exceptions++);
    hv.destroyDomain(a.domain);
    expect(exceptions).toBe(1);
  });

  it('a global VIRQ bound by a domU is not raised there: only the handler domain gets them', () => {
    const { host, a } = twoGuests();
    const port = host.hv.events.bindVirq(a.domain, VIRQ.DOM_EXC, 0);
    host.hv.destroyDomain(host.hv.domain(a.domid + 1)!);
    expect(a.pending(port)).toBe(false);
  });

  it('VIRQ_CONSOLE reaches dom0 when characters are typed at the console', () => {
    const { host } = twoGuests();
    const { hv, dom0 } = host;
    expect(hv.events.raiseGlobalVirq(VIRQ.CONSOLE)).toBe(false);
    const port = hv.events.bindVirq(dom0, VIRQ.CONSOLE, 0);
    hv.console.type('');
    expect(hv.events.twoLevel.isPending(dom0, port)).toBe(false);
    hv.console.type('ls\n');
    expect(hv.events.twoLevel.isPending(dom0, port)).toBe(true);
  });
});

describe('SCHEDOP_poll', () => {
  it('a vCPU polling a port wakes when the port becomes pending, even masked; not for another port', () => {
    const { host, a, b } = twoGuests();
    const bPort = a.evtchn(EVTCHNOP.alloc_unbound, evtchnAllocUnbound, { dom: DOMID.SELF, remote_dom: b.domid, port: 0 }) === 0
      ? a.out32(evtchnAllocUnbound.offsetOf('port')) : -1;
    expect(b.evtchn(EVTCHNOP.bind_interdomain, evtchnBindInterdomain, { remote_dom: a.domid, remote_port: bPort, local_port: 0 })).toBe(0);
    const fromB = b.out32(evtchnBindInterdomain.offsetOf('local_port'));
    const other = a.evtchn(EVTCHNOP.alloc_unbound, evtchnAllocUnbound, { dom: DOMID.SELF, remote_dom: b.domid, port: 0 }) === 0
      ? a.out32(evtchnAllocUnbound.offsetOf('port')) : -1;
    expect(b.evtchn(EVTCHNOP.bind_interdomain, evtchnBindInterdomain, { remote_dom: a.domid, remote_port: other, local_port: 0 })).toBe(0);
    const otherFromB = b.out32(evtchnBindInterdomain.offsetOf('local_port'));
    a.mask(bPort);
    const vcpu = a.domain.vcpus[0]!;
    vcpu.schedule(0);
    const ports = 0x8000_3000;
    a.domain.memory.writeU32(ports, bPort);
    a.domain.memory.write(0x8000_3100, schedPoll.encode({ ports: BigInt(ports), nr_ports: 1, timeout: 0n }));
    expect(host.hv.dispatch(vcpu, HYPERCALL.sched_op, SCHEDOP.poll, 0x8000_3100)).toBe(0);
    expect(vcpu.state).toBe('blocked');
    expect(b.evtchn(EVTCHNOP.send, evtchnSend, { port: otherFromB })).toBe(0);
    expect(vcpu.state).toBe('blocked');
    expect(b.evtchn(EVTCHNOP.send, evtchnSend, { port: fromB })).toBe(0);
    expect(vcpu.state).toBe('runnable');
    expect(vcpu.pollPorts).toEqual([]);
  });
});
