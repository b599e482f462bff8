// The toolstack's control library (libxc's role): each function marshals one hypercall's
// structures into dom0 buffers with the ABI codecs, issues it through privcmd and decodes
// the answer. Failures throw HypercallFailed with Xen's errno.
import { XEN_DOMCTL, XEN_DOMCTL_INTERFACE_VERSION, XEN_VCPUAFFINITY, xenDomctl, xenDomctlGetdomaininfo } from '../hypervisor/abi/decl/domctl.js';
import { EVTCHNOP, evtchnAllocUnbound, evtchnBindVirq } from '../hypervisor/abi/decl/event-channel.js';
import { HVMOP, xenHvmParam } from '../hypervisor/abi/decl/hvm.js';
import { HYPERCALL } from '../hypervisor/abi/decl/hypercalls.js';
import { SCHEDOP, schedRemoteShutdown } from '../hypervisor/abi/decl/sched-op.js';
import { XENMEM } from '../hypervisor/abi/decl/memory.js';
import { XEN_DOMCTL_SCHEDOP, XEN_SCHEDULER, XEN_SYSCTL_SCHEDOP } from '../hypervisor/abi/decl/scheduler.js';
import {
  XEN_SYSCTL, XEN_SYSCTL_CPUPOOL_OP, XEN_SYSCTL_INTERFACE_VERSION, xenSysctl,
} from '../hypervisor/abi/decl/sysctl.js';
import { XENVER, xenCompileInfo } from '../hypervisor/abi/decl/version.js';
import { FLASK, XEN_FLASK, xenFlaskOp } from '../hypervisor/abi/decl/xsm.js';
import type { DomainInfo } from '../hypervisor/domain-info.js';
import { HypercallFailed, type Privcmd } from './privcmd.js';

type SysctlValue = ReturnType<typeof xenSysctl.read>;
type SysctlPayload = NonNullable<SysctlValue['u']>;
type DomctlValue = ReturnType<typeof xenDomctl.read>;
type DomctlPayload = NonNullable<DomctlValue['u']>;
export type Physinfo = NonNullable<SysctlPayload['physinfo']>;
export type CompileInfo = ReturnType<typeof xenCompileInfo.read>;

export interface CpupoolInfo {
  id: number;
  schedulerId: number;
  domains: number;
  cpus: number[];
}

const decoder = new TextDecoder();
const CPUMAP_BYTES = 32;

export class Xc {
  constructor(readonly privcmd: Privcmd) {}

  private check(what: string, result: number): number {
    if (result < 0) throw new HypercallFailed(what, -result);
    return result;
  }

  // ---- xen_version ------------------------------------------------------------------------

  version(): { major: number; minor: number } {
    const v = this.check('xen_version', this.privcmd.hypercall(HYPERCALL.xen_version, XENVER.version, 0));
    return { major: v >>> 16, minor: v & 0xffff };
  }

  /** A fixed-size string sub-op (extraversion, capabilities, changeset, commandline). */
  versionString(cmd: number, size: number): string {
    return this.privcmd.withBuffers(() => {
      const buffer = this.privcmd.alloc(size);
      this.check('xen_version', this.privcmd.hypercall(HYPERCALL.xen_version, cmd, buffer));
      const bytes = this.privcmd.read(buffer, size);
      const end = bytes.indexOf(0);
      return decoder.decode(bytes.subarray(0, end < 0 ? size : end));
    });
  }

  /** A varbuf sub-op (build_id, *2): asks for the size, then fetches the bytes. */
  versionVarbuf(cmd: number): Uint8Array {
    const size = this.check('xen_version', this.privcmd.hypercall(HYPERCALL.xen_version, cmd, 0));
    return this.privcmd.withBuffers(() => {
      const buffer = this.privcmd.alloc(4 + size);
      this.privcmd.dom0.memory.writeU32(buffer, size);
      const got = this.check('xen_version', this.privcmd.hypercall(HYPERCALL.xen_version, cmd, buffer));
      return this.privcmd.read(buffer + 4, got);
    });
  }

  compileInfo(): CompileInfo {
    return this.privcmd.withBuffers(() => {
      const buffer = this.privcmd.alloc(xenCompileInfo.size);
      this.check('xen_version', this.privcmd.hypercall(HYPERCALL.xen_version, XENVER.compile_info, buffer));
      return this.privcmd.readStruct(xenCompileInfo, buffer);
    });
  }

  pagesize(): number {
    return this.check('xen_version', this.privcmd.hypercall(HYPERCALL.xen_version, XENVER.pagesize, 0));
  }

  platformVirtStart(): bigint {
    return this.privcmd.withBuffers(() => {
      const buffer = this.privcmd.alloc(8);
      this.check('xen_version', this.privcmd.hypercall(HYPERCALL.xen_version, XENVER.platform_parameters, buffer));
      return this.privcmd.dom0.memory.readU64(buffer);
    });
  }

  // ---- sysctl -------------------------------------------------------------------------------

  sysctl(cmd: number, payload: SysctlPayload, version = XEN_SYSCTL_INTERFACE_VERSION): SysctlPayload {
    return this.privcmd.withBuffers(() => {
      const buffer = this.privcmd.allocStruct(xenSysctl, { cmd, interface_version: version, u: payload });
      this.check('sysctl', this.privcmd.hypercall(HYPERCALL.sysctl, buffer));
      return this.privcmd.readStruct(xenSysctl, buffer).u;
    });
  }

  /**
   * xc_readconsolering: up to `max` bytes of Xen's console ring. With an `index` (from an
   * earlier read) the read is incremental and starts there; `clear` drops what was read.
   */
  readConsoleRing(max: number, clear: boolean, index?: number): { bytes: Uint8Array; index: number } {
    return this.privcmd.withBuffers(() => {
      const buffer = this.privcmd.alloc(max);
      const answer = this.sysctl(XEN_SYSCTL.readconsole, {
        readconsole: { clear: clear ? 1 : 0, incremental: index === undefined ? 0 : 1, pad0: 0, pad1: 0, index: index ?? 0, buffer: BigInt(buffer), count: max },
      }).readconsole;
      if (answer === undefined) throw new Error('readconsole: no answer');
      return { bytes: this.privcmd.read(buffer, answer.count), index: answer.index };
    });
  }

  physinfo(): Physinfo {
    const u = this.sysctl(XEN_SYSCTL.physinfo, {});
    if (u.physinfo === undefined) throw new Error('physinfo: no answer');
    return u.physinfo;
  }

  schedId(): number {
    return this.sysctl(XEN_SYSCTL.sched_id, { sched_id: { sched_id: 0 } }).sched_id?.sched_id ?? 0;
  }

  /** xc_vcpu_getinfo: a vCPU's state flags, running time (ns) and pCPU. */
  vcpuInfo(domid: number, vcpu: number): { online: boolean; blocked: boolean; running: boolean; cpuTimeNs: bigint; cpu: number } {
    const u = this.domctl(XEN_DOMCTL.getvcpuinfo, domid, { getvcpuinfo: { vcpu, online: 0, blocked: 0, running: 0, cpu_time: 0n, cpu: 0 } }).u.getvcpuinfo;
    if (u === undefined) throw new Error('getvcpuinfo: no answer');
    return { online: u.online !== 0, blocked: u.blocked !== 0, running: u.running !== 0, cpuTimeNs: u.cpu_time, cpu: u.cpu };
  }

  /** xc_vcpu_getaffinity: a vCPU's hard and soft affinity as CPU lists. */
  vcpuAffinity(domid: number, vcpu: number): { hard: number[]; soft: number[] } {
    return this.privcmd.withBuffers(() => {
      const hard = this.privcmd.alloc(CPUMAP_BYTES);
      const soft = this.privcmd.alloc(CPUMAP_BYTES);
      const map = (bitmap: number) => ({ bitmap: BigInt(bitmap), nr_bits: CPUMAP_BYTES * 8 });
      this.domctl(XEN_DOMCTL.getvcpuaffinity, domid, {
        vcpuaffinity: { vcpu, flags: XEN_VCPUAFFINITY.HARD | XEN_VCPUAFFINITY.SOFT, cpumap_hard: map(hard), cpumap_soft: map(soft) },
      });
      return { hard: this.cpusIn(hard), soft: this.cpusIn(soft) };
    });
  }

  /** xc_vcpu_setaffinity: new hard and/or soft affinity (undefined: unchanged). */
  setVcpuAffinity(domid: number, vcpu: number, hard: readonly number[] | undefined, soft: readonly number[] | undefined): void {
    this.privcmd.withBuffers(() => {
      const map = (cpus: readonly number[] | undefined) => {
        const bytes = new Uint8Array(CPUMAP_BYTES);
        for (const cpu of cpus ?? []) bytes[cpu >> 3]! |= 1 << (cpu & 7);
        const address = this.privcmd.alloc(CPUMAP_BYTES);
        this.privcmd.write(address, bytes);
        return { bitmap: BigInt(address), nr_bits: CPUMAP_BYTES * 8 };
      };
      const flags = (hard === undefined ? 0 : XEN_VCPUAFFINITY.HARD) | (soft === undefined ? 0 : XEN_VCPUAFFINITY.SOFT);
      this.domctl(XEN_DOMCTL.setvcpuaffinity, domid, { vcpuaffinity: { vcpu, flags, cpumap_hard: map(hard), cpumap_soft: map(soft) } });
    });
  }

  private cpusIn(address: number): number[] {
    const bytes = this.privcmd.read(address, CPUMAP_BYTES);
    const cpus: number[] = [];
    for (let cpu = 0; cpu < CPUMAP_BYTES * 8; cpu++) if (bytes[cpu >> 3] & (1 << (cpu & 7))) cpus.push(cpu);
    return cpus;
  }

  private cpupoolOp(op: number, poolId: number): { answer: NonNullable<SysctlPayload['cpupool_op']>; cpus: number[] } {
    return this.privcmd.withBuffers(() => {
      const map = this.privcmd.alloc(CPUMAP_BYTES);
      const u = this.sysctl(XEN_SYSCTL.cpupool_op, {
        cpupool_op: { op, cpupool_id: poolId, sched_id: 0, domid: 0, cpu: 0, n_dom: 0, cpumap: { bitmap: BigInt(map), nr_bits: CPUMAP_BYTES * 8 } },
      });
      if (u.cpupool_op === undefined) throw new Error('cpupool_op: no answer');
      return { answer: u.cpupool_op, cpus: this.cpusIn(map) };
    });
  }

  /** The first cpupool with an id at or above `poolId`. */
  cpupoolInfo(poolId: number): CpupoolInfo {
    const { answer, cpus } = this.cpupoolOp(XEN_SYSCTL_CPUPOOL_OP.INFO, poolId);
    return { id: answer.cpupool_id, schedulerId: answer.sched_id, domains: answer.n_dom, cpus };
  }

  /** xc_sched_credit2_params_get: a credit2 pool's ratelimit in µs (0 = off). */
  credit2RatelimitUs(poolId: number): number {
    const u = this.sysctl(XEN_SYSCTL.scheduler_op, {
      scheduler_op: { cpupool_id: poolId, sched_id: XEN_SCHEDULER.CREDIT2, cmd: XEN_SYSCTL_SCHEDOP.getinfo, u: { sched_credit2: { ratelimit_us: 0 } } },
    });
    return u.scheduler_op?.u.sched_credit2?.ratelimit_us ?? 0;
  }

  /** xc_sched_credit2_params_set: 0 turns the ratelimit off, else 100..500000 µs. */
  setCredit2RatelimitUs(poolId: number, ratelimitUs: number): void {
    this.sysctl(XEN_SYSCTL.scheduler_op, {
      scheduler_op: { cpupool_id: poolId, sched_id: XEN_SCHEDULER.CREDIT2, cmd: XEN_SYSCTL_SCHEDOP.putinfo, u: { sched_credit2: { ratelimit_us: ratelimitUs } } },
    });
  }

  /** xc_sched_credit2_domain_get: a domain's weight and cap. */
  credit2DomainGet(domid: number): { weight: number; cap: number } {
    const u = this.domctl(XEN_DOMCTL.scheduler_op, domid, {
      scheduler_op: { sched_id: XEN_SCHEDULER.CREDIT2, cmd: XEN_DOMCTL_SCHEDOP.getinfo, u: { credit2: { weight: 0, cap: 0 } } },
    }).u.scheduler_op?.u.credit2;
    if (u === undefined) throw new Error('scheduler_op: no answer');
    return u;
  }

  /** xc_sched_credit2_domain_set: weight 1..65535, cap in % of one CPU (0 = none). */
  credit2DomainSet(domid: number, params: { weight: number; cap: number }): void {
    this.domctl(XEN_DOMCTL.scheduler_op, domid, { scheduler_op: { sched_id: XEN_SCHEDULER.CREDIT2, cmd: XEN_DOMCTL_SCHEDOP.putinfo, u: { credit2: params } } });
  }

  /** CPUs in no cpupool. */
  cpupoolFreeCpus(): number[] {
    return this.cpupoolOp(XEN_SYSCTL_CPUPOOL_OP.FREEINFO, 0).cpus;
  }

  /** Up to `max` domains with domid ≥ `first`, in order. */
  domainGetinfolist(first: number, max: number): DomainInfo[] {
    return this.privcmd.withBuffers(() => {
      const buffer = this.privcmd.alloc(max * xenDomctlGetdomaininfo.size);
      const u = this.sysctl(XEN_SYSCTL.getdomaininfolist, {
        getdomaininfolist: { first_domain: first, max_domains: max, buffer: BigInt(buffer), num_domains: 0 },
      });
      const count = u.getdomaininfolist?.num_domains ?? 0;
      const infos: DomainInfo[] = [];
      for (let i = 0; i < count; i++) infos.push(this.privcmd.readStruct(xenDomctlGetdomaininfo, buffer + i * xenDomctlGetdomaininfo.size));
      return infos;
    });
  }

  // ---- domctl -------------------------------------------------------------------------------

  domctl(cmd: number, domain: number, payload: DomctlPayload): { domain: number; u: DomctlPayload } {
    return this.privcmd.withBuffers(() => {
      const buffer = this.privcmd.allocStruct(xenDomctl, { cmd, interface_version: XEN_DOMCTL_INTERFACE_VERSION, domain, u: payload });
      this.check('domctl', this.privcmd.hypercall(HYPERCALL.domctl, buffer));
      const answer = this.privcmd.readStruct(xenDomctl, buffer);
      return { domain: answer.domain, u: answer.u };
    });
  }

  domainGetinfo(domid: number): DomainInfo {
    const info = this.domctl(XEN_DOMCTL.getdomaininfo, domid, {}).u.getdomaininfo;
    if (info === undefined) throw new Error('getdomaininfo: no answer');
    return info;
  }

  destroyDomain(domid: number): void {
    this.domctl(XEN_DOMCTL.destroydomain, domid, {});
  }

  /** xc_domain_pause: one more toolstack (controller) pause; the domain's vCPUs stop. */
  pauseDomain(domid: number): void {
    this.domctl(XEN_DOMCTL.pausedomain, domid, {});
  }

  /** xc_domain_unpause: drops one toolstack pause; the domain runs when none is left. */
  unpauseDomain(domid: number): void {
    this.domctl(XEN_DOMCTL.unpausedomain, domid, {});
  }

  /** SCHEDOP_remote_shutdown: what xl shutdown/reboot use for a guest without PV shutdown. */
  remoteShutdown(domid: number, reason: number): void {
    this.privcmd.withBuffers(() => {
      const request = this.privcmd.allocStruct(schedRemoteShutdown, { domain_id: domid, reason });
      this.check('sched_op', this.privcmd.hypercall(HYPERCALL.sched_op, SCHEDOP.remote_shutdown, request));
    });
  }

  // ---- event channels and HVM params ---------------------------------------------------------

  /** A port of `domid` that `remoteDomid` may bind (EVTCHNOP_alloc_unbound). */
  evtchnAllocUnbound(domid: number, remoteDomid: number): number {
    return this.privcmd.withBuffers(() => {
      const request = this.privcmd.allocStruct(evtchnAllocUnbound, { dom: domid, remote_dom: remoteDomid, port: 0 });
      this.check('evtchn_alloc_unbound', this.privcmd.hypercall(HYPERCALL.event_channel_op, EVTCHNOP.alloc_unbound, request));
      return this.privcmd.readStruct(evtchnAllocUnbound, request).port;
    });
  }

  /** Binds a VIRQ for dom0's vCPU `vcpu`; returns dom0's port. */
  evtchnBindVirq(virq: number, vcpu = 0): number {
    return this.privcmd.withBuffers(() => {
      const request = this.privcmd.allocStruct(evtchnBindVirq, { virq, vcpu, port: 0 });
      this.check('evtchn_bind_virq', this.privcmd.hypercall(HYPERCALL.event_channel_op, EVTCHNOP.bind_virq, request));
      return this.privcmd.readStruct(evtchnBindVirq, request).port;
    });
  }

  hvmSetParam(domid: number, index: number, value: bigint): void {
    this.privcmd.withBuffers(() => {
      const param = this.privcmd.allocStruct(xenHvmParam, { domid, pad: 0, index, value });
      this.check('hvm_op set_param', this.privcmd.hypercall(HYPERCALL.hvm_op, HVMOP.set_param, param));
    });
  }

  // ---- memory_op and xsm_op ---------------------------------------------------------------

  /** memory_op sub-ops that take no argument and return a count (18, 19, ...). */
  memoryOpCount(cmd: number): number {
    return this.check('memory_op', this.privcmd.hypercall(HYPERCALL.memory_op, cmd, 0));
  }

  sharingFreedPages(): number {
    return this.memoryOpCount(XENMEM.get_sharing_freed_pages);
  }

  sharingSharedPages(): number {
    return this.memoryOpCount(XENMEM.get_sharing_shared_pages);
  }

  /** FLASK's name for a security id; Xen's dummy policy has none (-ENOSYS). */
  flaskSidToContext(sid: number): string {
    return this.privcmd.withBuffers(() => {
      const size = 256;
      const context = this.privcmd.alloc(size);
      const op = this.privcmd.allocStruct(xenFlaskOp, {
        cmd: FLASK.SID_TO_CONTEXT, interface_version: XEN_FLASK.INTERFACE_VERSION,
        u: { sid_context: { sid, size, context: BigInt(context) } },
      });
      this.check('xsm_op', this.privcmd.hypercall(HYPERCALL.xsm_op, op));
      const answer = this.privcmd.readStruct(xenFlaskOp, op).u.sid_context;
      return decoder.decode(this.privcmd.read(context, Math.min(answer?.size ?? 0, size))).replace(/\0.*$/, '');
    });
  }
}
