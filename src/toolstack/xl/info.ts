// `xl info [FIELD]`: every field of xl_info.c's output, in order, each from the
// hypercall xl uses for it. A label is padded to 23 columns, then ": ".
import { SCHEDULER_NAME } from '../../hypervisor/abi/decl/scheduler.js';
import { XEN_SYSCTL_PHYSCAP } from '../../hypervisor/abi/decl/sysctl.js';
import { XEN_VERSION_LEN, XENVER } from '../../hypervisor/abi/decl/version.js';
import type { Host } from '../host.js';
import { HypercallFailed } from '../privcmd.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

/** Field → value; the value is printed after "label: " (virt_caps brings its own spaces). */
type Field = readonly [name: string, value: string];

const VIRT_CAPS: readonly [number, string][] = [
  [XEN_SYSCTL_PHYSCAP.pv, 'pv'], [XEN_SYSCTL_PHYSCAP.hvm, 'hvm'], [XEN_SYSCTL_PHYSCAP.directio, 'hvm_directio'],
  [XEN_SYSCTL_PHYSCAP.directio, 'pv_directio'], [XEN_SYSCTL_PHYSCAP.hap, 'hap'], [XEN_SYSCTL_PHYSCAP.shadow, 'shadow'],
  [XEN_SYSCTL_PHYSCAP.iommu_hap_pt_share, 'iommu_hap_pt_share'], [XEN_SYSCTL_PHYSCAP.vmtrace, 'vmtrace'],
  [XEN_SYSCTL_PHYSCAP.vpmu, 'vpmu'], [XEN_SYSCTL_PHYSCAP.gnttab_v1, 'gnttab-v1'], [XEN_SYSCTL_PHYSCAP.gnttab_v2, 'gnttab-v2'],
];

/** hvm_directio needs hvm, pv_directio needs pv, as libxl computes them. */
function virtCaps(capabilities: number): string {
  return VIRT_CAPS.filter(([bit, name]) => {
    if ((capabilities & bit) === 0) return false;
    if (name === 'hvm_directio') return (capabilities & XEN_SYSCTL_PHYSCAP.hvm) !== 0;
    if (name === 'pv_directio') return (capabilities & XEN_SYSCTL_PHYSCAP.pv) !== 0;
    return true;
  })
    .map(([, name]) => ` ${name}`)
    .join('');
}

/** A value glibc prints for a NULL string, as xl shows a string it failed to fetch. */
function orNull(fetch: () => string): string {
  try {
    return fetch();
  } catch (error) {
    if (error instanceof HypercallFailed) return '(null)';
    throw error;
  }
}

/** memory_op counts where -ENOSYS means "no sharing": 0. */
function pagesOrZero(fetch: () => number): number {
  try {
    return fetch();
  } catch (error) {
    if (error instanceof HypercallFailed) return 0;
    throw error;
  }
}

export function infoFields(host: Host): Field[] {
  const { xc, uname } = host;
  const pi = xc.physinfo();
  const pagesPerMiB = (1024 * 1024) / xc.pagesize();
  const mib = (pages: bigint | number) => String(Math.floor(Number(pages) / pagesPerMiB));
  const { major, minor } = xc.version();
  const extra = orNull(() => xc.versionString(XENVER.extraversion, XEN_VERSION_LEN.EXTRAVERSION_LEN));
  const compile = xc.compileInfo();
  const buildId = orNull(() => [...xc.versionVarbuf(XENVER.build_id)].map((b) => b.toString(16).padStart(2, '0')).join(''));
  return [
    ['host', uname.nodename],
    ['release', uname.release],
    ['version', uname.version],
    ['machine', uname.machine],
    ['nr_cpus', String(pi.nr_cpus)],
    ['max_cpu_id', String(pi.max_cpu_id)],
    ['nr_nodes', String(pi.nr_nodes)],
    ['cores_per_socket', String(pi.cores_per_socket)],
    ['threads_per_core', String(pi.threads_per_core)],
    ['cpu_mhz', `${Math.floor(pi.cpu_khz / 1000)}.${String(pi.cpu_khz % 1000).padStart(3, '0')}`],
    ['hw_caps', pi.hw_cap.map((word) => word.toString(16).padStart(8, '0')).join(':')],
    ['virt_caps', virtCaps(pi.capabilities)],
    ['total_memory', mib(pi.total_pages)],
    ['free_memory', mib(pi.free_pages - pi.outstanding_pages)],
    ['sharing_freed_memory', mib(pagesOrZero(() => xc.sharingFreedPages()))],
    ['sharing_used_memory', mib(pagesOrZero(() => xc.sharingSharedPages()))],
    ['outstanding_claims', mib(pi.outstanding_pages)],
    ['free_cpus', String(xc.cpupoolFreeCpus().length)],
    ['xen_major', String(major)],
    ['xen_minor', String(minor)],
    ['xen_extra', extra],
    ['xen_version', `${major}.${minor}${extra}`],
    ['xen_caps', orNull(() => xc.versionString(XENVER.capabilities, XEN_VERSION_LEN.CAPABILITIES_INFO_LEN))],
    ['xen_scheduler', SCHEDULER_NAME[xc.schedId()] ?? '(null)'],
    ['xen_pagesize', String(xc.pagesize())],
    ['platform_params', `virt_start=0x${xc.platformVirtStart().toString(16)}`],
    ['xen_changeset', orNull(() => xc.versionString(XENVER.changeset, XEN_VERSION_LEN.CHANGESET_INFO_LEN))],
    ['xen_commandline', orNull(() => xc.versionString(XENVER.commandline, XEN_VERSION_LEN.COMMANDLINE_LEN))],
    ['cc_compiler', compile.compiler],
    ['cc_compile_by', compile.compile_by],
    ['cc_compile_domain', compile.compile_domain],
    ['cc_compile_date', compile.compile_date],
    ['build_id', buildId],
    ['xend_config_format', '4'],
  ];
}

export function formatInfoLine(name: string, value: string): string {
  return name === 'virt_caps' ? `${name.padEnd(23)}:${value}\n` : `${name.padEnd(23)}: ${value}\n`;
}

export function xlInfo(host: Host, args: readonly string[], output: XlOutput): number {
  const fields = infoFields(host);
  if (args.length === 0) {
    output.out(fields.map(([name, value]) => formatInfoLine(name, value)).join(''));
    return EXIT_SUCCESS;
  }
  const wanted = fields.find(([name]) => name === args[0]);
  if (wanted === undefined || args.length > 1) {
    output.err(`xl info: no field '${args.join(' ')}'; fields: ${fields.map(([name]) => name).join(' ')}\n`);
    return EXIT_FAILURE;
  }
  output.out(`${wanted[0] === 'virt_caps' ? wanted[1].trimStart() : wanted[1]}\n`);
  return EXIT_SUCCESS;
}
