// Two domUs on a small host for grant tests through the dispatcher: A grants, B maps and
// copies. Each has 16 pages of RAM from 0x80000000, its grant frame 0 at the grant region
// (as a guest maps it), and its hypercall arguments in its own memory.
import { GTF, GNTTABOP, gnttabCopy, gnttabMapGrantRef, gnttabUnmapGrantRef, grantEntryV1 } from '../../../src/hypervisor/abi/decl/grant-table.js';
import { GUEST_LAYOUT } from '../../../src/hypervisor/abi/decl/guest-layout.js';
import { HYPERCALL } from '../../../src/hypervisor/abi/decl/hypercalls.js';
import { XENMAPSPACE, XENMEM, xenAddToPhysmap } from '../../../src/hypervisor/abi/decl/memory.js';
import { DOMID } from '../../../src/hypervisor/abi/decl/xen.js';
import type { Domain } from '../../../src/hypervisor/domain.js';
import { type TestHost, createDomU, testHost } from '../../hypervisor/test-host.js';

export const RAM = 0x8000_0000;
export const RAM_GFN = RAM / 4096;
export const PAGES = 16;
/** Where the tests put hypercall arguments: the last RAM page. */
export const ARG = RAM + (PAGES - 1) * 4096;
/** A hole in the physmap next to RAM (its p2m table already exists), where B maps grants. */
export const MAP_GFN = RAM_GFN + 0x100;
export const GRANT_TABLE_ADDRESS = GUEST_LAYOUT.GNTTAB_BASE;

export interface GrantPair {
  host: TestHost;
  a: Domain;
  b: Domain;
  call(domain: Domain, nr: number, ...args: number[]): number;
  /** A writes entry `ref` of its table as a guest does: domid and frame, then the flags. */
  grant(ref: number, entry: { flags?: number; domid?: number; gfn?: number }): void;
  /** A's entry as A reads it. */
  entry(ref: number): { flags: number; domid: number; frame: number };
  map(mapper: Domain, granter: number, ref: number, options?: { flags?: number; gfn?: number }): { status: number; handle: number; devBusAddr: bigint };
  unmap(mapper: Domain, handle: number, options?: { hostAddr?: bigint; devBusAddr?: bigint }): number;
  copy(caller: Domain, op: Parameters<typeof gnttabCopy.encode>[0]): number;
}

export function startDomU(host: TestHost): Domain {
  const domU = createDomU(host, 1);
  domU.maxPages = 64;
  domU.populate(RAM_GFN, PAGES);
  domU.vcpus[0].initialised = true;
  domU.vcpus[0].up();
  domU.unpauseByController();
  return domU;
}

export function grantPair(host: TestHost = testHost()): GrantPair {
  const a = startDomU(host);
  const b = startDomU(host);
  const call = (domain: Domain, nr: number, ...args: number[]) => host.hv.dispatch(domain.vcpus[0], nr, ...args);
  for (const domain of [a, b]) {
    domain.memory.write(ARG, xenAddToPhysmap.encode({ domid: DOMID.SELF, size: 0, space: XENMAPSPACE.grant_table, idx: 0n, gpfn: BigInt(GRANT_TABLE_ADDRESS / 4096) }));
    if (call(domain, HYPERCALL.memory_op, XENMEM.add_to_physmap, ARG) !== 0) throw new Error('cannot map the grant table');
  }
  return {
    host, a, b, call,
    grant(ref, { flags = GTF.permit_access, domid = b.domid, gfn = RAM_GFN }) {
      const at = GRANT_TABLE_ADDRESS + ref * grantEntryV1.size;
      a.memory.writeU16(at + 2, domid);
      a.memory.writeU32(at + 4, gfn);
      a.memory.writeU16(at, flags);
    },
    entry(ref) {
      return grantEntryV1.decode(a.memory.read(GRANT_TABLE_ADDRESS + ref * grantEntryV1.size, grantEntryV1.size));
    },
    map(mapper, granter, ref, { flags = 2, gfn = MAP_GFN } = {}) {
      mapper.memory.write(ARG, gnttabMapGrantRef.encode({ host_addr: BigInt(gfn) * 4096n, flags, ref, dom: granter, status: 0, handle: 0xdead, dev_bus_addr: 0n }));
      const rc = call(mapper, HYPERCALL.grant_table_op, GNTTABOP.map_grant_ref, ARG, 1);
      if (rc !== 0) throw new Error(`map_grant_ref returned ${rc}`);
      const out = gnttabMapGrantRef.decode(mapper.memory.read(ARG, gnttabMapGrantRef.size));
      return { status: out.status, handle: out.handle, devBusAddr: out.dev_bus_addr };
    },
    unmap(mapper, handle, { hostAddr = BigInt(MAP_GFN) * 4096n, devBusAddr = 0n } = {}) {
      mapper.memory.write(ARG, gnttabUnmapGrantRef.encode({ host_addr: hostAddr, dev_bus_addr: devBusAddr, handle, status: 0 }));
      const rc = call(mapper, HYPERCALL.grant_table_op, GNTTABOP.unmap_grant_ref, ARG, 1);
      if (rc !== 0) throw new Error(`unmap_grant_ref returned ${rc}`);
      return gnttabUnmapGrantRef.decode(mapper.memory.read(ARG, gnttabUnmapGrantRef.size)).status;
    },
    copy(caller, op) {
      caller.memory.write(ARG, gnttabCopy.encode(op));
      const rc = call(caller, HYPERCALL.grant_table_op, GNTTABOP.copy, ARG, 1);
      if (rc !== 0) throw new Error(`copy returned ${rc}`);
      return gnttabCopy.decode(caller.memory.read(ARG, gnttabCopy.size)).status;
    },
  };
}
