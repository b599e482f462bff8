// memory_op (hypercall 12, args (cmd, arg)): reservations and the physmap of a translated
// guest (how RISC-V and Arm guests place shared_info and grant frames in their address space).
import { constants } from '../constants.js';
import { handle, struct, union } from '../aggregate.js';

export const XENMEM = constants('XENMEM_', 'memory_op sub-ops.', {
  increase_reservation: 0, decrease_reservation: 1, maximum_ram_page: 2, current_reservation: 3,
  maximum_reservation: 4, populate_physmap: 6, add_to_physmap: 7, exchange: 11, maximum_gpfn: 14,
  remove_from_physmap: 15, get_sharing_freed_pages: 18, get_sharing_shared_pages: 19,
  add_to_physmap_batch: 23,
});

export const XENMAPSPACE = constants('XENMAPSPACE_', 'xen_add_to_physmap.space.', {
  shared_info: 0, grant_table: 1, gmfn: 2, gmfn_range: 3, gmfn_foreign: 4, dev_mmio: 5,
});

export const XENMAPIDX = constants('XENMAPIDX_', 'Special idx values of XENMAPSPACE_grant_table.', {
  /** idx at or above this maps status frames (v2 only). */
  grant_table_status: 0x80000000,
}, { hex: true });

export const XENMEMF = constants('XENMEMF_', 'xen_memory_reservation.mem_flags bits.', {
  populate_on_demand: 1 << 16, exact_node_request: 1 << 17, vnode: 1 << 18,
}, { hex: true });

export const xenMemoryReservation = struct('xen_memory_reservation', [
  ['extent_start', handle('xen_pfn_t')],
  ['nr_extents', 'u64'],
  ['extent_order', 'u32'],
  ['mem_flags', 'u32'],
  ['domid', 'u16'],
], { size: 32, doc: 'increase/decrease_reservation and populate_physmap: nr_extents extents of 2^extent_order pages.' });

export const xenAddToPhysmap = struct('xen_add_to_physmap', [
  ['domid', 'u16'], ['size', 'u16'], ['space', 'u32'], ['idx', 'u64'], ['gpfn', 'u64'],
], { size: 24, doc: 'Map frame idx of space at gpfn (size is for XENMAPSPACE_gmfn_range).' });

export const xenRemoveFromPhysmap = struct('xen_remove_from_physmap', [['domid', 'u16'], ['gpfn', 'u64']], {
  size: 16,
});

const addToPhysmapBatchExtra = union('xen_add_to_physmap_batch_extra', [
  ['foreign_domid', 'u16'], ['res0', 'u16'],
], { size: 2 });

export const xenAddToPhysmapBatch = struct('xen_add_to_physmap_batch', [
  ['domid', 'u16'], ['space', 'u16'], ['size', 'u16'], ['u', addToPhysmapBatchExtra],
  ['idxs', handle('xen_ulong_t')], ['gpfns', handle('xen_pfn_t')], ['errs', handle('int')],
], { size: 32, doc: 'size mappings at once; per-entry errors go to errs.' });
