// getdomaininfo: a domain's state as xen_domctl_getdomaininfo reports it, with the
// XEN_DOMINF flags computed as Xen's common getdomaininfo() does.
import { XEN_DOMCTL_CDF, XEN_DOMINF, type xenDomctlGetdomaininfo } from './abi/decl/domctl.js';
import { SHUTDOWN_CODE_NONE } from './domain-machine.js';
import type { Domain } from './domain.js';
import { GUEST_PHYS_BITS } from './memory/p2m.js';

export type DomainInfo = ReturnType<typeof xenDomctlGetdomaininfo.read>;

/** Xen's SHUTDOWN_CODE_INVALID (~0u): shifted into the flags it fills bits 16..31. */
const SHUTDOWN_CODE_INVALID = 0xffffffff;

export function domainFlags(d: Domain): number {
  let vcpuFlags = XEN_DOMINF.blocked;
  let online = 0;
  for (const vcpu of d.vcpus) {
    if (!vcpu.isUp) continue;
    online++;
    if (!vcpu.context.blocked) vcpuFlags &= ~XEN_DOMINF.blocked;
    if (vcpu.isRunning) vcpuFlags |= XEN_DOMINF.running;
  }
  const { controllerPauseCount, shutdownCode } = d.lifecycle;
  const code = shutdownCode === SHUTDOWN_CODE_NONE ? SHUTDOWN_CODE_INVALID : shutdownCode;
  const flags =
    (online > 0 ? vcpuFlags : 0) |
    (d.isDying ? XEN_DOMINF.dying : 0) |
    (d.state === 'shutdown' ? XEN_DOMINF.shutdown : 0) |
    (controllerPauseCount > 0 ? XEN_DOMINF.paused : 0) |
    ((d.config.flags & XEN_DOMCTL_CDF.xs_domain) !== 0 ? XEN_DOMINF.xs_domain : 0) |
    ((d.config.flags & XEN_DOMCTL_CDF.hvm) !== 0 ? XEN_DOMINF.hvm_guest : 0) |
    XEN_DOMINF.hap |
    (code << XEN_DOMINF.shutdownshift);
  return flags >>> 0;
}

export function domainInfo(d: Domain): DomainInfo {
  let cpuTime = 0;
  let online = 0;
  for (const vcpu of d.vcpus) {
    cpuTime += vcpu.cpuTime();
    if (vcpu.isUp) online++;
  }
  return {
    domain: d.domid,
    pad1: 0,
    flags: domainFlags(d),
    tot_pages: BigInt(d.totPages),
    max_pages: BigInt(d.maxPages),
    outstanding_pages: 0n,
    shr_pages: 0n,
    paged_pages: 0n,
    // As on Arm, where mfn_to_gfn() of a Xen page is the identity.
    shared_info_frame: BigInt(d.sharedInfoMfn),
    cpu_time: BigInt(Math.round(cpuTime)),
    nr_online_vcpus: online,
    max_vcpu_id: d.vcpus.length === 0 ? 0xffffffff : d.vcpus.length - 1,
    ssidref: d.config.ssidref,
    handle: d.config.handle,
    cpupool: d.config.cpupool,
    gpaddr_bits: GUEST_PHYS_BITS,
    pad2: new Uint8Array(7),
    arch_config: {},
  };
}
