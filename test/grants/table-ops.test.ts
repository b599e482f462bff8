// setup_table, query_size, set/get_version, get_status_frames, swap_grant_ref, cache_flush,
// the sub-ops RISC-V does not offer, and the call's own argument checks.
import { describe, expect, it } from 'vitest';
import { XenErrno } from '../../src/hypervisor/abi/decl/errno.js';
import {
  GNTST, GNTTAB_CACHE, GNTTABOP, GTF, gnttabCacheFlush, gnttabGetStatusFrames, gnttabGetVersion, gnttabQuerySize,
  gnttabSetVersion, gnttabSetupTable, gnttabSwapGrantRef,
} from '../../src/hypervisor/abi/decl/grant-table.js';
import { HYPERCALL } from '../../src/hypervisor/abi/decl/hypercalls.js';
import { DOMID } from '../../src/hypervisor/abi/decl/xen.js';
import { ARG, GRANT_TABLE_ADDRESS, RAM_GFN, grantPair } from './support/grant-pair.js';

const LIST = ARG + 0x100;
const INVALID_GFN = 0xffff_ffff_ffff_ffffn;

describe('table sub-ops', () => {
  it('query_size: one frame to start, max_grant_frames from createdomain; setup_table grows it', () => {
    const { a, b, call, host } = grantPair();
    const query = (dom: number) => {
      b.memory.write(ARG, gnttabQuerySize.encode({ dom, nr_frames: 0, max_nr_frames: 0, status: 1 }));
      expect(call(b, HYPERCALL.grant_table_op, GNTTABOP.query_size, ARG, 1)).toBe(0);
      return gnttabQuerySize.decode(b.memory.read(ARG, gnttabQuerySize.size));
    };
    expect(query(DOMID.SELF)).toEqual({ dom: DOMID.SELF, nr_frames: 1, max_nr_frames: 64, status: GNTST.okay });
    expect(query(a.domid).status).toBe(GNTST.permission_denied);
    expect(query(999).status).toBe(GNTST.bad_domain);
    expect(call(b, HYPERCALL.grant_table_op, GNTTABOP.query_size, ARG, 2)).toBe(-XenErrno.EINVAL);

    const setup = (dom: number, nrFrames: number) => {
      b.memory.write(ARG, gnttabSetupTable.encode({ dom, nr_frames: nrFrames, status: 1, frame_list: BigInt(LIST) }));
      expect(call(b, HYPERCALL.grant_table_op, GNTTABOP.setup_table, ARG, 1)).toBe(0);
      return gnttabSetupTable.decode(b.memory.read(ARG, gnttabSetupTable.size)).status;
    };
    const free = host.hv.frames.freeFrames;
    expect(setup(DOMID.SELF, 3)).toBe(GNTST.okay);
    expect(host.hv.frames.freeFrames).toBe(free - 2);
    expect(b.memory.readU64(LIST)).toBe(BigInt(GRANT_TABLE_ADDRESS / 4096));
    expect(b.memory.readU64(LIST + 8)).toBe(INVALID_GFN);
    expect(query(DOMID.SELF).nr_frames).toBe(3);
    expect(setup(DOMID.SELF, 65)).toBe(GNTST.general_error);
    expect(setup(a.domid, 1)).toBe(GNTST.permission_denied);
    expect(setup(999, 1)).toBe(GNTST.bad_domain);
    b.memory.write(ARG, gnttabSetupTable.encode({ dom: DOMID.SELF, nr_frames: 1, status: 1, frame_list: 0x1000n }));
    expect(call(b, HYPERCALL.grant_table_op, GNTTABOP.setup_table, ARG, 1)).toBe(0);
    expect(gnttabSetupTable.decode(b.memory.read(ARG, gnttabSetupTable.size)).status).toBe(GNTST.bad_virt_addr);
    // dom0 may look at any domain's table.
    expect(host.xc.privcmd.withBuffers(() => {
      const op = host.xc.privcmd.allocStruct(gnttabQuerySize, { dom: b.domid });
      host.xc.privcmd.hypercall(HYPERCALL.grant_table_op, GNTTABOP.query_size, op, 1);
      return host.xc.privcmd.readStruct(gnttabQuerySize, op).nr_frames;
    })).toBe(3);
  });

  it('set_version: 1 is kept, 2 is -ENOSYS (GNTTAB_MAX_VERSION 1), others -EINVAL; the answer is always 1', () => {
    const { a, b, call } = grantPair();
    const setVersion = (version: number) => {
      b.memory.write(ARG, gnttabSetVersion.encode({ version }));
      const rc = call(b, HYPERCALL.grant_table_op, GNTTABOP.set_version, ARG, 1);
      return [rc, b.memory.readU32(ARG)];
    };
    expect(setVersion(1)).toEqual([0, 1]);
    expect(setVersion(2)).toEqual([-XenErrno.ENOSYS, 1]);
    expect(setVersion(0)).toEqual([-XenErrno.EINVAL, 1]);
    const getVersion = (dom: number) => {
      b.memory.write(ARG, gnttabGetVersion.encode({ dom, pad: 0, version: 0 }));
      const rc = call(b, HYPERCALL.grant_table_op, GNTTABOP.get_version, ARG, 1);
      return [rc, b.memory.readU32(ARG + 4)];
    };
    expect(getVersion(DOMID.SELF)).toEqual([0, 1]);
    expect(getVersion(a.domid)).toEqual([-XenErrno.EPERM, 0]);
    expect(getVersion(999)).toEqual([-XenErrno.ESRCH, 0]);
  });

  it('get_status_frames: a v1 table has none', () => {
    const { b, call } = grantPair();
    const ask = (nrFrames: number) => {
      b.memory.write(ARG, gnttabGetStatusFrames.encode({ nr_frames: nrFrames, dom: DOMID.SELF, status: 1, frame_list: BigInt(LIST) }));
      expect(call(b, HYPERCALL.grant_table_op, GNTTABOP.get_status_frames, ARG, 1)).toBe(0);
      return gnttabGetStatusFrames.decode(b.memory.read(ARG, gnttabGetStatusFrames.size)).status;
    };
    expect(ask(0)).toBe(GNTST.okay);
    expect(ask(1)).toBe(GNTST.general_error);
  });

  it('swap_grant_ref swaps two idle entries; a pinned one is GNTST_eagain', () => {
    const { a, b, call, grant, entry, map } = grantPair();
    grant(8, { gfn: RAM_GFN + 1 });
    grant(9, { gfn: RAM_GFN + 2, flags: GTF.permit_access | GTF.readonly });
    const swap = (refA: number, refB: number) => {
      a.memory.write(ARG, gnttabSwapGrantRef.encode({ ref_a: refA, ref_b: refB, status: 1 }));
      expect(call(a, HYPERCALL.grant_table_op, GNTTABOP.swap_grant_ref, ARG, 1)).toBe(0);
      return gnttabSwapGrantRef.decode(a.memory.read(ARG, gnttabSwapGrantRef.size)).status;
    };
    expect(swap(8, 9)).toBe(GNTST.okay);
    expect(entry(8)).toEqual({ flags: GTF.permit_access | GTF.readonly, domid: b.domid, frame: RAM_GFN + 2 });
    expect(entry(9)).toEqual({ flags: GTF.permit_access, domid: b.domid, frame: RAM_GFN + 1 });
    expect(swap(8, 512)).toBe(GNTST.bad_gntref);
    expect(map(b, a.domid, 9).status).toBe(GNTST.okay);
    expect(swap(8, 9)).toBe(GNTST.eagain);
  });

  it('cache_flush checks the frame is the caller\'s or granted to it in use, and its bounds', () => {
    const { a, b, call, grant, map } = grantPair();
    grant(8, {});
    const flush = (address: bigint, op: number, offset = 0, length = 64) => {
      b.memory.write(ARG, gnttabCacheFlush.encode({ a: { dev_bus_addr: address }, offset, length, op }));
      return call(b, HYPERCALL.grant_table_op, GNTTABOP.cache_flush, ARG, 1);
    };
    const own = BigInt(b.p2m.lookup(RAM_GFN)) * 4096n;
    const granted = BigInt(a.p2m.lookup(RAM_GFN)) * 4096n;
    expect(flush(own, GNTTAB_CACHE.CLEAN)).toBe(0);
    expect(flush(granted, GNTTAB_CACHE.CLEAN)).toBe(-XenErrno.EINVAL);
    expect(map(b, a.domid, 8).status).toBe(GNTST.okay);
    expect(flush(granted, GNTTAB_CACHE.CLEAN | GNTTAB_CACHE.INVAL)).toBe(0);
    expect(flush(own, GNTTAB_CACHE.CLEAN, 4090, 64)).toBe(-XenErrno.EINVAL);
    expect(flush(own, GNTTAB_CACHE.SOURCE_GREF)).toBe(-XenErrno.EINVAL);
    expect(flush(own, 0)).toBe(0);
    expect(flush(0n, GNTTAB_CACHE.CLEAN)).toBe(-XenErrno.EINVAL);
  });

  it('transfer is refused (no PV), dump_table does not exist, and the call checks count and cmd', () => {
    const { b, call } = grantPair();
    expect(call(b, HYPERCALL.grant_table_op, GNTTABOP.transfer, ARG, 1)).toBe(-XenErrno.EOPNOTSUPP);
    expect(call(b, HYPERCALL.grant_table_op, GNTTABOP.dump_table, ARG, 1)).toBe(-XenErrno.ENOSYS);
    expect(call(b, HYPERCALL.grant_table_op, 13, ARG, 1)).toBe(-XenErrno.ENOSYS);
    expect(call(b, HYPERCALL.grant_table_op, GNTTABOP.copy, ARG, 0x8000_0000)).toBe(-XenErrno.EINVAL);
    expect(call(b, HYPERCALL.grant_table_op, GNTTABOP.copy | (1 << 12), ARG, 1)).toBe(-XenErrno.EINVAL);
    expect(call(b, HYPERCALL.grant_table_op, GNTTABOP.copy, 0x10, 1)).toBe(-XenErrno.EFAULT);
    expect(call(b, HYPERCALL.grant_table_op, GNTTABOP.copy, 0x10, 0)).toBe(0);
  });
});
