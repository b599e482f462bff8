// Scheduler ids and the per-domain and per-pool parameter blocks carried by
// domctl scheduler_op and sysctl scheduler_op.
import { constants } from '../constants.js';
import { handle, struct, union } from '../aggregate.js';

export const XEN_SCHEDULER = constants('XEN_SCHEDULER_', 'Scheduler ids (sysctl sched_id, cpupool and scheduler_op).', {
  CREDIT: 5, CREDIT2: 6, ARINC653: 7, RTDS: 8, NULL: 9,
});

/** The names xl and libxl use for each scheduler id. */
export const SCHEDULER_NAME: Readonly<Record<number, string>> = {
  [XEN_SCHEDULER.CREDIT]: 'credit', [XEN_SCHEDULER.CREDIT2]: 'credit2', [XEN_SCHEDULER.ARINC653]: 'arinc653',
  [XEN_SCHEDULER.RTDS]: 'rtds', [XEN_SCHEDULER.NULL]: 'null',
};

export const XEN_DOMCTL_SCHEDOP = constants('XEN_DOMCTL_SCHEDOP_', 'domctl scheduler_op commands.', {
  putinfo: 0, getinfo: 1, putvcpuinfo: 2, getvcpuinfo: 3,
});

export const XEN_SYSCTL_SCHEDOP = constants('XEN_SYSCTL_SCHEDOP_', 'sysctl scheduler_op commands.', {
  putinfo: 0, getinfo: 1,
});

export const SCHED_LIMITS = constants('XEN_', 'Scheduler parameter limits.', {
  SYSCTL_SCHED_RATELIMIT_MAX: 500000, SYSCTL_SCHED_RATELIMIT_MIN: 100,
  SYSCTL_CSCHED_TSLICE_MAX: 1000, SYSCTL_CSCHED_TSLICE_MIN: 1, SYSCTL_CSCHED_MGR_DLY_MAX_US: 100000,
  DOMCTL_SCHEDRT_extra: 1,
});

export const xenDomctlSchedCredit = struct('xen_domctl_sched_credit', [['weight', 'u16'], ['cap', 'u16']], { size: 4 });
export const xenDomctlSchedCredit2 = struct('xen_domctl_sched_credit2', [['weight', 'u16'], ['cap', 'u16']], { size: 4 });
export const xenDomctlSchedRtds = struct('xen_domctl_sched_rtds', [
  ['period', 'u32'], ['budget', 'u32'], ['flags', 'u32'],
], { size: 12, doc: 'period and budget in µs; flags XEN_DOMCTL_SCHEDRT_extra.' });

const schedparamUnion = union('xen_domctl_schedparam_u', [
  ['credit', xenDomctlSchedCredit], ['credit2', xenDomctlSchedCredit2], ['rtds', xenDomctlSchedRtds],
], { size: 12 });

export const xenDomctlSchedparamVcpu = struct('xen_domctl_schedparam_vcpu', [
  ['u', schedparamUnion], ['vcpuid', 'u32'],
], { size: 16, doc: 'One vCPU\'s parameters for put/getvcpuinfo.' });

const schedulerOpVcpus = struct('xen_domctl_scheduler_op_vcpus', [
  ['vcpus', handle('struct xen_domctl_schedparam_vcpu')], ['nr_vcpus', 'u32'], ['padding', 'u32'],
], { size: 16 });

const domctlSchedulerOpUnion = union('xen_domctl_scheduler_op_u', [
  ['credit', xenDomctlSchedCredit], ['credit2', xenDomctlSchedCredit2], ['rtds', xenDomctlSchedRtds],
  ['v', schedulerOpVcpus],
], {
  size: 16,
  select: {
    by: 'sched_id',
    cases: { [XEN_SCHEDULER.CREDIT]: 'credit', [XEN_SCHEDULER.CREDIT2]: 'credit2', [XEN_SCHEDULER.RTDS]: 'rtds' },
  },
});

export const xenDomctlSchedulerOp = struct('xen_domctl_scheduler_op', [
  ['sched_id', 'u32'], ['cmd', 'u32'], ['u', domctlSchedulerOpUnion],
], { size: 24, doc: 'Per-domain scheduler parameters; u is chosen by sched_id (v for the per-vCPU commands). The null scheduler has none.' });

export const xenSysctlCreditSchedule = struct('xen_sysctl_credit_schedule', [
  ['tslice_ms', 'u32'], ['ratelimit_us', 'u32'], ['vcpu_migr_delay_us', 'u32'],
], { size: 12 });

export const xenSysctlCredit2Schedule = struct('xen_sysctl_credit2_schedule', [['ratelimit_us', 'u32']], { size: 4 });

export const xenSysctlSchedArinc653 = struct('xen_sysctl_sched_arinc653', [
  ['schedule', handle('struct xen_sysctl_arinc653_schedule')],
], { size: 8 });

const sysctlSchedulerOpUnion = union('xen_sysctl_scheduler_op_u', [
  ['sched_arinc653', xenSysctlSchedArinc653], ['sched_credit', xenSysctlCreditSchedule],
  ['sched_credit2', xenSysctlCredit2Schedule],
], {
  size: 16,
  select: {
    by: 'sched_id',
    cases: { [XEN_SCHEDULER.ARINC653]: 'sched_arinc653', [XEN_SCHEDULER.CREDIT]: 'sched_credit', [XEN_SCHEDULER.CREDIT2]: 'sched_credit2' },
  },
});

export const xenSysctlSchedulerOp = struct('xen_sysctl_scheduler_op', [
  ['cpupool_id', 'u32'], ['sched_id', 'u32'], ['cmd', 'u32'], ['u', sysctlSchedulerOpUnion],
], { size: 32, doc: 'Per-cpupool scheduler parameters, chosen by sched_id.' });
