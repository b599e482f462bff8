// sysctl (hypercall 35, one argument: xen_sysctl): host-wide queries for the toolstack.
import { XenErrno } from '../abi/decl/errno.js';
import { HYPERCALL } from '../abi/decl/hypercalls.js';
import { xenDomctlGetdomaininfo } from '../abi/decl/domctl.js';
import {
  XEN_SYSCTL, XEN_SYSCTL_CPUPOOL_OP, XEN_SYSCTL_INTERFACE_VERSION, XEN_SYSCTL_PHYSCAP, xenSysctl,
  xenSysctlCpupoolOp, xenSysctlGetdomaininfolist, xenSysctlPhysinfo, xenSysctlReadconsole, xenSysctlSchedId,
} from '../abi/decl/sysctl.js';
import { SCHED_LIMITS, XEN_SCHEDULER, XEN_SYSCTL_SCHEDOP, xenSysctlSchedulerOp } from '../abi/decl/scheduler.js';
import { domainInfo } from '../domain-info.js';
import { PAGE_SIZE } from '../memory/machine-ram.js';
import { type ControlCall, type ControlSubOp, controlOpHandler } from './control-op.js';
import { maskOf, writeCpumap } from './cpumap.js';
import type { HypercallFamily } from './family.js';

const PAYLOAD = xenSysctl.offsetOf('u');
const slow = { xsm: 'priv', kind: 'logical', path: 'slow', copyback: true } as const;

function physinfo({ hv, op }: ControlCall): number {
  const totalPages = hv.ram.size / PAGE_SIZE;
  xenSysctlPhysinfo.write(op, PAYLOAD, {
    threads_per_core: 1,
    // RISC-V has cpu_to_core() = cpu_to_socket() = 0 and one CPU per core mask, as Arm.
    cores_per_socket: 1,
    nr_cpus: hv.nrCpus,
    max_cpu_id: hv.nrCpus - 1,
    nr_nodes: 1,
    max_node_id: 0,
    cpu_khz: Math.floor(hv.config.timebaseHz / 1000),
    capabilities: XEN_SYSCTL_PHYSCAP.hvm | XEN_SYSCTL_PHYSCAP.hap | XEN_SYSCTL_PHYSCAP.gnttab_v1,
    arch_capabilities: 0,
    pad: 0,
    total_pages: BigInt(totalPages),
    free_pages: BigInt(hv.frames.freeFrames),
    scrub_pages: 0n,
    outstanding_pages: 0n,
    max_mfn: BigInt(hv.frames.maxMfn),
    hw_cap: [0, 0, 0, 0, 0, 0, 0, 0],
  });
  return 0;
}

function schedId({ hv, op }: ControlCall): number {
  xenSysctlSchedId.write(op, PAYLOAD, { sched_id: hv.pools[0].schedulerId });
  return 0;
}

function getdomaininfolist({ hv, caller, op }: ControlCall): number {
  const request = xenSysctlGetdomaininfolist.read(op, PAYLOAD);
  const buffer = Number(request.buffer);
  let count = 0;
  for (const domain of hv.domains()) {
    if (domain.domid < request.first_domain) continue;
    if (count === request.max_domains) break;
    const bytes = xenDomctlGetdomaininfo.encode(domainInfo(domain));
    caller.domain.memory.write(buffer + count * xenDomctlGetdomaininfo.size, bytes);
    count++;
  }
  xenSysctlGetdomaininfolist.field('num_domains').set(op, PAYLOAD, count);
  return 0;
}

function cpupoolOp({ hv, caller, op }: ControlCall): number {
  const request = xenSysctlCpupoolOp.read(op, PAYLOAD);
  switch (request.op) {
    case XEN_SYSCTL_CPUPOOL_OP.INFO: {
      const pool = hv.pools.filter((p) => p.id >= request.cpupool_id).sort((a, b) => a.id - b.id)[0];
      if (pool === undefined) return -XenErrno.ENOENT;
      const members = hv.domains().filter((d) => d.config.cpupool === pool.id).length;
      xenSysctlCpupoolOp.patch(op, PAYLOAD, { cpupool_id: pool.id, sched_id: pool.schedulerId, n_dom: members });
      writeCpumap(caller.domain.memory, request.cpumap, maskOf(pool.cpus, hv.nrCpus), hv.nrCpus);
      return 0;
    }
    case XEN_SYSCTL_CPUPOOL_OP.FREEINFO: {
      const pooled = new Set(hv.pools.flatMap((p) => p.cpus));
      const free = Array.from({ length: hv.nrCpus }, (_, cpu) => cpu).filter((cpu) => !pooled.has(cpu));
      writeCpumap(caller.domain.memory, request.cpumap, maskOf(free, hv.nrCpus), hv.nrCpus);
      return 0;
    }
    default:
      return -XenErrno.ENOSYS;
  }
}

/** Pool-wide parameters: only credit2 has some among the modelled schedulers (its ratelimit). */
function schedulerOp({ hv, op }: ControlCall): number {
  const request = xenSysctlSchedulerOp.read(op, PAYLOAD);
  const pool = hv.pools.find((p) => p.id === request.cpupool_id);
  if (pool === undefined) return -XenErrno.ESRCH;
  if (request.sched_id !== pool.schedulerId || pool.schedulerId !== XEN_SCHEDULER.CREDIT2) return -XenErrno.EINVAL;
  switch (request.cmd) {
    case XEN_SYSCTL_SCHEDOP.getinfo:
      xenSysctlSchedulerOp.patch(op, PAYLOAD, { u: { sched_credit2: { ratelimit_us: pool.schedParams.ratelimitUs } } });
      return 0;
    case XEN_SYSCTL_SCHEDOP.putinfo: {
      const ratelimitUs = request.u.sched_credit2?.ratelimit_us;
      if (ratelimitUs === undefined) return -XenErrno.EINVAL;
      const { SYSCTL_SCHED_RATELIMIT_MIN: min, SYSCTL_SCHED_RATELIMIT_MAX: max } = SCHED_LIMITS;
      if (ratelimitUs !== 0 && (ratelimitUs < min || ratelimitUs > max)) return -XenErrno.EINVAL;
      pool.schedParams.ratelimitUs = ratelimitUs;
      return 0;
    }
    default:
      return -XenErrno.EINVAL;
  }
}

/** The ring holds guest bytes as latin1 characters (one character per byte), as Xen's conring. */
function ringBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

/**
 * read_console_ring: from the oldest byte kept (or from `index`, when incremental and
 * `index` is still in the ring) up to `count` bytes. Indices count every byte ever written;
 * the answer's index is where the next incremental read starts. `clear` drops what was read.
 */
function readconsole({ hv, caller, op }: ControlCall): number {
  const request = xenSysctlReadconsole.read(op, PAYLOAD);
  const { console } = hv;
  const produced = console.totalWritten;
  const oldest = produced - console.contents().length;
  const resume = request.incremental !== 0 && request.index > oldest && request.index <= produced;
  const start = resume ? request.index : oldest;
  const bytes = ringBytes(console.since(start).slice(0, request.count));
  if (bytes.length > 0) caller.domain.memory.write(Number(request.buffer), bytes);
  if (request.clear !== 0) console.discardBefore(start + bytes.length);
  xenSysctlReadconsole.patch(op, PAYLOAD, { count: bytes.length, index: start + bytes.length });
  return 0;
}

const SYSCTL_SUBOPS: readonly ControlSubOp[] = [
  { nr: XEN_SYSCTL.readconsole, name: 'readconsole', ...slow, handler: readconsole },
  { nr: XEN_SYSCTL.physinfo, name: 'physinfo', ...slow, handler: physinfo },
  { nr: XEN_SYSCTL.sched_id, name: 'sched_id', ...slow, handler: schedId },
  { nr: XEN_SYSCTL.scheduler_op, name: 'scheduler_op', ...slow, handler: schedulerOp },
  { nr: XEN_SYSCTL.getdomaininfolist, name: 'getdomaininfolist', ...slow, handler: getdomaininfolist },
  { nr: XEN_SYSCTL.cpupool_op, name: 'cpupool_op', ...slow, handler: cpupoolOp },
];

export const sysctlFamily: HypercallFamily = {
  nr: HYPERCALL.sysctl,
  name: 'sysctl',
  args: ['u_sysctl'],
  subops: SYSCTL_SUBOPS,
  handler: controlOpHandler({
    size: xenSysctl.size,
    version: XEN_SYSCTL_INTERFACE_VERSION,
    domainOffset: undefined,
    subops: SYSCTL_SUBOPS,
  }),
};
