// domctl (hypercall 36, one argument: xen_domctl): the toolstack's control of one domain.
// Every command is privileged except getdomaininfo, which the xenstore domain may use too.
import { XEN_DOMCTL, XEN_DOMCTL_CDF, XEN_DOMCTL_INTERFACE_VERSION, xenDomctl, xenDomctlCreatedomain, xenDomctlGetdomaininfo, xenDomctlMaxMem, xenDomctlSetdomainhandle } from '../abi/decl/domctl.js';
import { XenErrno } from '../abi/decl/errno.js';
import { HYPERCALL } from '../abi/decl/hypercalls.js';
import { domainInfo } from '../domain-info.js';
import { type ControlCall, type ControlSubOp, controlOpHandler } from './control-op.js';
import { VCPU_DOMCTLS } from './domctl-vcpu.js';
import type { HypercallFamily } from './family.js';

const PAYLOAD = xenDomctl.offsetOf('u');
const DOMAIN_FIELD = xenDomctl.field('domain');
const DEFAULT_MAX_GRANT_FRAMES = 64;
const DEFAULT_MAX_MAPTRACK_FRAMES = 1024;
const MAX_CONTROLLER_PAUSES = 255;

function createdomain({ hv, op }: ControlCall): number {
  const c = xenDomctlCreatedomain.read(op, PAYLOAD);
  const required = XEN_DOMCTL_CDF.hvm | XEN_DOMCTL_CDF.hap;
  // Arm and RISC-V accept only HVM guests with hardware paging.
  if ((c.flags & required) !== required) return -XenErrno.EINVAL;
  const grantVersion = c.grant_opts & 0xf;
  if (grantVersion > 1) return -XenErrno.EINVAL;
  const created = hv.createDomain(
    {
      ssidref: c.ssidref,
      handle: c.handle,
      flags: c.flags,
      maxVcpus: c.max_vcpus,
      maxEvtchnPort: c.max_evtchn_port,
      maxGrantFrames: c.max_grant_frames < 0 ? DEFAULT_MAX_GRANT_FRAMES : c.max_grant_frames,
      maxMaptrackFrames: c.max_maptrack_frames < 0 ? DEFAULT_MAX_MAPTRACK_FRAMES : c.max_maptrack_frames,
      cpupool: c.cpupool_id,
    },
    { domid: DOMAIN_FIELD.get(op, 0) },
  );
  if (typeof created === 'number') return created;
  DOMAIN_FIELD.set(op, 0, created.domid);
  return 0;
}

function destroydomain({ hv, caller, target }: ControlCall): number {
  if (target === undefined || target === caller.domain) return -XenErrno.EINVAL;
  hv.destroyDomain(target);
  return 0;
}

function pausedomain({ caller, target }: ControlCall): number {
  if (target === undefined || target === caller.domain) return -XenErrno.EINVAL;
  if (target.isDying) return -XenErrno.EINVAL;
  if (target.lifecycle.controllerPauseCount >= MAX_CONTROLLER_PAUSES) return -XenErrno.EOVERFLOW;
  target.pauseByController();
  return 0;
}

function unpausedomain({ target }: ControlCall): number {
  if (target === undefined || target.isDying) return -XenErrno.EINVAL;
  if (target.lifecycle.controllerPauseCount === 0) return -XenErrno.EINVAL;
  target.unpauseByController();
  return 0;
}

function getdomaininfo({ op, target }: ControlCall): number {
  if (target === undefined) return -XenErrno.ESRCH;
  xenDomctlGetdomaininfo.write(op, PAYLOAD, domainInfo(target));
  DOMAIN_FIELD.set(op, 0, target.domid);
  return 0;
}

function maxMem({ op, target }: ControlCall): number {
  if (target === undefined) return -XenErrno.ESRCH;
  const pages = xenDomctlMaxMem.read(op, PAYLOAD).max_memkb >> 2n;
  target.maxPages = Number(pages > 0xffffffffn ? 0xffffffffn : pages);
  return 0;
}

function setdomainhandle({ op, target }: ControlCall): number {
  if (target === undefined) return -XenErrno.ESRCH;
  target.config.handle = xenDomctlSetdomainhandle.read(op, PAYLOAD).handle;
  return 0;
}

const priv = { xsm: 'priv', kind: 'logical', path: 'slow' } as const;

const DOMAIN_DOMCTLS: readonly ControlSubOp[] = [
  { nr: XEN_DOMCTL.createdomain, name: 'createdomain', ...priv, copyback: true, noTarget: true, handler: createdomain },
  { nr: XEN_DOMCTL.destroydomain, name: 'destroydomain', ...priv, copyback: false, handler: destroydomain },
  { nr: XEN_DOMCTL.pausedomain, name: 'pausedomain', ...priv, copyback: false, handler: pausedomain },
  { nr: XEN_DOMCTL.unpausedomain, name: 'unpausedomain', ...priv, copyback: false, handler: unpausedomain },
  { nr: XEN_DOMCTL.getdomaininfo, name: 'getdomaininfo', ...priv, xsm: 'xs_priv', copyback: true, handler: getdomaininfo },
  { nr: XEN_DOMCTL.max_mem, name: 'max_mem', ...priv, copyback: false, handler: maxMem },
  { nr: XEN_DOMCTL.setdomainhandle, name: 'setdomainhandle', ...priv, copyback: false, handler: setdomainhandle },
];

const DOMCTL_SUBOPS: readonly ControlSubOp[] = [...DOMAIN_DOMCTLS, ...VCPU_DOMCTLS].sort((a, b) => a.nr - b.nr);

export const domctlFamily: HypercallFamily = {
  nr: HYPERCALL.domctl,
  name: 'domctl',
  args: ['u_domctl'],
  subops: DOMCTL_SUBOPS,
  handler: controlOpHandler({
    size: xenDomctl.size,
    version: XEN_DOMCTL_INTERFACE_VERSION,
    domainOffset: xenDomctl.offsetOf('domain'),
    subops: DOMCTL_SUBOPS,
  }),
};
