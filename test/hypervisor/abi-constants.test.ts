// Numbers from the spec (Xen 4.18 public headers, the SBI specification, the RISC-V
// guest layout), checked by their C names, i.e. as the guests' headers define them.
import { describe, expect, it } from 'vitest';
import { ABI_FAMILIES } from '../../src/hypervisor/abi/index.js';

const defined = new Map(ABI_FAMILIES.flatMap((f) => f.constants.flatMap((g) => Object.entries(g.values).map(([k, v]) => [g.prefix + k, v] as const))));

const SPEC_VALUES: Readonly<Record<string, number | bigint>> = {
  // 1.2, 1.4 hypercall entry and numbers
  XEN_HYPERCALL_EID: 0x0a000007, __HYPERVISOR_memory_op: 12, __HYPERVISOR_multicall: 13,
  __HYPERVISOR_xen_version: 17, __HYPERVISOR_console_io: 18, __HYPERVISOR_grant_table_op: 20,
  __HYPERVISOR_vcpu_op: 24, __HYPERVISOR_xsm_op: 27, __HYPERVISOR_sched_op: 29,
  __HYPERVISOR_event_channel_op: 32, __HYPERVISOR_physdev_op: 33, __HYPERVISOR_hvm_op: 34,
  __HYPERVISOR_sysctl: 35, __HYPERVISOR_domctl: 36, __HYPERVISOR_dm_op: 41, __HYPERVISOR_arch_7: 55,
  __XEN_LATEST_INTERFACE_VERSION__: 0x00040e00,
  // 1.5 and the SBI specification
  SBI_EXT_BASE: 0x10, SBI_EXT_TIME: 0x54494d45, SBI_EXT_IPI: 0x735049, SBI_EXT_RFENCE: 0x52464e43,
  SBI_EXT_HSM: 0x48534d, SBI_EXT_SRST: 0x53525354, SBI_EXT_DBCN: 0x4442434e, SBI_EXT_LEGACY_SHUTDOWN: 8,
  SBI_ERR_NOT_SUPPORTED: -2, SBI_ERR_INVALID_ADDRESS: -5, SBI_XEN_IMPID: 7, SBI_EXT_BASE_PROBE_EXT: 3,
  SBI_EXT_HSM_HART_GET_STATUS: 2, SBI_EXT_RFENCE_REMOTE_HFENCE_VVMA: 6, SBI_EXT_DBCN_CONSOLE_WRITE_BYTE: 2,
  // 3.2, 3.4, 3.5
  VCPUOP_register_vcpu_info: 10, VCPUOP_register_vcpu_time_phys_area: 15, RUNSTATE_offline: 3,
  EVTCHNOP_alloc_unbound: 6, EVTCHNOP_set_priority: 13, EVTCHNSTAT_ipi: 5, VIRQ_CON_RING: 8, VIRQ_ARCH_7: 23,
  NR_VIRQS: 24, EVTCHN_2L_NR_CHANNELS: 4096, GNTTABOP_copy: 5, GNTTABOP_cache_flush: 12, GTF_sub_page: 0x100,
  GNTMAP_host_map: 2, GNTCOPY_dest_gref: 2, GNTST_no_space: -13, GNTTAB_RESERVED_XENSTORE: 1,
  // 3.6, 3.7, 3.8
  XEN_SYSCTL_INTERFACE_VERSION: 0x15, XEN_DOMCTL_INTERFACE_VERSION: 0x16, XEN_SYSCTL_physinfo: 3,
  XEN_SYSCTL_getdomaininfolist: 6, XEN_SYSCTL_cpupool_op: 18, XEN_SYSCTL_scheduler_op: 19,
  XEN_SYSCTL_PHYSCAP_gnttab_v1: 0x100, XEN_SYSCTL_CPUPOOL_OP_FREEINFO: 7, XEN_SCHEDULER_CREDIT2: 6,
  XEN_SCHEDULER_NULL: 9, XEN_DOMCTL_createdomain: 1, XEN_DOMCTL_getdomaininfo: 5, XEN_DOMCTL_max_vcpus: 15,
  XEN_DOMCTL_getvcpuaffinity: 25, XEN_DOMCTL_cacheflush: 71, XEN_DOMCTL_CDF_vpmu: 0x80, XEN_DOMINF_hap: 0x100,
  XEN_DOMINF_shutdownshift: 16, XEN_DOMINF_shutdownmask: 255, DOMID_SELF: 0x7ff0, DOMID_IDLE: 0x7fff,
  // 3.9 - 3.14
  XENVER_pagesize: 7, XENVER_build_id: 10, XENVER_commandline2: 14, XENFEAT_dom0: 11,
  XENFEAT_runstate_phys_area: 18, CONSOLEIO_read: 1, SCHEDOP_shutdown: 2, SCHEDOP_pin_override: 7,
  SHUTDOWN_soft_reset: 5, XEN_EACCES: 13, XEN_ENOSYS: 38, XEN_EOPNOTSUPP: 95, XEN_ECONNREFUSED: 111,
  XENMEM_add_to_physmap: 7, XENMEM_get_sharing_shared_pages: 19, XENMAPSPACE_grant_table: 1,
  XENMAPIDX_grant_table_status: 0x80000000, HVMOP_get_param: 1, HVM_PARAM_CONSOLE_EVTCHN: 18,
  HVM_PARAM_MONITOR_RING_PFN: 28, FLASK_SID_TO_CONTEXT: 5, XEN_FLASK_INTERFACE_VERSION: 1,
  // 4
  XENSTORE_RING_SIZE: 1024, XENSTORE_PAYLOAD_MAX: 4096, XS_DIRECTORY_PART: 22, XS_INVALID: 0xffff,
  XENSTORE_ERROR_PROTO: 3,
  // 6 and xenrv's choices
  GUEST_RAM0_BASE: 0x80000000, GUEST_RAM0_SIZE: 0x80000000, GUEST_RAM1_BASE: 0x200000000,
  GUEST_RAM1_SIZE: 0xfe00000000, GUEST_GNTTAB_BASE: 0x38000000, GUEST_MAGIC_BASE: 0x39000000,
  NR_MAGIC_PAGES: 4, XENSTORE_PFN_OFFSET: 1, VUART_PFN_OFFSET: 3, XEN_UPCALL_IRQ: 1,
};

describe('constants match the spec', () => {
  it.each(Object.entries(SPEC_VALUES))('%s = %s', (name, value) => {
    expect(defined.get(name)).toBe(value);
  });
});
