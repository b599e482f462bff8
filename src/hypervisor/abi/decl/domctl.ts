// domctl (hypercall 36, one argument: a pointer to xen_domctl). Privileged; a caller with
// a different interface_version gets -EACCES. Layouts are Xen 4.18's on RISC-V, whose
// empty arch config makes createdomain 56 bytes and getdomaininfo 104.
import { constants } from '../constants.js';
import { handle, struct, union } from '../aggregate.js';
import { xenctlBitmap } from './xen.js';
import { xenArchDomainconfig } from './arch-riscv.js';
import { xenDomctlSchedulerOp } from './scheduler.js';

export const XEN_DOMCTL_INTERFACE_VERSION = 0x16;

export const DOMCTL_VERSION = constants('', 'domctl interface version (Xen 4.18).', {
  XEN_DOMCTL_INTERFACE_VERSION,
}, { hex: true });

export const XEN_DOMCTL = constants('XEN_DOMCTL_', 'domctl commands (xen_domctl.cmd).', {
  createdomain: 1, destroydomain: 2, pausedomain: 3, unpausedomain: 4, getdomaininfo: 5,
  setvcpuaffinity: 9, max_mem: 11, setvcpucontext: 12, getvcpucontext: 13, getvcpuinfo: 14,
  max_vcpus: 15, scheduler_op: 16, setdomainhandle: 17, settimeoffset: 24, getvcpuaffinity: 25,
  set_virq_handler: 66, cacheflush: 71,
});

export const XEN_DOMCTL_CDF = constants('XEN_DOMCTL_CDF_', 'xen_domctl_createdomain.flags.', {
  hvm: 1 << 0, hap: 1 << 1, s3_integrity: 1 << 2, oos_off: 1 << 3, xs_domain: 1 << 4, iommu: 1 << 5,
  nested_virt: 1 << 6, vpmu: 1 << 7,
}, { hex: true });

export const XEN_DOMCTL_GRANT = constants('XEN_DOMCTL_GRANT_', 'xen_domctl_createdomain.grant_opts.', {
  version_mask: 0xf,
}, { hex: true });

export const XEN_DOMINF = constants('XEN_DOMINF_', 'xen_domctl_getdomaininfo.flags; the shutdown code sits in bits 16..23.', {
  dying: 1 << 0, hvm_guest: 1 << 1, shutdown: 1 << 2, paused: 1 << 3, blocked: 1 << 4, running: 1 << 5,
  debugged: 1 << 6, xs_domain: 1 << 7, hap: 1 << 8, shutdownmask: 255, shutdownshift: 16,
}, { hex: true });

export const XEN_VCPUAFFINITY = constants('XEN_VCPUAFFINITY_', 'xen_domctl_vcpuaffinity.flags.', {
  HARD: 1 << 0, SOFT: 1 << 1, FORCE: 1 << 2,
}, { hex: true });

export const xenDomctlCreatedomain = struct('xen_domctl_createdomain', [
  ['ssidref', 'u32'], ['handle', 'u8', 16], ['flags', 'u32'], ['iommu_opts', 'u32'], ['max_vcpus', 'u32'],
  ['max_evtchn_port', 'u32'], ['max_grant_frames', 'i32'], ['max_maptrack_frames', 'i32'],
  ['grant_opts', 'u32'], ['vmtrace_size', 'u32'], ['cpupool_id', 'u32'], ['arch', xenArchDomainconfig],
], { size: 56, doc: 'IN; xen_domctl.domain is IN/OUT (0 or >= DOMID_FIRST_RESERVED allocates one).' });

export const xenDomctlGetdomaininfo = struct('xen_domctl_getdomaininfo', [
  ['domain', 'u16'], ['pad1', 'u16'], ['flags', 'u32'], ['tot_pages', 'u64'], ['max_pages', 'u64'],
  ['outstanding_pages', 'u64'], ['shr_pages', 'u64'], ['paged_pages', 'u64'], ['shared_info_frame', 'u64'],
  ['cpu_time', 'u64'], ['nr_online_vcpus', 'u32'], ['max_vcpu_id', 'u32'], ['ssidref', 'u32'],
  ['handle', 'u8', 16], ['cpupool', 'u32'], ['gpaddr_bits', 'u8'], ['pad2', 'u8', 7],
  ['arch_config', xenArchDomainconfig],
], { size: 104, doc: 'OUT: one domain\'s state; also the element of sysctl getdomaininfolist.' });

export const xenDomctlMaxVcpus = struct('xen_domctl_max_vcpus', [['max', 'u32']], { size: 4 });
export const xenDomctlMaxMem = struct('xen_domctl_max_mem', [['max_memkb', 'u64']], { size: 8 });

export const xenDomctlVcpuaffinity = struct('xen_domctl_vcpuaffinity', [
  ['vcpu', 'u32'], ['flags', 'u32'], ['cpumap_hard', xenctlBitmap], ['cpumap_soft', xenctlBitmap],
], { size: 40, doc: 'set/getvcpuaffinity; flags XEN_VCPUAFFINITY_* say which maps apply.' });

export const xenDomctlGetvcpuinfo = struct('xen_domctl_getvcpuinfo', [
  ['vcpu', 'u32'], ['online', 'u8'], ['blocked', 'u8'], ['running', 'u8'], ['cpu_time', 'u64'], ['cpu', 'u32'],
], { size: 24, doc: 'IN vcpu; OUT state, cpu_time (ns), current pCPU.' });

export const xenDomctlVcpucontext = struct('xen_domctl_vcpucontext', [
  ['vcpu', 'u32'], ['ctxt', handle('struct vcpu_guest_context')],
], { size: 16, doc: 'set/getvcpucontext: the context is a vcpu_guest_context in the caller\'s memory.' });

export const xenDomctlSetdomainhandle = struct('xen_domctl_setdomainhandle', [['handle', 'u8', 16]], { size: 16 });

export const xenDomctlSettimeoffset = struct('xen_domctl_settimeoffset', [['time_offset_seconds', 'i64']], { size: 8 });

export const xenDomctlSetVirqHandler = struct('xen_domctl_set_virq_handler', [['virq', 'u32']], { size: 4 });

export const xenDomctlCacheflush = struct('xen_domctl_cacheflush', [['start_pfn', 'u64'], ['nr_pfns', 'u64']], { size: 16 });

const domctlUnion = union('xen_domctl_u', [
  ['createdomain', xenDomctlCreatedomain], ['getdomaininfo', xenDomctlGetdomaininfo],
  ['vcpuaffinity', xenDomctlVcpuaffinity], ['max_mem', xenDomctlMaxMem], ['vcpucontext', xenDomctlVcpucontext],
  ['getvcpuinfo', xenDomctlGetvcpuinfo], ['max_vcpus', xenDomctlMaxVcpus], ['scheduler_op', xenDomctlSchedulerOp],
  ['setdomainhandle', xenDomctlSetdomainhandle], ['settimeoffset', xenDomctlSettimeoffset],
  ['set_virq_handler', xenDomctlSetVirqHandler], ['cacheflush', xenDomctlCacheflush], ['pad', 'u8', 128],
], {
  size: 128,
  select: {
    by: 'cmd',
    cases: {
      [XEN_DOMCTL.createdomain]: 'createdomain', [XEN_DOMCTL.getdomaininfo]: 'getdomaininfo',
      [XEN_DOMCTL.setvcpuaffinity]: 'vcpuaffinity', [XEN_DOMCTL.getvcpuaffinity]: 'vcpuaffinity',
      [XEN_DOMCTL.max_mem]: 'max_mem', [XEN_DOMCTL.setvcpucontext]: 'vcpucontext',
      [XEN_DOMCTL.getvcpucontext]: 'vcpucontext', [XEN_DOMCTL.getvcpuinfo]: 'getvcpuinfo',
      [XEN_DOMCTL.max_vcpus]: 'max_vcpus', [XEN_DOMCTL.scheduler_op]: 'scheduler_op',
      [XEN_DOMCTL.setdomainhandle]: 'setdomainhandle', [XEN_DOMCTL.settimeoffset]: 'settimeoffset',
      [XEN_DOMCTL.set_virq_handler]: 'set_virq_handler', [XEN_DOMCTL.cacheflush]: 'cacheflush',
    },
  },
});

export const xenDomctl = struct('xen_domctl', [
  ['cmd', 'u32'], ['interface_version', 'u32'], ['domain', 'u16'], ['_pad', 'u16', 3], ['u', domctlUnion],
], { size: 144, doc: 'The domctl argument; u holds the payload of cmd (none for destroy/pause/unpause).' });
