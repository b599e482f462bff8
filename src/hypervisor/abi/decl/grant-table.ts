// grant_table_op (hypercall 20, args (cmd, uop, count)) and the v1 grant entries a guest
// keeps in its own frames. Arm and RISC-V offer only v1 (GNTTAB_MAX_VERSION 1).
import { constants } from '../constants.js';
import { handle, struct, union } from '../aggregate.js';

export const GNTTABOP = constants('GNTTABOP_', 'grant_table_op sub-ops.', {
  map_grant_ref: 0, unmap_grant_ref: 1, setup_table: 2, dump_table: 3, transfer: 4, copy: 5,
  query_size: 6, unmap_and_replace: 7, set_version: 8, get_status_frames: 9, get_version: 10,
  swap_grant_ref: 11, cache_flush: 12,
});

export const GTF = constants('GTF_', 'grant_entry_v1.flags.', {
  type_mask: 3, invalid: 0, permit_access: 1, accept_transfer: 2, transitive: 3,
  readonly: 1 << 2, reading: 1 << 3, writing: 1 << 4, PWT: 1 << 5, PCD: 1 << 6, PAT: 1 << 7,
  sub_page: 1 << 8, transfer_committed: 1 << 2, transfer_completed: 1 << 3,
}, { hex: true });

export const GNTMAP = constants('GNTMAP_', 'gnttab_map_grant_ref.flags.', {
  device_map: 1 << 0, host_map: 1 << 1, readonly: 1 << 2, application_map: 1 << 3, contains_pte: 1 << 4,
}, { hex: true });

export const GNTCOPY = constants('GNTCOPY_', 'gnttab_copy.flags: which side is a grant reference.', {
  source_gref: 1 << 0, dest_gref: 1 << 1,
}, { hex: true });

export const GNTST = constants('GNTST_', 'Per-operation grant status codes (the status fields).', {
  okay: 0, general_error: -1, bad_domain: -2, bad_gntref: -3, bad_handle: -4, bad_virt_addr: -5,
  bad_dev_addr: -6, no_device_space: -7, permission_denied: -8, bad_page: -9, bad_copy_arg: -10,
  address_too_big: -11, eagain: -12, no_space: -13,
});

export const GNTTAB = constants('GNTTAB_', 'Grant table sizes and reserved references.', {
  NR_RESERVED_ENTRIES: 8, RESERVED_CONSOLE: 0, RESERVED_XENSTORE: 1, MAX_VERSION: 1,
  /** v1 entries per 4 KiB frame. */
  ENTRIES_PER_FRAME: 512,
  /** Xen's defaults for max_grant_frames and max_maptrack_frames. */
  DEFAULT_MAX_FRAMES: 64, DEFAULT_MAX_MAPTRACK_FRAMES: 1024,
});

export const grantEntryV1 = struct('grant_entry_v1', [
  ['flags', 'u16'], ['domid', 'u16'], ['frame', 'u32'],
], { size: 8, doc: 'A v1 grant entry: GTF_* flags, the domain granted, the granted gfn.' });

export const gnttabMapGrantRef = struct('gnttab_map_grant_ref', [
  ['host_addr', 'u64'], ['flags', 'u32'], ['ref', 'u32'], ['dom', 'u16'],
  ['status', 'i16'], ['handle', 'u32'], ['dev_bus_addr', 'u64'],
], { size: 32, doc: 'IN host_addr, flags, ref, dom; OUT status, handle, dev_bus_addr.' });

export const gnttabUnmapGrantRef = struct('gnttab_unmap_grant_ref', [
  ['host_addr', 'u64'], ['dev_bus_addr', 'u64'], ['handle', 'u32'], ['status', 'i16'],
], { size: 24, doc: 'IN host_addr, dev_bus_addr, handle; OUT status.' });

export const gnttabSetupTable = struct('gnttab_setup_table', [
  ['dom', 'u16'], ['nr_frames', 'u32'], ['status', 'i16'], ['frame_list', handle('xen_pfn_t')],
], { size: 24, doc: 'IN dom, nr_frames, frame_list; OUT status and the frames.' });

export const gnttabDumpTable = struct('gnttab_dump_table', [['dom', 'u16'], ['status', 'i16']], { size: 4 });

export const gnttabTransfer = struct('gnttab_transfer', [
  ['mfn', 'u64'], ['domid', 'u16'], ['ref', 'u32'], ['status', 'i16'],
], { size: 24 });

/** A copy endpoint's frame: a grant reference, or a gfn of the caller (GNTCOPY_*_gref). */
const gnttabCopyPtrUnion = union('gnttab_copy_ptr_u', [['ref', 'u32'], ['gmfn', 'u64']], { size: 8 });

export const gnttabCopyPtr = struct('gnttab_copy_ptr', [
  ['u', gnttabCopyPtrUnion], ['domid', 'u16'], ['offset', 'u16'],
], { size: 16 });

export const gnttabCopy = struct('gnttab_copy', [
  ['source', gnttabCopyPtr], ['dest', gnttabCopyPtr], ['len', 'u16'], ['flags', 'u16'], ['status', 'i16'],
], { size: 40, doc: 'Copy len bytes between frames; OUT status.' });

export const gnttabQuerySize = struct('gnttab_query_size', [
  ['dom', 'u16'], ['nr_frames', 'u32'], ['max_nr_frames', 'u32'], ['status', 'i16'],
], { size: 16, doc: 'IN dom; OUT nr_frames, max_nr_frames, status.' });

export const gnttabSetVersion = struct('gnttab_set_version', [['version', 'u32']], { size: 4 });

export const gnttabGetVersion = struct('gnttab_get_version', [
  ['dom', 'u16'], ['pad', 'u16'], ['version', 'u32'],
], { size: 8 });

export const gnttabUnmapAndReplace = struct('gnttab_unmap_and_replace', [
  ['host_addr', 'u64'], ['new_addr', 'u64'], ['handle', 'u32'], ['status', 'i16'],
], { size: 24, doc: 'IN host_addr, new_addr, handle; OUT status. Arm refuses a non-zero new_addr.' });

export const gnttabGetStatusFrames = struct('gnttab_get_status_frames', [
  ['nr_frames', 'u32'], ['dom', 'u16'], ['status', 'i16'], ['frame_list', handle('uint64_t')],
], { size: 16, doc: 'v2 status frames; a v1 table has none.' });

export const gnttabSwapGrantRef = struct('gnttab_swap_grant_ref', [
  ['ref_a', 'u32'], ['ref_b', 'u32'], ['status', 'i16'],
], { size: 12, doc: 'Swaps two of the caller\'s own entries that are not in use.' });

/** The frame a cache_flush names: a machine address, or a grant reference (GNTTAB_CACHE_SOURCE_GREF). */
const gnttabCacheFlushA = union('gnttab_cache_flush_a', [['dev_bus_addr', 'u64'], ['ref', 'u32']], { size: 8 });

export const gnttabCacheFlush = struct('gnttab_cache_flush', [
  ['a', gnttabCacheFlushA], ['offset', 'u16'], ['length', 'u16'], ['op', 'u32'],
], { size: 16, doc: 'Cleans and/or invalidates the data cache over part of a granted frame.' });

export const GNTTAB_CACHE = constants('GNTTAB_CACHE_', 'gnttab_cache_flush.op bits.', {
  CLEAN: 1 << 0, INVAL: 1 << 1, SOURCE_GREF: 2 ** 31,
}, { hex: true });
