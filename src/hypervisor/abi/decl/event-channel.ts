// event_channel_op (hypercall 32, args (cmd, arg)): sub-ops, port states and payloads,
// plus the FIFO ABI's numbers (which a Xen without CONFIG_EVTCHN_FIFO refuses with
// -EOPNOTSUPP, so guests fall back to 2-level).
import { constants } from '../constants.js';
import { struct, union } from '../aggregate.js';

export const EVTCHNOP = constants('EVTCHNOP_', 'event_channel_op sub-ops.', {
  bind_interdomain: 0, bind_virq: 1, bind_pirq: 2, close: 3, send: 4, status: 5, alloc_unbound: 6,
  bind_ipi: 7, bind_vcpu: 8, unmask: 9, reset: 10, init_control: 11, expand_array: 12,
  set_priority: 13,
});

export const EVTCHNSTAT = constants('EVTCHNSTAT_', 'Port states reported by EVTCHNOP_status.', {
  closed: 0, unbound: 1, interdomain: 2, pirq: 3, virq: 4, ipi: 5,
});

export const EVTCHN_FIFO = constants('EVTCHN_FIFO_', 'FIFO event channel ABI: priorities, event word bits, sizes.', {
  PRIORITY_MAX: 0, PRIORITY_DEFAULT: 7, PRIORITY_MIN: 15, MAX_QUEUES: 16,
  PENDING: 31, MASKED: 30, LINKED: 29, BUSY: 28, LINK_BITS: 17, NR_CHANNELS: 131072,
});

export const evtchnAllocUnbound = struct('evtchn_alloc_unbound', [
  ['dom', 'u16'], ['remote_dom', 'u16'], ['port', 'u32'],
], { size: 8, doc: 'IN dom, remote_dom; OUT port.' });

export const evtchnBindInterdomain = struct('evtchn_bind_interdomain', [
  ['remote_dom', 'u16'], ['remote_port', 'u32'], ['local_port', 'u32'],
], { size: 12, doc: 'IN remote_dom, remote_port; OUT local_port.' });

export const evtchnBindVirq = struct('evtchn_bind_virq', [
  ['virq', 'u32'], ['vcpu', 'u32'], ['port', 'u32'],
], { size: 12, doc: 'IN virq, vcpu; OUT port.' });

export const evtchnBindPirq = struct('evtchn_bind_pirq', [
  ['pirq', 'u32'], ['flags', 'u32'], ['port', 'u32'],
], { size: 12, doc: 'IN pirq, flags; OUT port.' });

export const evtchnBindIpi = struct('evtchn_bind_ipi', [['vcpu', 'u32'], ['port', 'u32']], {
  size: 8, doc: 'IN vcpu; OUT port.',
});

export const evtchnClose = struct('evtchn_close', [['port', 'u32']], { size: 4 });
export const evtchnSend = struct('evtchn_send', [['port', 'u32']], { size: 4 });
export const evtchnUnmask = struct('evtchn_unmask', [['port', 'u32']], { size: 4 });
export const evtchnReset = struct('evtchn_reset', [['dom', 'u16']], { size: 2 });

const evtchnStatusUnbound = struct('evtchn_status_unbound', [['dom', 'u16']], { size: 2 });
const evtchnStatusInterdomain = struct('evtchn_status_interdomain', [['dom', 'u16'], ['port', 'u32']], { size: 8 });

export const evtchnStatusUnion = union('evtchn_status_u', [
  ['unbound', evtchnStatusUnbound],
  ['interdomain', evtchnStatusInterdomain],
  ['pirq', 'u32'],
  ['virq', 'u32'],
], {
  size: 8,
  select: {
    by: 'status',
    cases: { [EVTCHNSTAT.unbound]: 'unbound', [EVTCHNSTAT.interdomain]: 'interdomain', [EVTCHNSTAT.pirq]: 'pirq', [EVTCHNSTAT.virq]: 'virq' },
  },
});

export const evtchnStatus = struct('evtchn_status', [
  ['dom', 'u16'],
  ['port', 'u32'],
  ['status', 'u32'],
  ['vcpu', 'u32'],
  ['u', evtchnStatusUnion],
], { size: 24, doc: 'IN dom, port; OUT status (EVTCHNSTAT_*), vcpu and the status-specific u.' });

export const evtchnBindVcpu = struct('evtchn_bind_vcpu', [['port', 'u32'], ['vcpu', 'u32']], { size: 8 });

export const evtchnInitControl = struct('evtchn_init_control', [
  ['control_gfn', 'u64'], ['offset', 'u32'], ['vcpu', 'u32'], ['link_bits', 'u8'], ['_pad', 'u8', 7],
], { size: 24, doc: 'FIFO ABI: register a vCPU control block; OUT link_bits.' });

export const evtchnExpandArray = struct('evtchn_expand_array', [['array_gfn', 'u64']], { size: 8 });

export const evtchnSetPriority = struct('evtchn_set_priority', [['port', 'u32'], ['priority', 'u32']], { size: 8 });

export const evtchnFifoControlBlock = struct('evtchn_fifo_control_block', [
  ['ready', 'u32'], ['_rsvd', 'u32'], ['head', 'u32', 16],
], { size: 72, doc: 'FIFO ABI per-vCPU control block.' });
