// grant_table_op (hypercall 20, args (cmd, uop, count)): grant tables v1 through their Xen
// structures. Batched sub-ops run `count` operations, each with its own GNTST status in
// its structure; the call itself fails only for a bad count, a bad pointer (-EFAULT) or
// an unknown sub-op. What the grants mean lives in src/hypervisor/grants.
import { XenErrno } from '../abi/decl/errno.js';
import {
  GNTCOPY, GNTST, GNTTAB_CACHE, GNTTABOP, gnttabCacheFlush, gnttabCopy, gnttabCopyPtr, gnttabGetStatusFrames, gnttabGetVersion,
  gnttabMapGrantRef, gnttabQuerySize, gnttabSetVersion, gnttabSetupTable, gnttabSwapGrantRef, gnttabUnmapAndReplace,
  gnttabUnmapGrantRef,
} from '../abi/decl/grant-table.js';
import { HYPERCALL } from '../abi/decl/hypercalls.js';
import type { Domain } from '../domain.js';
import { type CopyEnd, grantCopy } from '../grants/grant-copy.js';
import { mapGrant, unmapGrant } from '../grants/grant-mapping.js';
import { swapGrantRefs } from '../grants/swap-refs.js';
import type { Hypervisor } from '../hypervisor.js';
import { GuestFault, type GuestMemory } from '../memory/guest-memory.js';
import { PAGE_SHIFT, PAGE_SIZE } from '../memory/machine-ram.js';
import { MAX_GFN } from '../memory/p2m.js';
import type { Vcpu } from '../vcpu.js';
import { xsmCheck } from '../xsm.js';
import { type HypercallFamily, type SubOp, findSubop, subopTable } from './family.js';

type GrantHandler = (hv: Hypervisor, caller: Vcpu, uop: number, count: number, continuation: number) => number;

/** Xen's GNTTABOP_CMD_MASK: bits above it carry a continuation argument (cache_flush only). */
const CMD_BITS = 12;
const CMD_MASK = (1 << CMD_BITS) - 1;
const INVALID_GFN = 0xffff_ffff_ffff_ffffn;
const U32 = 2 ** 32;

/** A domain named by a DOMID_SELF-or-id field (Xen's rcu_lock_domain_by_any_id). */
function anyDomain(hv: Hypervisor, caller: Vcpu, domid: number): Domain | undefined {
  return hv.resolveDomain(caller.domain, domid);
}

/** Runs `one` for each of `count` structures of `size` bytes at `uop`. */
function batch(count: number, uop: number, size: number, one: (at: number) => void): number {
  for (let i = 0; i < count; i++) one(uop + i * size);
  return 0;
}

const writeStatus = (memory: GuestMemory, at: number, status: number): void => memory.writeU16(at, status & 0xffff);

function mapGrantRef(hv: Hypervisor, caller: Vcpu, uop: number, count: number): number {
  const memory = caller.domain.memory;
  return batch(count, uop, gnttabMapGrantRef.size, (at) => {
    const op = gnttabMapGrantRef.decode(memory.read(at, gnttabMapGrantRef.size));
    // Only a real domain id: a domain does not name itself DOMID_SELF here.
    const result = mapGrant(caller.domain, hv.domain(op.dom), op.host_addr, op.flags, op.ref);
    if (result.status === GNTST.okay) {
      memory.writeU32(at + gnttabMapGrantRef.offsetOf('handle'), result.handle);
      memory.writeU64(at + gnttabMapGrantRef.offsetOf('dev_bus_addr'), result.devBusAddr);
    }
    writeStatus(memory, at + gnttabMapGrantRef.offsetOf('status'), result.status);
  });
}

function unmapGrantRef(_hv: Hypervisor, caller: Vcpu, uop: number, count: number): number {
  const memory = caller.domain.memory;
  return batch(count, uop, gnttabUnmapGrantRef.size, (at) => {
    const op = gnttabUnmapGrantRef.decode(memory.read(at, gnttabUnmapGrantRef.size));
    writeStatus(memory, at + gnttabUnmapGrantRef.offsetOf('status'), unmapGrant(caller.domain, op.handle, op.host_addr, op.dev_bus_addr));
  });
}

function unmapAndReplace(_hv: Hypervisor, caller: Vcpu, uop: number, count: number): number {
  const memory = caller.domain.memory;
  return batch(count, uop, gnttabUnmapAndReplace.size, (at) => {
    const op = gnttabUnmapAndReplace.decode(memory.read(at, gnttabUnmapAndReplace.size));
    const status = unmapGrant(caller.domain, op.handle, op.host_addr, 0n, op.new_addr);
    writeStatus(memory, at + gnttabUnmapAndReplace.offsetOf('status'), status);
  });
}

/** Byte offsets in gnttab_copy of its two ends' fields, and of len, flags and status. */
const COPY = {
  source: gnttabCopy.offsetOf('source'), dest: gnttabCopy.offsetOf('dest'), len: gnttabCopy.offsetOf('len'),
  flags: gnttabCopy.offsetOf('flags'), status: gnttabCopy.offsetOf('status'),
  frame: gnttabCopyPtr.offsetOf('u'), domid: gnttabCopyPtr.offsetOf('domid'), offset: gnttabCopyPtr.offsetOf('offset'),
};

/** A copy end read from `view` at `at`: its 64-bit frame (as a ref, its low half) as a number. */
function copyEnd(view: DataView, at: number, isGref: boolean): CopyEnd {
  const low = view.getUint32(at + COPY.frame, true);
  const high = view.getUint32(at + COPY.frame + 4, true);
  return {
    frame: isGref ? low : high > MAX_GFN / 2 ** 32 ? -1 : high * 2 ** 32 + low,
    domid: view.getUint16(at + COPY.domid, true),
    offset: view.getUint16(at + COPY.offset, true),
  };
}

/** Copies run straight off the guest's structure in RAM: a backend issues them by the thousand. */
function copy(hv: Hypervisor, caller: Vcpu, uop: number, count: number): number {
  const memory = caller.domain.memory;
  const lookup = (domid: number): Domain | undefined => anyDomain(hv, caller, domid);
  return batch(count, uop, gnttabCopy.size, (at) => {
    const inRam = memory.offsetInPage(at, gnttabCopy.size);
    const view = inRam >= 0 ? memory.ram.view : new DataView(memory.read(at, gnttabCopy.size).buffer);
    const base = inRam >= 0 ? inRam : 0;
    const flags = view.getUint16(base + COPY.flags, true);
    const source = copyEnd(view, base + COPY.source, (flags & GNTCOPY.source_gref) !== 0);
    const dest = copyEnd(view, base + COPY.dest, (flags & GNTCOPY.dest_gref) !== 0);
    const status = grantCopy(caller.domain, lookup, source, dest, view.getUint16(base + COPY.len, true), flags);
    writeStatus(memory, at + COPY.status, status);
  });
}

/** setup_table: grows the table to nr_frames and lists where its frames are in the physmap. */
function setupTable(hv: Hypervisor, caller: Vcpu, uop: number, count: number): number {
  if (count !== 1) return -XenErrno.EINVAL;
  const memory = caller.domain.memory;
  const op = gnttabSetupTable.decode(memory.read(uop, gnttabSetupTable.size));
  const target = anyDomain(hv, caller, op.dom);
  let status: number = GNTST.okay;
  if (target === undefined) status = GNTST.bad_domain;
  else if (xsmCheck('target', caller.domain, target) !== 0) status = GNTST.permission_denied;
  else if (op.nr_frames > target.grants.maxFrames || !target.grants.grow(op.nr_frames)) status = GNTST.general_error;
  else {
    for (let i = 0; i < op.nr_frames; i++) {
      const gfn = target.grants.frameGfn(i);
      try {
        memory.writeU64(Number(op.frame_list) + i * 8, gfn < 0 ? INVALID_GFN : BigInt(gfn));
      } catch (error) {
        if (!(error instanceof GuestFault)) throw error;
        status = GNTST.bad_virt_addr;
      }
    }
  }
  writeStatus(memory, uop + gnttabSetupTable.offsetOf('status'), status);
  return 0;
}

function querySize(hv: Hypervisor, caller: Vcpu, uop: number, count: number): number {
  if (count !== 1) return -XenErrno.EINVAL;
  const memory = caller.domain.memory;
  const op = gnttabQuerySize.decode(memory.read(uop, gnttabQuerySize.size));
  const target = anyDomain(hv, caller, op.dom);
  if (target === undefined) op.status = GNTST.bad_domain;
  else if (xsmCheck('target', caller.domain, target) !== 0) op.status = GNTST.permission_denied;
  else Object.assign(op, { nr_frames: target.grants.nrFrames, max_nr_frames: target.grants.maxFrames, status: GNTST.okay });
  memory.write(uop, gnttabQuerySize.encode(op));
  return 0;
}

/** Only v1 exists (GNTTAB_MAX_VERSION 1): asking for v2 is -ENOSYS; the answer is always 1. */
function setVersion(_hv: Hypervisor, caller: Vcpu, uop: number): number {
  const memory = caller.domain.memory;
  const version = memory.readU32(uop + gnttabSetVersion.offsetOf('version'));
  memory.writeU32(uop + gnttabSetVersion.offsetOf('version'), caller.domain.grants.version);
  if (version === 1) return 0;
  return version === 2 ? -XenErrno.ENOSYS : -XenErrno.EINVAL;
}

function getVersion(hv: Hypervisor, caller: Vcpu, uop: number): number {
  const memory = caller.domain.memory;
  const target = anyDomain(hv, caller, memory.readU16(uop + gnttabGetVersion.offsetOf('dom')));
  if (target === undefined) return -XenErrno.ESRCH;
  const denied = xsmCheck('target', caller.domain, target);
  if (denied !== 0) return denied;
  memory.writeU32(uop + gnttabGetVersion.offsetOf('version'), target.grants.version);
  return 0;
}

/** v1 tables have no status frames: asking for any is a general error. */
function getStatusFrames(hv: Hypervisor, caller: Vcpu, uop: number, count: number): number {
  if (count !== 1) return -XenErrno.EINVAL;
  const memory = caller.domain.memory;
  const op = gnttabGetStatusFrames.decode(memory.read(uop, gnttabGetStatusFrames.size));
  const target = anyDomain(hv, caller, op.dom);
  const status = target === undefined ? GNTST.bad_domain
    : xsmCheck('target', caller.domain, target) !== 0 ? GNTST.permission_denied
    : op.nr_frames > 0 ? GNTST.general_error : GNTST.okay;
  writeStatus(memory, uop + gnttabGetStatusFrames.offsetOf('status'), status);
  return 0;
}

function swapGrantRef(_hv: Hypervisor, caller: Vcpu, uop: number, count: number): number {
  const memory = caller.domain.memory;
  return batch(count, uop, gnttabSwapGrantRef.size, (at) => {
    const op = gnttabSwapGrantRef.decode(memory.read(at, gnttabSwapGrantRef.size));
    writeStatus(memory, at + gnttabSwapGrantRef.offsetOf('status'), swapGrantRefs(caller.domain.grants, op.ref_a, op.ref_b));
  });
}

/**
 * cache_flush: the simulated harts have no data cache to clean, so a valid request does
 * nothing, but it is checked as Xen checks it: the frame must be the caller's own or one
 * granted to it and in use.
 */
function cacheFlush(hv: Hypervisor, caller: Vcpu, uop: number, count: number, continuation: number): number {
  const memory = caller.domain.memory;
  for (let i = 0; i < count; i++) {
    const op = gnttabCacheFlush.decode(memory.read(uop + i * gnttabCacheFlush.size, gnttabCacheFlush.size));
    const result = cacheFlushOne(hv, caller.domain, op, continuation);
    if (result < 0) return result;
    continuation = 0;
  }
  return 0;
}

function cacheFlushOne(hv: Hypervisor, caller: Domain, op: ReturnType<typeof gnttabCacheFlush.decode>, continuation: number): number {
  const known = GNTTAB_CACHE.INVAL | GNTTAB_CACHE.CLEAN;
  // GNTTAB_CACHE_SOURCE_GREF is outside the known bits too: Xen refuses it here.
  if (op.offset >= PAGE_SIZE || op.length > PAGE_SIZE || op.offset + op.length > PAGE_SIZE || (op.op & ~known) !== 0) return -XenErrno.EINVAL;
  if (op.length === 0 || op.op === 0) return continuation === 0 ? 0 : -XenErrno.EILSEQ;
  const mfn = Number((op.a.dev_bus_addr ?? 0n) >> BigInt(PAGE_SHIFT));
  const ownerId = hv.frames.ownerOf(mfn);
  if (ownerId === undefined) return -XenErrno.EINVAL;
  const owner = hv.domain(ownerId);
  if (owner === undefined) return -XenErrno.EPERM;
  if (owner !== caller && !owner.grants.active.isPinnedFor(mfn, caller.domid)) return -XenErrno.EINVAL;
  return 0;
}

const slow = { xsm: 'hook', kind: 'mechanistic', path: 'slow' } as const;

const GRANT_SUBOPS: readonly SubOp<GrantHandler>[] = [
  { nr: GNTTABOP.map_grant_ref, name: 'map_grant_ref', ...slow, handler: mapGrantRef },
  { nr: GNTTABOP.unmap_grant_ref, name: 'unmap_grant_ref', ...slow, handler: unmapGrantRef },
  { nr: GNTTABOP.setup_table, name: 'setup_table', ...slow, xsm: 'target', handler: setupTable },
  // Page transfer is a PV-only feature: Xen without CONFIG_PV refuses it.
  { nr: GNTTABOP.transfer, name: 'transfer', ...slow, handler: () => -XenErrno.EOPNOTSUPP },
  { nr: GNTTABOP.copy, name: 'copy', ...slow, handler: copy },
  { nr: GNTTABOP.query_size, name: 'query_size', ...slow, xsm: 'target', kind: 'logical', handler: querySize },
  { nr: GNTTABOP.unmap_and_replace, name: 'unmap_and_replace', ...slow, handler: unmapAndReplace },
  { nr: GNTTABOP.set_version, name: 'set_version', ...slow, handler: setVersion },
  { nr: GNTTABOP.get_status_frames, name: 'get_status_frames', ...slow, xsm: 'target', handler: getStatusFrames },
  { nr: GNTTABOP.get_version, name: 'get_version', ...slow, xsm: 'target', kind: 'logical', handler: getVersion },
  { nr: GNTTABOP.swap_grant_ref, name: 'swap_grant_ref', ...slow, handler: swapGrantRef },
  { nr: GNTTABOP.cache_flush, name: 'cache_flush', ...slow, handler: cacheFlush },
];

const TABLE = subopTable(GRANT_SUBOPS);

export const grantTableOpFamily: HypercallFamily = {
  nr: HYPERCALL.grant_table_op,
  name: 'grant_table_op',
  args: ['cmd', 'uop', 'count'],
  subops: GRANT_SUBOPS,
  handler: (hv, caller, cmdArg, uop, countArg) => {
    // Both are C unsigned ints; a count that is negative as an int is refused.
    const cmd = cmdArg % U32;
    const count = countArg % U32;
    if (count >= 2 ** 31) return -XenErrno.EINVAL;
    const nr = cmd & CMD_MASK;
    const continuation = Math.floor(cmd / 2 ** CMD_BITS);
    if (nr !== GNTTABOP.cache_flush && continuation !== 0) return -XenErrno.EINVAL;
    const op = findSubop(TABLE, nr);
    return op === undefined ? -XenErrno.ENOSYS : op.handler(hv, caller, uop, count, continuation);
  },
};
