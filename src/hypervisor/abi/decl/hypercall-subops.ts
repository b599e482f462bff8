// Which constant group numbers the sub-ops (the `cmd` argument or field) of each hypercall.
import type { HYPERCALL } from './hypercalls.js';
import { CONSOLEIO } from './console.js';
import { XEN_DOMCTL } from './domctl.js';
import { EVTCHNOP } from './event-channel.js';
import { GNTTABOP } from './grant-table.js';
import { HVMOP } from './hvm.js';
import { XENMEM } from './memory.js';
import { SCHEDOP } from './sched-op.js';
import { XEN_SYSCTL } from './sysctl.js';
import { VCPUOP } from './vcpu.js';
import { XENVER } from './version.js';
import { FLASK } from './xsm.js';

export const HYPERCALL_SUBOPS: Readonly<Partial<Record<keyof typeof HYPERCALL, Readonly<Record<string, number>>>>> = {
  memory_op: XENMEM, xen_version: XENVER, console_io: CONSOLEIO, grant_table_op: GNTTABOP, vcpu_op: VCPUOP,
  xsm_op: FLASK, sched_op: SCHEDOP, event_channel_op: EVTCHNOP, hvm_op: HVMOP, sysctl: XEN_SYSCTL,
  domctl: XEN_DOMCTL,
};
