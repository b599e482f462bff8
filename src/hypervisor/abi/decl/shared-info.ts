// The pages Xen shares with every guest: shared_info (event bitmaps, wall clock) and the
// per-vCPU vcpu_info with its time record, in the RISC-V (= Arm64) layout, where the arch
// parts are empty and there is no upcall mask.
import { constants } from '../constants.js';
import { struct } from '../aggregate.js';

export const EVTCHN_2L = constants('EVTCHN_2L_', 'The 2-level event channel ABI on a 64-bit build.', {
  /** Bits per word of evtchn_pending / evtchn_mask / evtchn_pending_sel. */
  BITS_PER_WORD: 64,
  /** 64 × 64 ports; port 0 is never valid. */
  NR_CHANNELS: 4096,
});

export const archVcpuInfo = struct('arch_vcpu_info', [], { size: 0, doc: 'Empty on RISC-V.' });
export const archSharedInfo = struct('arch_shared_info', [], { size: 0, doc: 'Empty on RISC-V.' });

export const vcpuTimeInfo = struct('vcpu_time_info', [
  ['version', 'u32'],
  ['pad0', 'u32'],
  ['tsc_timestamp', 'u64'],
  ['system_time', 'u64'],
  ['tsc_to_system_mul', 'u32'],
  ['tsc_shift', 'i8'],
  ['flags', 'u8'],
  ['pad1', 'u8', 2],
], { size: 32, doc: 'system_time (ns) at tsc_timestamp; version is odd while Xen updates the record.' });

export const vcpuInfo = struct('vcpu_info', [
  ['evtchn_upcall_pending', 'u8'],
  ['pad0', 'u8'],
  ['evtchn_pending_sel', 'u64'],
  ['arch', archVcpuInfo],
  ['time', vcpuTimeInfo],
], { size: 48, doc: 'Per-vCPU event state: upcall pending flag and the selector of pending words.' });

export const sharedInfo = struct('shared_info', [
  ['vcpu_info', vcpuInfo, 1],
  ['evtchn_pending', 'u64', 64],
  ['evtchn_mask', 'u64', 64],
  ['wc_version', 'u32'],
  ['wc_sec', 'u32'],
  ['wc_nsec', 'u32'],
  ['wc_sec_hi', 'u32'],
  ['arch', archSharedInfo],
], { size: 1088, doc: 'The shared_info page: 2-level pending/mask bitmaps and the wall clock.' });
