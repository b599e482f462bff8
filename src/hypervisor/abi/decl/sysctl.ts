// sysctl (hypercall 35, one argument: a pointer to xen_sysctl). Privileged; a caller with a
// different interface_version gets -EACCES. The version is Xen 4.18's.
import { constants } from '../constants.js';
import { handle, struct, union } from '../aggregate.js';
import { xenctlBitmap } from './xen.js';
import { xenSysctlSchedulerOp } from './scheduler.js';

export const XEN_SYSCTL_INTERFACE_VERSION = 0x15;

export const SYSCTL_VERSION = constants('', 'sysctl interface version (Xen 4.18).', {
  XEN_SYSCTL_INTERFACE_VERSION,
}, { hex: true });

export const XEN_SYSCTL = constants('XEN_SYSCTL_', 'sysctl commands (xen_sysctl.cmd).', {
  readconsole: 1, tbuf_op: 2, physinfo: 3, sched_id: 4, perfc_op: 5, getdomaininfolist: 6,
  debug_keys: 7, getcpuinfo: 8, availheap: 9, cputopoinfo: 16, numainfo: 17, cpupool_op: 18,
  scheduler_op: 19, get_cpu_featureset: 26, get_cpu_policy: 29, dt_overlay: 30,
});

export const XEN_SYSCTL_PHYSCAP = constants('XEN_SYSCTL_PHYSCAP_', 'xen_sysctl_physinfo.capabilities bits.', {
  hvm: 1 << 0, pv: 1 << 1, directio: 1 << 2, hap: 1 << 3, shadow: 1 << 4, iommu_hap_pt_share: 1 << 5,
  vmtrace: 1 << 6, vpmu: 1 << 7, gnttab_v1: 1 << 8, gnttab_v2: 1 << 9,
}, { hex: true });

export const XEN_SYSCTL_CPUPOOL_OP = constants('XEN_SYSCTL_CPUPOOL_OP_', 'cpupool_op operations.', {
  CREATE: 1, DESTROY: 2, INFO: 3, ADDCPU: 4, RMCPU: 5, MOVEDOMAIN: 6, FREEINFO: 7,
});

export const XEN_SYSCTL_CPUPOOL = constants('XEN_SYSCTL_CPUPOOL_', 'cpupool_op wildcard.', {
  PAR_ANY: 0xffffffff,
}, { hex: true });

export const xenSysctlReadconsole = struct('xen_sysctl_readconsole', [
  ['clear', 'u8'], ['incremental', 'u8'], ['pad0', 'u8'], ['pad1', 'u8'], ['index', 'u32'],
  ['buffer', handle('char')], ['count', 'u32'],
], { size: 24, doc: 'Read the hypervisor console ring; count IN = room, OUT = bytes.' });

export const xenSysctlPhysinfo = struct('xen_sysctl_physinfo', [
  ['threads_per_core', 'u32'], ['cores_per_socket', 'u32'], ['nr_cpus', 'u32'], ['max_cpu_id', 'u32'],
  ['nr_nodes', 'u32'], ['max_node_id', 'u32'], ['cpu_khz', 'u32'], ['capabilities', 'u32'],
  ['arch_capabilities', 'u32'], ['pad', 'u32'], ['total_pages', 'u64'], ['free_pages', 'u64'],
  ['scrub_pages', 'u64'], ['outstanding_pages', 'u64'], ['max_mfn', 'u64'], ['hw_cap', 'u32', 8],
], { size: 112, doc: 'Host facts for xl info; capabilities are XEN_SYSCTL_PHYSCAP_*.' });

export const xenSysctlSchedId = struct('xen_sysctl_sched_id', [['sched_id', 'u32']], {
  size: 4, doc: 'OUT: the default cpupool\'s XEN_SCHEDULER_*.',
});

export const xenSysctlGetdomaininfolist = struct('xen_sysctl_getdomaininfolist', [
  ['first_domain', 'u16'], ['max_domains', 'u32'], ['buffer', handle('struct xen_domctl_getdomaininfo')],
  ['num_domains', 'u32'],
], { size: 24, doc: 'Domains with domid >= first_domain, in order, at most max_domains; OUT num_domains.' });

export const xenSysctlDebugKeys = struct('xen_sysctl_debug_keys', [
  ['keys', handle('char')], ['nr_keys', 'u32'],
], { size: 16 });

export const xenSysctlCpuinfo = struct('xen_sysctl_cpuinfo', [['idletime', 'u64']], { size: 8 });

export const xenSysctlGetcpuinfo = struct('xen_sysctl_getcpuinfo', [
  ['max_cpus', 'u32'], ['info', handle('struct xen_sysctl_cpuinfo')], ['nr_cpus', 'u32'],
], { size: 24 });

export const xenSysctlAvailheap = struct('xen_sysctl_availheap', [
  ['min_bitwidth', 'u32'], ['max_bitwidth', 'u32'], ['node', 'i32'], ['avail_bytes', 'u64'],
], { size: 24 });

export const xenSysctlCputopo = struct('xen_sysctl_cputopo', [['core', 'u32'], ['socket', 'u32'], ['node', 'u32']], { size: 12 });

export const xenSysctlCputopoinfo = struct('xen_sysctl_cputopoinfo', [
  ['num_cpus', 'u32'], ['cputopo', handle('struct xen_sysctl_cputopo')],
], { size: 16 });

export const xenSysctlMeminfo = struct('xen_sysctl_meminfo', [['memsize', 'u64'], ['memfree', 'u64']], { size: 16 });

export const xenSysctlNumainfo = struct('xen_sysctl_numainfo', [
  ['num_nodes', 'u32'], ['meminfo', handle('struct xen_sysctl_meminfo')], ['distance', handle('uint32_t')],
], { size: 24 });

export const xenSysctlCpupoolOp = struct('xen_sysctl_cpupool_op', [
  ['op', 'u32'], ['cpupool_id', 'u32'], ['sched_id', 'u32'], ['domid', 'u32'], ['cpu', 'u32'],
  ['n_dom', 'u32'], ['cpumap', xenctlBitmap],
], { size: 40, doc: 'Create/destroy/inspect cpupools; FREEINFO returns the CPUs in no pool.' });

const sysctlUnion = union('xen_sysctl_u', [
  ['readconsole', xenSysctlReadconsole], ['physinfo', xenSysctlPhysinfo], ['sched_id', xenSysctlSchedId],
  ['getdomaininfolist', xenSysctlGetdomaininfolist], ['debug_keys', xenSysctlDebugKeys],
  ['getcpuinfo', xenSysctlGetcpuinfo], ['availheap', xenSysctlAvailheap],
  ['cputopoinfo', xenSysctlCputopoinfo], ['numainfo', xenSysctlNumainfo],
  ['cpupool_op', xenSysctlCpupoolOp], ['scheduler_op', xenSysctlSchedulerOp], ['pad', 'u8', 128],
], {
  size: 128,
  select: {
    by: 'cmd',
    cases: {
      [XEN_SYSCTL.readconsole]: 'readconsole', [XEN_SYSCTL.physinfo]: 'physinfo', [XEN_SYSCTL.sched_id]: 'sched_id',
      [XEN_SYSCTL.getdomaininfolist]: 'getdomaininfolist', [XEN_SYSCTL.debug_keys]: 'debug_keys',
      [XEN_SYSCTL.getcpuinfo]: 'getcpuinfo', [XEN_SYSCTL.availheap]: 'availheap',
      [XEN_SYSCTL.cputopoinfo]: 'cputopoinfo', [XEN_SYSCTL.numainfo]: 'numainfo',
      [XEN_SYSCTL.cpupool_op]: 'cpupool_op', [XEN_SYSCTL.scheduler_op]: 'scheduler_op',
    },
  },
});

export const xenSysctl = struct('xen_sysctl', [
  ['cmd', 'u32'], ['interface_version', 'u32'], ['u', sysctlUnion],
], { size: 136, doc: 'The sysctl argument; u holds the payload of cmd.' });
