// hvm_op (hypercall 34, args (op, arg)): the parameters through which a guest finds its
// xenstore and console pages and event channels.
import { constants } from '../constants.js';
import { struct } from '../aggregate.js';

export const HVMOP = constants('HVMOP_', 'hvm_op sub-ops used on RISC-V and Arm.', {
  set_param: 0, get_param: 1,
});

export const HVM_PARAM = constants('HVM_PARAM_', 'HVM parameter indexes (xen_hvm_param.index).', {
  CALLBACK_IRQ: 0, STORE_PFN: 1, STORE_EVTCHN: 2, CONSOLE_PFN: 17, CONSOLE_EVTCHN: 18,
  PAGING_RING_PFN: 27, MONITOR_RING_PFN: 28, SHARING_RING_PFN: 29,
});

export const HVM_NR_PARAMS = constants('', 'Number of HVM parameters.', { HVM_NR_PARAMS: 39 });

export const xenHvmParam = struct('xen_hvm_param', [
  ['domid', 'u16'], ['pad', 'u16'], ['index', 'u32'], ['value', 'u64'],
], { size: 16, doc: 'HVMOP_set_param / HVMOP_get_param (value OUT for get).' });
