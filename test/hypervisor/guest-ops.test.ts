// The guest-facing hypercalls through the dispatcher, with a domU caller and its
// arguments in its own memory.
import { describe, expect, it } from 'vitest';
import { XenErrno } from '../../src/hypervisor/abi/decl/errno.js';
import { HVMOP, HVM_PARAM, xenHvmParam } from '../../src/hypervisor/abi/decl/hvm.js';
import { HYPERCALL, multicallEntry } from '../../src/hypervisor/abi/decl/hypercalls.js';
import { XENMAPSPACE, XENMEM, xenAddToPhysmap, xenMemoryReservation } from '../../src/hypervisor/abi/decl/memory.js';
import { SCHEDOP, SHUTDOWN } from '../../src/hypervisor/abi/decl/sched-op.js';
import { VCPUOP, vcpuRegisterVcpuInfo, vcpuRunstateInfo } from '../../src/hypervisor/abi/decl/vcpu.js';
import { DOMID } from '../../src/hypervisor/abi/decl/xen.js';
import { createDomU, testHost } from './test-host.js';

const RAM = 0x8000_0000;
const ARG = RAM + 0x1000;

function setup() {
  const host = testHost();
  const domU = createDomU(host, 2);
  domU.maxPages = 64;
  domU.populate(RAM / 4096, 16);
  domU.vcpus[0].initialised = true;
  domU.vcpus[0].up();
  domU.unpauseByController();
  const call = (nr: number, ...args: number[]) => host.hv.dispatch(domU.vcpus[0], nr, ...args);
  return { host, domU, call };
}

describe('vcpu_op', () => {
  it('register_vcpu_info: alignment and page rules, once only, events marked pending', () => {
    const { domU, call } = setup();
    const register = (gfn: number, offset: number) => {
      domU.memory.write(ARG, vcpuRegisterVcpuInfo.encode({ mfn: BigInt(gfn), offset, rsvd: 0 }));
      return call(HYPERCALL.vcpu_op, VCPUOP.register_vcpu_info, 0, ARG);
    };
    const gfn = RAM / 4096 + 2;
    expect(register(gfn, 4)).toBe(-XenErrno.ENXIO);
    expect(register(gfn, 4096 - 40)).toBe(-XenErrno.ENXIO);
    expect(register(0x10, 0)).toBe(-XenErrno.EINVAL);
    expect(register(gfn, 64)).toBe(0);
    expect(register(gfn, 128)).toBe(-XenErrno.EBUSY);
    const info = gfn * 4096 + 64;
    expect(domU.memory.readU8(info)).toBe(1);
    expect(domU.memory.readU64(info + 8)).toBe(0xffff_ffff_ffff_ffffn);
    expect(domU.vcpus[0].upcallRaised).toBe(true);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.register_vcpu_info, 7, ARG)).toBe(-XenErrno.ENOENT);
  });

  it('up/down/is_up, runstate info and timers', () => {
    const { host, domU, call } = setup();
    expect(call(HYPERCALL.vcpu_op, VCPUOP.is_up, 1)).toBe(0);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.up, 1)).toBe(-XenErrno.EINVAL); // not initialised
    domU.vcpus[1].initialised = true;
    expect(call(HYPERCALL.vcpu_op, VCPUOP.up, 1)).toBe(0);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.is_up, 1)).toBe(1);
    host.hv.clock.advanceBy(500);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.get_runstate_info, 1, ARG)).toBe(0);
    const rs = vcpuRunstateInfo.decode(domU.memory.read(ARG, 48));
    expect(rs.state).toBe(1);
    expect(rs.time[1]).toBe(500n);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.down, 1)).toBe(0);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.is_up, 1)).toBe(0);
    domU.memory.writeU64(ARG, 999_999n);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.set_periodic_timer, 0, ARG)).toBe(-XenErrno.EINVAL);
    domU.memory.writeU64(ARG, 10_000_000n);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.set_periodic_timer, 0, ARG)).toBe(0);
    expect(domU.vcpus[0].timers.periodNs).toBe(10_000_000);
    domU.memory.writeU64(ARG, 1n);
    domU.memory.writeU32(ARG + 8, 1);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.set_singleshot_timer, 0, ARG)).toBe(-XenErrno.ETIME);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.set_singleshot_timer, 1, ARG)).toBe(-XenErrno.EINVAL);
    expect(call(HYPERCALL.vcpu_op, 99, 0)).toBe(-XenErrno.ENOSYS);
  });
});

describe('sched_op', () => {
  it('shutdown keeps the code set by shutdown_code; remote_shutdown needs privilege', () => {
    const { host, domU, call } = setup();
    domU.memory.writeU32(ARG, SHUTDOWN.crash);
    expect(call(HYPERCALL.sched_op, SCHEDOP.shutdown_code, ARG)).toBe(0);
    expect(domU.state).toBe('running');
    domU.memory.writeU32(ARG, 0);
    domU.memory.writeU32(ARG + 4, SHUTDOWN.poweroff);
    expect(call(HYPERCALL.sched_op, SCHEDOP.remote_shutdown, ARG)).toBe(-XenErrno.EPERM);
    domU.memory.writeU32(ARG, SHUTDOWN.reboot);
    expect(call(HYPERCALL.sched_op, SCHEDOP.shutdown, ARG)).toBe(0);
    expect(domU.state).toBe('shutdown');
    expect(domU.lifecycle.shutdownCode).toBe(SHUTDOWN.crash);
    expect(host.xc.domainGetinfo(domU.domid).flags >>> 16 & 0xff).toBe(SHUTDOWN.crash);
  });

  it('block sleeps the vCPU; yield gives the CPU back; poll rejects too many ports', () => {
    const { domU, call } = setup();
    domU.vcpus[0].schedule(0);
    expect(call(HYPERCALL.sched_op, SCHEDOP.yield, 0)).toBe(0);
    expect(domU.vcpus[0].state).toBe('runnable');
    expect(call(HYPERCALL.sched_op, SCHEDOP.block, 0)).toBe(0);
    expect(domU.vcpus[0].state).toBe('blocked');
    domU.memory.write(ARG, new Uint8Array(24));
    domU.memory.writeU32(ARG + 8, 129);
    expect(call(HYPERCALL.sched_op, SCHEDOP.poll, ARG)).toBe(-XenErrno.EINVAL);
  });
});

describe('memory_op', () => {
  it('populates, reports and releases a reservation within max_pages', () => {
    const { domU, call } = setup();
    const list = ARG + 64;
    for (let i = 0; i < 4; i++) domU.memory.writeU64(list + i * 8, BigInt(0x90000 + i));
    domU.memory.write(ARG, xenMemoryReservation.encode({ extent_start: BigInt(list), nr_extents: 4n, extent_order: 0, mem_flags: 0, domid: DOMID.SELF }));
    expect(call(HYPERCALL.memory_op, XENMEM.populate_physmap, ARG)).toBe(4);
    domU.memory.writeU16(ARG + 256, DOMID.SELF);
    expect(call(HYPERCALL.memory_op, XENMEM.current_reservation, ARG + 256)).toBe(20);
    expect(call(HYPERCALL.memory_op, XENMEM.maximum_reservation, ARG + 256)).toBe(64);
    expect(call(HYPERCALL.memory_op, XENMEM.maximum_gpfn, ARG + 256)).toBe(0x90003);
    expect(call(HYPERCALL.memory_op, XENMEM.decrease_reservation, ARG)).toBe(4);
    expect(call(HYPERCALL.memory_op, XENMEM.decrease_reservation, ARG)).toBe(0);
    domU.memory.writeU16(ARG + 256, 0);
    expect(call(HYPERCALL.memory_op, XENMEM.current_reservation, ARG + 256)).toBe(-XenErrno.EPERM);
    expect(call(HYPERCALL.memory_op, XENMEM.get_sharing_freed_pages, 0)).toBe(0);
    expect(call(HYPERCALL.memory_op, XENMEM.get_sharing_shared_pages, 0)).toBe(0);
    expect(call(HYPERCALL.memory_op, 99, 0)).toBe(-XenErrno.ENOSYS);
  });

  it('add_to_physmap maps shared_info and grant frames where the guest asks', () => {
    const { domU, call } = setup();
    const map = (space: number, idx: bigint, gpfn: number) => {
      domU.memory.write(ARG, xenAddToPhysmap.encode({ domid: DOMID.SELF, size: 0, space, idx, gpfn: BigInt(gpfn) }));
      return call(HYPERCALL.memory_op, XENMEM.add_to_physmap, ARG);
    };
    const before = domU.totPages;
    expect(map(XENMAPSPACE.shared_info, 0n, RAM / 4096 + 5)).toBe(0);
    expect(domU.p2m.lookup(RAM / 4096 + 5)).toBe(domU.sharedInfoMfn);
    expect(domU.totPages).toBe(before - 1); // the RAM page that was there went back to Xen
    expect(map(XENMAPSPACE.shared_info, 1n, RAM / 4096 + 6)).toBe(-XenErrno.EINVAL);
    expect(map(XENMAPSPACE.grant_table, 0n, 0x38000)).toBe(0);
    expect(domU.p2m.lookup(0x38000)).toBe(domU.grantFrames[0]);
    expect(map(XENMAPSPACE.grant_table, 64n, 0x38040)).toBe(-XenErrno.EINVAL);
    expect(map(XENMAPSPACE.gmfn_foreign, 0n, 0x38041)).toBe(-XenErrno.EINVAL);
  });
});

describe('hvm_op, console_io, multicall, xsm_op', () => {
  it('lets the toolstack set params the guest may then read, but not set', () => {
    const { host, domU, call } = setup();
    host.privcmd.withBuffers(() => {
      const p = host.privcmd.allocStruct(xenHvmParam, { domid: domU.domid, pad: 0, index: HVM_PARAM.STORE_PFN, value: 0x39001n });
      expect(host.privcmd.hypercall(HYPERCALL.hvm_op, HVMOP.set_param, p)).toBe(0);
    });
    domU.memory.write(ARG, xenHvmParam.encode({ domid: DOMID.SELF, pad: 0, index: HVM_PARAM.STORE_PFN, value: 0n }));
    expect(call(HYPERCALL.hvm_op, HVMOP.get_param, ARG)).toBe(0);
    expect(domU.memory.readU64(ARG + 8)).toBe(0x39001n);
    expect(call(HYPERCALL.hvm_op, HVMOP.set_param, ARG)).toBe(-XenErrno.EPERM);
    domU.memory.writeU32(ARG + 4, HVM_PARAM.MONITOR_RING_PFN);
    expect(call(HYPERCALL.hvm_op, HVMOP.get_param, ARG)).toBe(-XenErrno.EPERM);
    domU.memory.writeU32(ARG + 4, 7);
    expect(call(HYPERCALL.hvm_op, HVMOP.get_param, ARG)).toBe(-XenErrno.EINVAL);
    domU.memory.writeU32(ARG + 4, 500);
    expect(call(HYPERCALL.hvm_op, HVMOP.get_param, ARG)).toBe(-XenErrno.EINVAL);
  });

  it('console_io: a domU writes filtered lines but may not read', () => {
    const { host, domU, call } = setup();
    domU.memory.write(ARG, new TextEncoder().encode('ab\x07c\npartial'));
    expect(call(HYPERCALL.console_io, 0, 12, ARG)).toBe(0);
    expect(host.hv.console.contents()).toContain(`(d${domU.domid}) abc\n`);
    expect(host.hv.console.contents()).not.toContain('partial');
    expect(call(HYPERCALL.console_io, 1, 10, ARG)).toBe(-XenErrno.EPERM);
    expect(call(HYPERCALL.console_io, 2, 0, 0)).toBe(-XenErrno.ENOSYS);
  });

  it('multicall stores each entry\'s result, -ENOSYS for unknown calls, -EINVAL for nesting', () => {
    const { domU, call } = setup();
    const entries = [
      { op: BigInt(HYPERCALL.xen_version), args: [0n] },
      { op: 200n, args: [] },
      { op: BigInt(HYPERCALL.multicall), args: [] },
      { op: BigInt(HYPERCALL.xen_version), args: [1n, 0x10n] }, // bad pointer
    ];
    entries.forEach((e, i) => domU.memory.write(ARG + i * 64, multicallEntry.encode({ op: e.op, result: 0n, args: [...e.args, 0n, 0n, 0n, 0n, 0n, 0n].slice(0, 6) })));
    expect(call(HYPERCALL.multicall, ARG, 4)).toBe(0);
    const results = entries.map((_, i) => BigInt.asIntN(64, domU.memory.readU64(ARG + i * 64 + 8)));
    expect(results).toEqual([BigInt((4 << 16) | 18), -38n, -22n, -14n]);
    expect(call(HYPERCALL.xsm_op, ARG)).toBe(-XenErrno.ENOSYS);
  });
});
