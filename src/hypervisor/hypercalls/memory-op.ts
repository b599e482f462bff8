// memory_op (hypercall 12, args (cmd, arg)): a domain's reservation and physmap.
// Operations on another domain need privilege (XSM_TARGET).
import { XenErrno } from '../abi/decl/errno.js';
import { HYPERCALL } from '../abi/decl/hypercalls.js';
import { XENMAPIDX, XENMAPSPACE, XENMEM, xenAddToPhysmap, xenMemoryReservation, xenRemoveFromPhysmap } from '../abi/decl/memory.js';
import type { Domain } from '../domain.js';
import { releaseMappingAt, vacate } from '../grants/grant-mapping.js';
import type { Hypervisor } from '../hypervisor.js';
import { MAX_GFN } from '../memory/p2m.js';
import type { Vcpu } from '../vcpu.js';
import { xsmCheck } from '../xsm.js';
import { type HypercallFamily, type SubOp, findSubop, subopTable } from './family.js';

type MemoryHandler = (hv: Hypervisor, caller: Vcpu, arg: number) => number;

/** Largest extent order a domU may ask for (2 MiB); privileged callers may go further. */
const DOMU_MAX_ORDER = 9;
const CTL_MAX_ORDER = 18;

/** The domain a request names (DOMID_SELF or an id), checked against XSM_TARGET. */
function targetDomain(hv: Hypervisor, caller: Vcpu, domid: number): Domain | number {
  const target = hv.resolveDomain(caller.domain, domid);
  if (target === undefined) return -XenErrno.ESRCH;
  const denied = xsmCheck('target', caller.domain, target);
  return denied !== 0 ? denied : target;
}

/** increase/decrease_reservation and populate_physmap: returns the extents done. */
function reservation(kind: 'increase' | 'decrease' | 'populate'): MemoryHandler {
  return (hv, caller, arg) => {
    const r = xenMemoryReservation.read(new DataView(caller.domain.memory.read(arg, xenMemoryReservation.size).buffer), 0);
    const target = targetDomain(hv, caller, r.domid);
    if (typeof target === 'number') return target;
    const maxOrder = caller.domain.privileged ? CTL_MAX_ORDER : DOMU_MAX_ORDER;
    if (r.extent_order > maxOrder) return 0;
    const pages = 2 ** r.extent_order;
    const extents = Number(r.nr_extents > 0xffffffffn ? 0xffffffffn : r.nr_extents);
    const list = Number(r.extent_start);
    for (let i = 0; i < extents; i++) {
      if (kind === 'increase') {
        if (target.reserveUnmapped(pages) < pages) return i;
        continue;
      }
      const gfn = Number(caller.domain.memory.readU64(list + i * 8));
      if (gfn % pages !== 0 || gfn + pages - 1 > MAX_GFN) return i;
      if (kind === 'populate') {
        if (target.totPages + pages > target.maxPages || target.populate(gfn, pages) < pages) return i;
      } else {
        for (let page = 0; page < pages; page++) if (!target.releasePage(gfn + page)) return i;
      }
    }
    return extents;
  };
}

/** current/maximum_reservation, maximum_gpfn: the argument points at a domid_t. */
function domainCount(count: (d: Domain) => number): MemoryHandler {
  return (hv, caller, arg) => {
    const target = targetDomain(hv, caller, caller.domain.memory.readU16(arg));
    return typeof target === 'number' ? target : count(target);
  };
}

function addToPhysmap(hv: Hypervisor, caller: Vcpu, arg: number): number {
  const xatp = xenAddToPhysmap.decode(caller.domain.memory.read(arg, xenAddToPhysmap.size));
  if (xatp.space === XENMAPSPACE.gmfn_foreign) return -XenErrno.EINVAL;
  const target = targetDomain(hv, caller, xatp.domid);
  if (typeof target === 'number') return target;
  const gfn = Number(xatp.gpfn);
  if (!(gfn <= MAX_GFN)) return -XenErrno.EINVAL;
  let mfn: number | undefined;
  let grantFrame = -1;
  switch (xatp.space) {
    case XENMAPSPACE.shared_info:
      if (xatp.idx !== 0n) return -XenErrno.EINVAL;
      mfn = target.sharedInfoMfn;
      break;
    case XENMAPSPACE.grant_table: {
      // Status frames exist only with grant tables v2, which RISC-V does not offer.
      if (xatp.idx >= BigInt(XENMAPIDX.grant_table_status)) return -XenErrno.EINVAL;
      grantFrame = Number(xatp.idx);
      if (grantFrame >= target.grants.maxFrames || !target.grants.grow(grantFrame + 1)) return -XenErrno.EINVAL;
      // As on Arm: a frame already in the physmap must be removed before it moves.
      if (target.grants.frameGfn(grantFrame) >= 0) return -XenErrno.EBUSY;
      mfn = target.grantFrame(grantFrame);
      if (mfn === undefined) return -XenErrno.EINVAL;
      break;
    }
    default:
      return -XenErrno.ENOSYS;
  }
  releaseMappingAt(target, gfn);
  const replacedFrame = target.grants.frameIndexAt(gfn);
  if (!target.mapXenFrame(gfn, mfn)) return -XenErrno.ENOMEM;
  if (replacedFrame >= 0) target.grants.setFrameGfn(replacedFrame, -1);
  if (xatp.space === XENMAPSPACE.shared_info) target.sharedInfoGfn = gfn;
  else target.grants.setFrameGfn(grantFrame, gfn);
  return 0;
}

/** Takes whatever is at gpfn out of the domain's physmap (a page of its own stays its own). */
function removeFromPhysmap(hv: Hypervisor, caller: Vcpu, arg: number): number {
  const xrfp = xenRemoveFromPhysmap.decode(caller.domain.memory.read(arg, xenRemoveFromPhysmap.size));
  const target = targetDomain(hv, caller, xrfp.domid);
  if (typeof target === 'number') return target;
  const gfn = Number(xrfp.gpfn);
  if (!(gfn <= MAX_GFN) || target.p2m.lookup(gfn) < 0) return -XenErrno.ENOENT;
  vacate(target, gfn);
  return 0;
}

const slow = { xsm: 'target', kind: 'mechanistic', path: 'slow' } as const;

const MEMORY_SUBOPS: readonly SubOp<MemoryHandler>[] = [
  { nr: XENMEM.increase_reservation, name: 'increase_reservation', ...slow, handler: reservation('increase') },
  { nr: XENMEM.decrease_reservation, name: 'decrease_reservation', ...slow, handler: reservation('decrease') },
  { nr: XENMEM.current_reservation, name: 'current_reservation', ...slow, kind: 'logical', handler: domainCount((d) => d.totPages) },
  { nr: XENMEM.maximum_reservation, name: 'maximum_reservation', ...slow, kind: 'logical', handler: domainCount((d) => d.maxPages) },
  { nr: XENMEM.populate_physmap, name: 'populate_physmap', ...slow, handler: reservation('populate') },
  { nr: XENMEM.add_to_physmap, name: 'add_to_physmap', ...slow, handler: addToPhysmap },
  { nr: XENMEM.remove_from_physmap, name: 'remove_from_physmap', ...slow, handler: removeFromPhysmap },
  { nr: XENMEM.maximum_gpfn, name: 'maximum_gpfn', ...slow, handler: domainCount((d) => Math.max(0, d.maxMappedGfn())) },
  // Arm's arch_memory_op: no memory sharing, so no pages freed or shared by it.
  { nr: XENMEM.get_sharing_freed_pages, name: 'get_sharing_freed_pages', xsm: 'hook', kind: 'logical', path: 'fast', handler: () => 0 },
  { nr: XENMEM.get_sharing_shared_pages, name: 'get_sharing_shared_pages', xsm: 'hook', kind: 'logical', path: 'fast', handler: () => 0 },
];

const TABLE = subopTable(MEMORY_SUBOPS);

export const memoryOpFamily: HypercallFamily = {
  nr: HYPERCALL.memory_op,
  name: 'memory_op',
  args: ['cmd', 'arg'],
  subops: MEMORY_SUBOPS,
  handler: (hv, caller, cmd, arg) => {
    const op = findSubop(TABLE, cmd);
    return op === undefined ? -XenErrno.ENOSYS : op.handler(hv, caller, arg);
  },
};
