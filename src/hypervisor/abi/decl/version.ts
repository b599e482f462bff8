// xen_version (hypercall 17, args (cmd, arg)): sub-ops, the buffers they fill and the
// feature bits of XENVER_get_features.
import { constants } from '../constants.js';
import { struct } from '../aggregate.js';

export const XENVER = constants('XENVER_', 'xen_version sub-ops. 0, 7 and 10-14 return a value; the *2 forms (11-14) are 4.20+.', {
  version: 0, extraversion: 1, compile_info: 2, capabilities: 3, changeset: 4, platform_parameters: 5,
  get_features: 6, pagesize: 7, guest_handle: 8, commandline: 9, build_id: 10,
  extraversion2: 11, capabilities2: 12, changeset2: 13, commandline2: 14,
});

export const XEN_VERSION_LEN = constants('XEN_', 'Sizes of the fixed xen_version buffers.', {
  EXTRAVERSION_LEN: 16, CAPABILITIES_INFO_LEN: 1024, CHANGESET_INFO_LEN: 64, COMMANDLINE_LEN: 1024,
});

export const XENFEAT = constants('XENFEAT_', 'Feature bits of XENVER_get_features submap 0.', {
  writable_page_tables: 0, auto_translated_physmap: 2, hvm_callback_vector: 8, hvm_safe_pvclock: 9,
  dom0: 11, memory_op_vnode_supported: 13, ARM_SMCCC_supported: 14, not_direct_mapped: 16,
  direct_mapped: 17, runstate_phys_area: 18, vcpu_time_phys_area: 19,
  NR_SUBMAPS: 1,
});

export const xenExtraversion = struct('xen_extraversion', [['extraversion', 'char', 16]], {
  size: 16, doc: 'XENVER_extraversion: NUL-padded string (xen_extraversion_t).',
});

export const xenCompileInfo = struct('xen_compile_info', [
  ['compiler', 'char', 64],
  ['compile_by', 'char', 16],
  ['compile_domain', 'char', 32],
  ['compile_date', 'char', 32],
], { size: 144, doc: 'XENVER_compile_info.' });

export const xenCapabilitiesInfo = struct('xen_capabilities_info', [['info', 'char', 1024]], {
  size: 1024, doc: 'XENVER_capabilities: space-separated list, "xen-3.0-riscv64" on RISC-V.',
});

export const xenChangesetInfo = struct('xen_changeset_info', [['info', 'char', 64]], {
  size: 64, doc: 'XENVER_changeset.',
});

export const xenCommandline = struct('xen_commandline', [['line', 'char', 1024]], {
  size: 1024, doc: 'XENVER_commandline.',
});

export const xenPlatformParameters = struct('xen_platform_parameters', [['virt_start', 'u64']], {
  size: 8, doc: 'XENVER_platform_parameters: 0 for a translated guest.',
});

export const xenFeatureInfo = struct('xen_feature_info', [
  ['submap_idx', 'u32'],
  ['submap', 'u32'],
], { size: 8, doc: 'XENVER_get_features: submap_idx IN (only 0 is valid), submap OUT.' });

export const xenGuestHandle = struct('xen_guest_handle_info', [['handle', 'u8', 16]], {
  size: 16, doc: 'XENVER_guest_handle: the domain UUID (xen_domain_handle_t).',
});

export const xenVarbuf = struct('xen_varbuf', [
  ['len', 'u32'],
  ['buf', 'u8', 'flex'],
], { size: 4, doc: 'XENVER_build_id and the *2 sub-ops: len IN = room in buf; the string has no NUL. Call with a NULL arg to learn the size.' });
