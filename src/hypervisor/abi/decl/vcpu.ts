// vcpu_op (hypercall 24, args (cmd, vcpuid, arg)): sub-ops, runstates and their payloads.
import { constants } from '../constants.js';
import { handle, struct } from '../aggregate.js';

export const VCPUOP = constants('VCPUOP_', 'vcpu_op sub-ops.', {
  initialise: 0, up: 1, down: 2, is_up: 3, get_runstate_info: 4, register_runstate_memory_area: 5,
  set_periodic_timer: 6, stop_periodic_timer: 7, set_singleshot_timer: 8, stop_singleshot_timer: 9,
  register_vcpu_info: 10, send_nmi: 11, get_physid: 12, register_vcpu_time_memory_area: 13,
  register_runstate_phys_area: 14, register_vcpu_time_phys_area: 15,
});

export const RUNSTATE = constants('RUNSTATE_', 'vCPU runstates (vcpu_runstate_info.state, index of time[]).', {
  running: 0, runnable: 1, blocked: 2, offline: 3,
});

export const VCPU_FLAGS = constants('', 'vcpu_op flags.', {
  VCPU_SSHOTTMR_future: 1 << 0,
  /** Set in state_entry_time of a mapped runstate area while Xen updates it. */
  XEN_RUNSTATE_UPDATE: 1n << 63n,
}, { hex: true });

export const vcpuRunstateInfo = struct('vcpu_runstate_info', [
  ['state', 'u32'],
  ['state_entry_time', 'u64'],
  ['time', 'u64', 4],
], { size: 48, doc: 'Time in ns spent in each RUNSTATE_*, and when the current state was entered.' });

export const vcpuRegisterRunstateMemoryArea = struct('vcpu_register_runstate_memory_area', [
  ['addr', handle('struct vcpu_runstate_info')],
], { size: 8, doc: 'VCPUOP_register_runstate_memory_area (guest address) and _phys_area (guest-physical).' });

export const vcpuSetPeriodicTimer = struct('vcpu_set_periodic_timer', [['period_ns', 'u64']], {
  size: 8, doc: 'VCPUOP_set_periodic_timer.',
});

export const vcpuSetSingleshotTimer = struct('vcpu_set_singleshot_timer', [
  ['timeout_abs_ns', 'u64'],
  ['flags', 'u32'],
], { size: 16, doc: 'VCPUOP_set_singleshot_timer: absolute system time; VCPU_SSHOTTMR_future asks for -ETIME if past.' });

export const vcpuRegisterVcpuInfo = struct('vcpu_register_vcpu_info', [
  ['mfn', 'u64'],
  ['offset', 'u32'],
  ['rsvd', 'u32'],
], { size: 16, doc: 'VCPUOP_register_vcpu_info: the vcpu_info goes at gfn mfn, byte offset; it must not cross a page and must be 8-aligned.' });

export const vcpuGetPhysid = struct('vcpu_get_physid', [['phys_id', 'u64']], {
  size: 8, doc: 'VCPUOP_get_physid.',
});

export const vcpuRegisterTimeMemoryArea = struct('vcpu_register_time_memory_area', [
  ['addr', handle('struct vcpu_time_info')],
], { size: 8, doc: 'VCPUOP_register_vcpu_time_memory_area and _phys_area.' });
