import { describe, expect, it } from 'vitest';
import { XenErrno } from '../../src/hypervisor/abi/decl/errno.js';
import { HYPERCALL } from '../../src/hypervisor/abi/decl/hypercalls.js';
import { XENFEAT, XENVER } from '../../src/hypervisor/abi/decl/version.js';
import { createDomU, testHost } from './test-host.js';

const decoder = new TextDecoder();

describe('xen_version through dom0 privcmd', () => {
  const host = testHost({ commandLine: 'sched=credit2 dom0_mem=8M' });
  const { xc, privcmd, hv } = host;

  it('reports 4.18 and the RISC-V capability string', () => {
    expect(xc.version()).toEqual({ major: 4, minor: 18 });
    expect(xc.versionString(XENVER.capabilities, 1024)).toBe('xen-3.0-riscv64');
    expect(xc.versionString(XENVER.extraversion, 16)).toBe(hv.identity.extraVersion);
    expect(xc.versionString(XENVER.changeset, 64)).toBe(hv.identity.changeset);
    expect(xc.versionString(XENVER.commandline, 1024)).toBe('sched=credit2 dom0_mem=8M');
    expect(xc.compileInfo().compiler).toBe(hv.identity.compiler);
    expect(xc.pagesize()).toBe(4096);
    expect(xc.platformVirtStart()).toBe(0n);
  });

  it('answers the varbuf forms with a size query, then the unterminated bytes', () => {
    expect(decoder.decode(xc.versionVarbuf(XENVER.capabilities2))).toBe('xen-3.0-riscv64');
    expect(decoder.decode(xc.versionVarbuf(XENVER.commandline2))).toBe('sched=credit2 dom0_mem=8M');
    expect(xc.versionVarbuf(XENVER.build_id)).toEqual(hv.identity.buildId);
    privcmd.withBuffers(() => {
      const small = privcmd.alloc(8);
      privcmd.dom0.memory.writeU32(small, 3);
      expect(privcmd.hypercall(HYPERCALL.xen_version, XENVER.capabilities2, small)).toBe(-XenErrno.ENOBUFS);
      privcmd.dom0.memory.writeU32(small, 0);
      expect(privcmd.hypercall(HYPERCALL.xen_version, XENVER.capabilities2, small)).toBe(-XenErrno.EINVAL);
    });
  });

  it('gives the features of a translated guest, dom0 flag for dom0 only, and -EINVAL past submap 0', () => {
    privcmd.withBuffers(() => {
      const fi = privcmd.alloc(8);
      expect(privcmd.hypercall(HYPERCALL.xen_version, XENVER.get_features, fi)).toBe(0);
      const submap = privcmd.dom0.memory.readU32(fi + 4);
      expect(submap & (1 << XENFEAT.auto_translated_physmap)).not.toBe(0);
      expect(submap & (1 << XENFEAT.dom0)).not.toBe(0);
      privcmd.dom0.memory.writeU32(fi, 1);
      expect(privcmd.hypercall(HYPERCALL.xen_version, XENVER.get_features, fi)).toBe(-XenErrno.EINVAL);
    });
    expect(privcmd.hypercall(HYPERCALL.xen_version, XENVER.pagesize, 0x1000)).toBe(-XenErrno.EINVAL);
    expect(privcmd.hypercall(HYPERCALL.xen_version, 99, 0)).toBe(-XenErrno.ENOSYS);
  });

  it('denies a domU the command line and build id, as the dummy policy does', () => {
    const domU = createDomU(host);
    domU.maxPages = 1;
    domU.populate(0x80000, 1);
    const v = domU.vcpus[0];
    const buffer = 0x8000_0000;
    expect(hv.dispatch(v, HYPERCALL.xen_version, XENVER.commandline, buffer)).toBe(0);
    expect(decoder.decode(domU.memory.read(buffer, 9))).toBe('<denied>\0');
    expect(hv.dispatch(v, HYPERCALL.xen_version, XENVER.build_id, 0)).toBe(-XenErrno.EPERM);
    expect(hv.dispatch(v, HYPERCALL.xen_version, XENVER.capabilities2, 0)).toBe('xen-3.0-riscv64'.length);
    domU.memory.writeU32(buffer, 0);
    expect(hv.dispatch(v, HYPERCALL.xen_version, XENVER.get_features, buffer)).toBe(0);
    expect(domU.memory.readU32(buffer + 4) & (1 << XENFEAT.dom0)).toBe(0);
  });
});
