import { describe, expect, it } from 'vitest';
import { VGCF, cpuUserRegs, vcpuGuestContext } from '../../src/hypervisor/abi/decl/arch-riscv.js';
import { XEN_DOMCTL, XEN_DOMCTL_CDF, XEN_DOMINF, XEN_VCPUAFFINITY } from '../../src/hypervisor/abi/decl/domctl.js';
import { XenErrno } from '../../src/hypervisor/abi/decl/errno.js';
import { XEN_DOMCTL_SCHEDOP, XEN_SCHEDULER } from '../../src/hypervisor/abi/decl/scheduler.js';
import { createDomU, testHost } from './test-host.js';

const errno = (code: number) => expect.objectContaining({ errno: code });

describe('domctl through dom0 privcmd', () => {
  it('creates a paused HVM domain with a fresh domid, reported by getdomaininfo', () => {
    const host = testHost();
    const d = createDomU(host, 3);
    expect(d.domid).toBe(1);
    const info = host.xc.domainGetinfo(1);
    expect(info.domain).toBe(1);
    expect(info.flags & 0xffff).toBe(XEN_DOMINF.paused | XEN_DOMINF.hvm_guest | XEN_DOMINF.hap);
    expect(info.max_vcpu_id).toBe(2);
    expect(info.nr_online_vcpus).toBe(0);
    expect([...info.handle]).toEqual(new Array(16).fill(0xab));
    expect(d.config.maxGrantFrames).toBe(64);
  });

  it('refuses a non-HVM domain and an unknown domain', () => {
    const { xc } = testHost();
    const base = {
      ssidref: 0, handle: new Uint8Array(16), iommu_opts: 0, max_vcpus: 1, max_evtchn_port: 0,
      max_grant_frames: -1, max_maptrack_frames: -1, grant_opts: 1, vmtrace_size: 0, cpupool_id: 0, arch: {},
    };
    expect(() => xc.domctl(XEN_DOMCTL.createdomain, 0, { createdomain: { ...base, flags: 0 } })).toThrow(errno(XenErrno.EINVAL));
    expect(() => xc.domctl(XEN_DOMCTL.createdomain, 0, { createdomain: { ...base, flags: XEN_DOMCTL_CDF.hvm | XEN_DOMCTL_CDF.hap, cpupool_id: 9 } })).toThrow(errno(XenErrno.ENOENT));
    expect(() => xc.domainGetinfo(42)).toThrow(errno(XenErrno.ESRCH));
    expect(() => xc.domctl(XEN_DOMCTL.pausedomain, 42, {})).toThrow(errno(XenErrno.ESRCH));
  });

  it('pauses and unpauses with Xen\'s count rules, and destroys', () => {
    const host = testHost();
    const d = createDomU(host);
    const { xc } = host;
    xc.domctl(XEN_DOMCTL.unpausedomain, 1, {});
    expect(d.state).toBe('running');
    expect(() => xc.domctl(XEN_DOMCTL.unpausedomain, 1, {})).toThrow(errno(XenErrno.EINVAL));
    xc.domctl(XEN_DOMCTL.pausedomain, 1, {});
    expect(xc.domainGetinfo(1).flags & XEN_DOMINF.paused).not.toBe(0);
    expect(() => xc.domctl(XEN_DOMCTL.pausedomain, 0, {})).toThrow(errno(XenErrno.EINVAL));
    expect(() => xc.domctl(XEN_DOMCTL.destroydomain, 0, {})).toThrow(errno(XenErrno.EINVAL));
    xc.domctl(XEN_DOMCTL.destroydomain, 1, {});
    expect(() => xc.domainGetinfo(1)).toThrow(errno(XenErrno.ESRCH));
  });

  it('sets max_mem, the handle and checks max_vcpus', () => {
    const host = testHost();
    const d = createDomU(host, 2);
    host.xc.domctl(XEN_DOMCTL.max_mem, 1, { max_mem: { max_memkb: 8192n } });
    expect(host.xc.domainGetinfo(1).max_pages).toBe(2048n);
    host.xc.domctl(XEN_DOMCTL.setdomainhandle, 1, { setdomainhandle: { handle: new Uint8Array(16).fill(7) } });
    expect([...d.config.handle]).toEqual(new Array(16).fill(7));
    host.xc.domctl(XEN_DOMCTL.max_vcpus, 1, { max_vcpus: { max: 2 } });
    expect(() => host.xc.domctl(XEN_DOMCTL.max_vcpus, 1, { max_vcpus: { max: 3 } })).toThrow(errno(XenErrno.EINVAL));
  });

  it('sets and gets vCPU affinity through cpumaps in dom0 memory', () => {
    const host = testHost({ nrCpus: 4 });
    const d = createDomU(host, 2);
    const { privcmd, xc } = host;
    privcmd.withBuffers(() => {
      const hard = privcmd.alloc(1);
      const soft = privcmd.alloc(1);
      privcmd.dom0.memory.writeU8(hard, 0b1100);
      privcmd.dom0.memory.writeU8(soft, 0b0110);
      const set = xc.domctl(XEN_DOMCTL.setvcpuaffinity, 1, {
        vcpuaffinity: {
          vcpu: 1, flags: XEN_VCPUAFFINITY.HARD | XEN_VCPUAFFINITY.SOFT,
          cpumap_hard: { bitmap: BigInt(hard), nr_bits: 8 }, cpumap_soft: { bitmap: BigInt(soft), nr_bits: 8 },
        },
      });
      expect(set.u.vcpuaffinity?.vcpu).toBe(1);
      expect(privcmd.dom0.memory.readU8(soft)).toBe(0b0100); // effective soft = soft ∩ hard
      expect([...d.vcpus[1].hardAffinity]).toEqual([0b1100]);
      privcmd.dom0.memory.writeU8(hard, 0b10000);
      expect(() => xc.domctl(XEN_DOMCTL.setvcpuaffinity, 1, {
        vcpuaffinity: { vcpu: 1, flags: XEN_VCPUAFFINITY.HARD, cpumap_hard: { bitmap: BigInt(hard), nr_bits: 8 }, cpumap_soft: { bitmap: 0n, nr_bits: 0 } },
      })).toThrow(errno(XenErrno.EINVAL));
      expect(() => xc.domctl(XEN_DOMCTL.getvcpuaffinity, 1, {
        vcpuaffinity: { vcpu: 5, flags: XEN_VCPUAFFINITY.HARD, cpumap_hard: { bitmap: BigInt(hard), nr_bits: 8 }, cpumap_soft: { bitmap: 0n, nr_bits: 0 } },
      })).toThrow(errno(XenErrno.EINVAL));
    });
  });

  it('stores a vCPU context, brings the vCPU online from its flags, and reports it in getvcpuinfo', () => {
    const host = testHost();
    const d = createDomU(host, 1);
    const { privcmd, xc } = host;
    expect(() => xc.domctl(XEN_DOMCTL.getvcpucontext, 1, { vcpucontext: { vcpu: 0, ctxt: 0n } })).toThrow(errno(XenErrno.ENODATA));
    privcmd.withBuffers(() => {
      const ctxt = privcmd.allocStruct(vcpuGuestContext, { flags: VGCF.online });
      privcmd.dom0.memory.writeU64(ctxt + vcpuGuestContext.offsetOf('user_regs') + cpuUserRegs.offsetOf('pc'), 0x8020_0000n);
      xc.domctl(XEN_DOMCTL.setvcpucontext, 1, { vcpucontext: { vcpu: 0, ctxt: BigInt(ctxt) } });
      expect(d.vcpus[0].isUp).toBe(true);
      const out = privcmd.alloc(vcpuGuestContext.size);
      xc.domctl(XEN_DOMCTL.getvcpucontext, 1, { vcpucontext: { vcpu: 0, ctxt: BigInt(out) } });
      expect(privcmd.readStruct(vcpuGuestContext, out).user_regs.pc).toBe(0x8020_0000n);
    });
    const info = xc.domctl(XEN_DOMCTL.getvcpuinfo, 1, { getvcpuinfo: { vcpu: 0, online: 0, blocked: 0, running: 0, cpu_time: 0n, cpu: 0 } }).u.getvcpuinfo;
    expect(info).toMatchObject({ vcpu: 0, online: 1, blocked: 0, running: 0, cpu_time: 0n });
    expect(() => xc.domctl(XEN_DOMCTL.getvcpuinfo, 1, { getvcpuinfo: { vcpu: 1, online: 0, blocked: 0, running: 0, cpu_time: 0n, cpu: 0 } })).toThrow(errno(XenErrno.EINVAL));
  });

  it('reads and writes credit2 parameters, and refuses another scheduler\'s id', () => {
    const host = testHost();
    createDomU(host);
    const { xc } = host;
    const op = (cmd: number, weight: number, cap: number, sched: number = XEN_SCHEDULER.CREDIT2) =>
      xc.domctl(XEN_DOMCTL.scheduler_op, 1, { scheduler_op: { sched_id: sched, cmd, u: { credit2: { weight, cap } } } }).u.scheduler_op;
    expect(op(XEN_DOMCTL_SCHEDOP.getinfo, 0, 0)?.u.credit2).toEqual({ weight: 256, cap: 0 });
    op(XEN_DOMCTL_SCHEDOP.putinfo, 512, 50);
    expect(op(XEN_DOMCTL_SCHEDOP.getinfo, 0, 0)?.u.credit2).toEqual({ weight: 512, cap: 50 });
    expect(() => op(XEN_DOMCTL_SCHEDOP.putinfo, 0, 500)).toThrow(errno(XenErrno.EINVAL));
    expect(() => op(XEN_DOMCTL_SCHEDOP.getinfo, 0, 0, XEN_SCHEDULER.CREDIT)).toThrow(errno(XenErrno.EINVAL));
  });
});
