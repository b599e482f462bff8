// Every privileged operation in the hypercall table, called by a domU through the
// dispatcher with a well-formed argument in its own memory, is refused with -EPERM.
import { describe, expect, it } from 'vitest';
import { XEN_DOMCTL_INTERFACE_VERSION, xenDomctl } from '../../src/hypervisor/abi/decl/domctl.js';
import { XenErrno } from '../../src/hypervisor/abi/decl/errno.js';
import { HYPERCALL } from '../../src/hypervisor/abi/decl/hypercalls.js';
import { XEN_SYSCTL_INTERFACE_VERSION, xenSysctl } from '../../src/hypervisor/abi/decl/sysctl.js';
import { HYPERCALL_FAMILIES } from '../../src/hypervisor/hypercalls/table.js';
import { createDomU, testHost } from './test-host.js';

const ARG = 0x8000_0000;

function domUCaller() {
  const host = testHost();
  const domU = createDomU(host);
  domU.maxPages = 4;
  domU.populate(ARG / 4096, 4);
  return { host, domU, vcpu: domU.vcpus[0] };
}

const controlOps = HYPERCALL_FAMILIES.filter((f) => f.nr === HYPERCALL.domctl || f.nr === HYPERCALL.sysctl).flatMap((family) =>
  (family.subops ?? []).filter((op) => op.xsm !== 'hook').map((op) => ({ family: family.name, nr: family.nr, cmd: op.nr, name: op.name })),
);

describe('XSM dummy policy: a domU calling domctl or sysctl', () => {
  it('covers every domctl and sysctl sub-op in the table', () => {
    expect(controlOps.length).toBeGreaterThanOrEqual(19);
  });

  it.each(controlOps)('$family $name → -EPERM', ({ nr, cmd }) => {
    const { host, domU, vcpu } = domUCaller();
    const bytes = nr === HYPERCALL.domctl
      ? xenDomctl.encode({ cmd, interface_version: XEN_DOMCTL_INTERFACE_VERSION, domain: domU.domid })
      : xenSysctl.encode({ cmd, interface_version: XEN_SYSCTL_INTERFACE_VERSION });
    domU.memory.write(ARG, bytes);
    expect(host.hv.dispatch(vcpu, nr, ARG)).toBe(-XenErrno.EPERM);
  });

  it('unknown sub-ops are -EPERM for a domU and -ENOSYS for dom0', () => {
    const { host, domU, vcpu } = domUCaller();
    domU.memory.write(ARG, xenDomctl.encode({ cmd: 250, interface_version: XEN_DOMCTL_INTERFACE_VERSION, domain: domU.domid }));
    expect(host.hv.dispatch(vcpu, HYPERCALL.domctl, ARG)).toBe(-XenErrno.EPERM);
    expect(() => host.xc.domctl(250, domU.domid, {})).toThrow(expect.objectContaining({ errno: XenErrno.ENOSYS }));
  });
});

describe('bad pointers', () => {
  it('give -EFAULT from every struct-taking hypercall, for domU and dom0 alike', () => {
    const { host, vcpu } = domUCaller();
    const dom0 = host.dom0.vcpus[0];
    for (const caller of [vcpu, dom0]) {
      for (const pointer of [0, 0x1000, 2 ** 41, 2 ** 64 - 4096]) {
        expect(host.hv.dispatch(caller, HYPERCALL.domctl, pointer)).toBe(-XenErrno.EFAULT);
        expect(host.hv.dispatch(caller, HYPERCALL.sysctl, pointer)).toBe(-XenErrno.EFAULT);
        expect(host.hv.dispatch(caller, HYPERCALL.xen_version, 1, pointer)).toBe(-XenErrno.EFAULT);
      }
    }
  });

  it('unknown hypercall numbers give -ENOSYS', () => {
    const { host, vcpu } = domUCaller();
    for (const nr of [0, 1, 26, 43, 63, 64, 1000, -1, 2 ** 40]) expect(host.hv.dispatch(vcpu, nr)).toBe(-XenErrno.ENOSYS);
  });
});
