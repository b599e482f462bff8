import { describe, expect, it } from 'vitest';
import { XenErrno } from '../../src/hypervisor/abi/decl/errno.js';
import { XEN_SCHEDULER } from '../../src/hypervisor/abi/decl/scheduler.js';
import { XEN_SYSCTL, XEN_SYSCTL_PHYSCAP } from '../../src/hypervisor/abi/decl/sysctl.js';
import { HypercallFailed } from '../../src/toolstack/privcmd.js';
import { DOM0_BYTES, createDomU, testHost } from './test-host.js';

describe('sysctl through dom0 privcmd', () => {
  it('physinfo describes the host: CPUs, timebase, capabilities, pages', () => {
    const { xc, hv } = testHost({ nrCpus: 3, timebaseHz: 25_000_000 });
    const pi = xc.physinfo();
    expect(pi.nr_cpus).toBe(3);
    expect(pi.max_cpu_id).toBe(2);
    expect(pi.cpu_khz).toBe(25_000);
    expect(pi.capabilities).toBe(XEN_SYSCTL_PHYSCAP.hvm | XEN_SYSCTL_PHYSCAP.hap | XEN_SYSCTL_PHYSCAP.gnttab_v1);
    expect(pi.total_pages).toBe(BigInt(64 * 256));
    expect(pi.free_pages).toBe(BigInt(hv.frames.freeFrames));
    expect(Number(pi.total_pages - pi.free_pages)).toBeGreaterThanOrEqual(DOM0_BYTES / 4096);
  });

  it('sched_id and cpupool info name the boot scheduler and its CPUs', () => {
    const { xc } = testHost({ scheduler: 'null', nrCpus: 2 });
    expect(xc.schedId()).toBe(XEN_SCHEDULER.NULL);
    expect(xc.cpupoolInfo(0)).toEqual({ id: 0, schedulerId: XEN_SCHEDULER.NULL, domains: 1, cpus: [0, 1] });
    expect(xc.cpupoolFreeCpus()).toEqual([]);
    expect(() => xc.cpupoolInfo(1)).toThrow(HypercallFailed);
  });

  it('getdomaininfolist returns domains from first_domain on, at most max_domains', () => {
    const host = testHost();
    createDomU(host);
    createDomU(host);
    expect(host.xc.domainGetinfolist(0, 1024).map((i) => i.domain)).toEqual([0, 1, 2]);
    expect(host.xc.domainGetinfolist(1, 1).map((i) => i.domain)).toEqual([1]);
    expect(host.xc.domainGetinfolist(3, 10)).toEqual([]);
  });

  it('readconsole returns the console ring, incrementally when asked', () => {
    const { xc, hv, privcmd } = testHost();
    hv.console.log('first line');
    const read = (incremental: number, index: number) =>
      privcmd.withBuffers(() => {
        const buffer = privcmd.alloc(4096);
        const u = xc.sysctl(XEN_SYSCTL.readconsole, {
          readconsole: { clear: 0, incremental, pad0: 0, pad1: 0, index, buffer: BigInt(buffer), count: 4096 },
        });
        const answer = u.readconsole;
        if (answer === undefined) throw new Error('no answer');
        return { text: new TextDecoder().decode(privcmd.read(buffer, answer.count)), index: answer.index };
      });
    const all = read(0, 0);
    expect(all.text).toBe('(XEN) first line\n');
    hv.console.log('second line');
    expect(read(1, all.index).text).toBe('(XEN) second line\n');
  });

  it('rejects another interface version with -EACCES and unknown commands with -ENOSYS', () => {
    const { xc } = testHost();
    expect(() => xc.sysctl(XEN_SYSCTL.physinfo, {}, 0x14)).toThrow(expect.objectContaining({ errno: XenErrno.EACCES }));
    expect(() => xc.sysctl(XEN_SYSCTL.debug_keys, {})).toThrow(expect.objectContaining({ errno: XenErrno.ENOSYS }));
  });
});
