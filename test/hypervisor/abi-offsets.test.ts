// Every size and offset the Xen ABI spec lists (sections 3 and 4, Xen 4.18 on RISC-V),
// checked against the declarations. The table is the spec's, copied by hand: a change in a
// declaration that moves a field fails here.
import { describe, expect, it } from 'vitest';
import { aggregateNamed, locate } from '../../src/hypervisor/abi/index.js';

type Expected = readonly [structName: string, size: number, offsets: Readonly<Record<string, number>>];

const SPEC_LAYOUTS: readonly Expected[] = [
  // 3.1
  ['multicall_entry', 64, { op: 0, result: 8, args: 16 }],
  // 3.2
  ['vcpu_runstate_info', 48, { state: 0, state_entry_time: 8, time: 16 }],
  ['vcpu_set_singleshot_timer', 16, { timeout_abs_ns: 0, flags: 8 }],
  ['vcpu_set_periodic_timer', 8, { period_ns: 0 }],
  ['vcpu_register_vcpu_info', 16, { mfn: 0, offset: 8, rsvd: 12 }],
  // 3.3
  ['vcpu_time_info', 32, {
    version: 0, pad0: 4, tsc_timestamp: 8, system_time: 16, tsc_to_system_mul: 24, tsc_shift: 28, flags: 29, pad1: 30,
  }],
  ['vcpu_info', 48, { evtchn_upcall_pending: 0, pad0: 1, evtchn_pending_sel: 8, arch: 16, time: 16 }],
  ['shared_info', 1088, {
    vcpu_info: 0, evtchn_pending: 48, evtchn_mask: 560, wc_version: 1072, wc_sec: 1076, wc_nsec: 1080,
    wc_sec_hi: 1084, arch: 1088,
  }],
  // 3.4
  ['evtchn_alloc_unbound', 8, { dom: 0, remote_dom: 2, port: 4 }],
  ['evtchn_bind_interdomain', 12, { remote_dom: 0, remote_port: 4, local_port: 8 }],
  ['evtchn_bind_virq', 12, { virq: 0, vcpu: 4, port: 8 }],
  ['evtchn_bind_ipi', 8, { vcpu: 0, port: 4 }],
  ['evtchn_close', 4, { port: 0 }],
  ['evtchn_send', 4, { port: 0 }],
  ['evtchn_unmask', 4, { port: 0 }],
  ['evtchn_reset', 2, { dom: 0 }],
  ['evtchn_status', 24, {
    dom: 0, port: 4, status: 8, vcpu: 12, u: 16, 'u.unbound.dom': 16, 'u.interdomain.dom': 16,
    'u.interdomain.port': 20, 'u.pirq': 16, 'u.virq': 16,
  }],
  ['evtchn_bind_vcpu', 8, { port: 0, vcpu: 4 }],
  ['evtchn_init_control', 24, { control_gfn: 0, offset: 8, vcpu: 12, link_bits: 16, _pad: 17 }],
  ['evtchn_expand_array', 8, { array_gfn: 0 }],
  ['evtchn_set_priority', 8, { port: 0, priority: 4 }],
  ['evtchn_fifo_control_block', 72, { ready: 0, _rsvd: 4, head: 8 }],
  // 3.5
  ['grant_entry_v1', 8, { flags: 0, domid: 2, frame: 4 }],
  ['gnttab_map_grant_ref', 32, { host_addr: 0, flags: 8, ref: 12, dom: 16, status: 18, handle: 20, dev_bus_addr: 24 }],
  ['gnttab_unmap_grant_ref', 24, { host_addr: 0, dev_bus_addr: 8, handle: 16, status: 20 }],
  ['gnttab_setup_table', 24, { dom: 0, nr_frames: 4, status: 8, frame_list: 16 }],
  ['gnttab_copy', 40, {
    'source.u': 0, 'source.domid': 8, 'source.offset': 10, 'dest.u': 16, 'dest.domid': 24, 'dest.offset': 26,
    len: 32, flags: 34, status: 36,
  }],
  ['gnttab_query_size', 16, { dom: 0, nr_frames: 4, max_nr_frames: 8, status: 12 }],
  ['gnttab_set_version', 4, { version: 0 }],
  ['gnttab_get_version', 8, { dom: 0, pad: 2, version: 4 }],
  ['gnttab_transfer', 24, {}],
  ['gnttab_dump_table', 4, {}],
  // 3.6
  ['xen_sysctl', 136, { cmd: 0, interface_version: 4, u: 8 }],
  ['xen_sysctl_physinfo', 112, {
    threads_per_core: 0, cores_per_socket: 4, nr_cpus: 8, max_cpu_id: 12, nr_nodes: 16, max_node_id: 20,
    cpu_khz: 24, capabilities: 28, arch_capabilities: 32, pad: 36, total_pages: 40, free_pages: 48,
    scrub_pages: 56, outstanding_pages: 64, max_mfn: 72, hw_cap: 80,
  }],
  ['xen_sysctl_getdomaininfolist', 24, { first_domain: 0, max_domains: 4, buffer: 8, num_domains: 16 }],
  ['xen_sysctl_sched_id', 4, { sched_id: 0 }],
  ['xen_sysctl_cpupool_op', 40, {
    op: 0, cpupool_id: 4, sched_id: 8, domid: 12, cpu: 16, n_dom: 20, 'cpumap.bitmap': 24, 'cpumap.nr_bits': 32,
  }],
  ['xen_sysctl_readconsole', 24, { clear: 0, incremental: 1, index: 4, buffer: 8, count: 16 }],
  // 3.7
  ['xen_domctl', 144, { cmd: 0, interface_version: 4, domain: 8, _pad: 10, u: 16 }],
  ['xen_domctl_getdomaininfo', 104, {
    domain: 0, pad1: 2, flags: 4, tot_pages: 8, max_pages: 16, outstanding_pages: 24, shr_pages: 32,
    paged_pages: 40, shared_info_frame: 48, cpu_time: 56, nr_online_vcpus: 64, max_vcpu_id: 68, ssidref: 72,
    handle: 76, cpupool: 92, gpaddr_bits: 96, pad2: 97, arch_config: 104,
  }],
  ['xen_domctl_createdomain', 56, {
    ssidref: 0, handle: 4, flags: 20, iommu_opts: 24, max_vcpus: 28, max_evtchn_port: 32, max_grant_frames: 36,
    max_maptrack_frames: 40, grant_opts: 44, vmtrace_size: 48, cpupool_id: 52, arch: 56,
  }],
  ['xen_domctl_max_vcpus', 4, { max: 0 }],
  ['xen_domctl_max_mem', 8, { max_memkb: 0 }],
  // 3.9
  ['xen_compile_info', 144, { compiler: 0, compile_by: 64, compile_domain: 80, compile_date: 112 }],
  ['xen_feature_info', 8, { submap_idx: 0, submap: 4 }],
  ['xen_platform_parameters', 8, { virt_start: 0 }],
  ['xen_varbuf', 4, { len: 0, buf: 4 }],
  // 3.11
  ['sched_shutdown', 4, { reason: 0 }],
  ['sched_poll', 24, { ports: 0, nr_ports: 8, timeout: 16 }],
  ['sched_remote_shutdown', 8, { domain_id: 0, reason: 4 }],
  // 3.13
  ['xen_add_to_physmap', 24, { domid: 0, size: 2, space: 4, idx: 8, gpfn: 16 }],
  ['xen_memory_reservation', 32, { extent_start: 0, nr_extents: 8, extent_order: 16, mem_flags: 20, domid: 24 }],
  ['xen_hvm_param', 16, { domid: 0, pad: 2, index: 4, value: 8 }],
  // 3.14
  ['xen_flask_op', 24, {
    cmd: 0, interface_version: 4, u: 8, 'u.sid_context.sid': 8, 'u.sid_context.size': 12, 'u.sid_context.context': 16,
  }],
  // 4.2
  ['xenstore_domain_interface', 2076, {
    req: 0, rsp: 1024, req_cons: 2048, req_prod: 2052, rsp_cons: 2056, rsp_prod: 2060, server_features: 2064,
    connection: 2068, error: 2072,
  }],
  ['xsd_sockmsg', 16, { type: 0, req_id: 4, tx_id: 8, len: 12 }],
  // 4.3
  ['xencons_interface', 3088, { in: 0, out: 1024, in_cons: 3072, in_prod: 3076, out_cons: 3080, out_prod: 3084 }],
];

describe('ABI layouts match the spec (Xen 4.18, RISC-V LP64)', () => {
  it.each(SPEC_LAYOUTS)('%s is %i bytes with the spec offsets', (name, size, offsets) => {
    const aggregate = aggregateNamed(name);
    expect(aggregate.size).toBe(size);
    const actual = Object.fromEntries(Object.keys(offsets).map((path) => [path, locate(aggregate, path).offset]));
    expect(actual).toEqual(offsets);
  });
});
