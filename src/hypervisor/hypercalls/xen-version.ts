// xen_version (hypercall 17, args (cmd, arg)): Xen's version, build and feature
// information. Under the dummy XSM policy the command line and build id are for
// privileged domains only: the fixed-size forms then say "<denied>", the varbuf forms fail.
import { XenErrno } from '../abi/decl/errno.js';
import { XEN_VERSION_LEN, XENFEAT, XENVER, xenCompileInfo } from '../abi/decl/version.js';
import { HYPERCALL } from '../abi/decl/hypercalls.js';
import { XEN_ARCH } from '../abi/decl/xen.js';
import type { Domain } from '../domain.js';
import type { Hypervisor } from '../hypervisor.js';
import { xsmCheck } from '../xsm.js';
import { type HypercallFamily, type SubOp, findSubop, subopTable } from './family.js';
import { fixedString, utf8, writeVarbuf } from './guest-strings.js';

type VersionHandler = (hv: Hypervisor, domain: Domain, arg: number, deny: boolean) => number;

const DENIED = '<denied>';

function copyFixed(domain: Domain, arg: number, text: string, size: number): number {
  domain.memory.write(arg, fixedString(text, size));
  return 0;
}

function featureSubmap(domain: Domain): number {
  let submap =
    (1 << XENFEAT.memory_op_vnode_supported) |
    (1 << XENFEAT.runstate_phys_area) |
    (1 << XENFEAT.writable_page_tables) |
    (1 << XENFEAT.auto_translated_physmap) |
    (1 << XENFEAT.not_direct_mapped);
  if (domain.privileged) submap |= 1 << XENFEAT.dom0;
  return submap >>> 0;
}

const fast = { kind: 'logical', path: 'fast' } as const;

const VERSION_SUBOPS: readonly SubOp<VersionHandler>[] = [
  { nr: XENVER.version, name: 'version', xsm: 'hook', ...fast, handler: (hv) => (hv.identity.major << 16) | hv.identity.minor },
  {
    nr: XENVER.extraversion, name: 'extraversion', xsm: 'hook', ...fast,
    handler: (hv, d, arg, deny) => copyFixed(d, arg, deny ? DENIED : hv.identity.extraVersion, XEN_VERSION_LEN.EXTRAVERSION_LEN),
  },
  {
    nr: XENVER.compile_info, name: 'compile_info', xsm: 'hook', ...fast,
    handler: (hv, d, arg, deny) => {
      const id = hv.identity;
      const info = new Uint8Array(xenCompileInfo.size);
      const values = { compiler: id.compiler, compile_by: id.compileBy, compile_domain: id.compileDomain, compile_date: id.compileDate };
      for (const field of xenCompileInfo.fields) {
        info.set(fixedString(deny ? DENIED : values[field.name as keyof typeof values], field.size), field.offset);
      }
      d.memory.write(arg, info);
      return 0;
    },
  },
  {
    nr: XENVER.capabilities, name: 'capabilities', xsm: 'hook', ...fast,
    handler: (hv, d, arg, deny) => copyFixed(d, arg, deny ? '' : hv.identity.capabilities, XEN_VERSION_LEN.CAPABILITIES_INFO_LEN),
  },
  {
    nr: XENVER.changeset, name: 'changeset', xsm: 'hook', ...fast,
    handler: (hv, d, arg, deny) => copyFixed(d, arg, deny ? DENIED : hv.identity.changeset, XEN_VERSION_LEN.CHANGESET_INFO_LEN),
  },
  {
    nr: XENVER.platform_parameters, name: 'platform_parameters', xsm: 'hook', kind: 'mechanistic', path: 'fast',
    handler: (_hv, d, arg) => {
      d.memory.write(arg, new Uint8Array(8)); // virt_start: 0 for a translated guest
      return 0;
    },
  },
  {
    nr: XENVER.get_features, name: 'get_features', xsm: 'hook', kind: 'mechanistic', path: 'fast',
    handler: (_hv, d, arg) => {
      const index = d.memory.readU32(arg);
      if (index !== 0) return -XenErrno.EINVAL;
      d.memory.writeU32(arg + 4, featureSubmap(d));
      return 0;
    },
  },
  {
    nr: XENVER.pagesize, name: 'pagesize', xsm: 'hook', ...fast,
    handler: (_hv, _d, arg, deny) => (deny ? 0 : arg !== 0 ? -XenErrno.EINVAL : XEN_ARCH.PAGE_SIZE),
  },
  {
    nr: XENVER.guest_handle, name: 'guest_handle', xsm: 'hook', ...fast,
    handler: (_hv, d, arg, deny) => {
      d.memory.write(arg, deny ? new Uint8Array(16) : d.config.handle);
      return 0;
    },
  },
  {
    nr: XENVER.commandline, name: 'commandline', xsm: 'priv', ...fast,
    handler: (hv, d, arg, deny) =>
      deny ? (d.memory.write(arg, fixedString(DENIED, DENIED.length + 1)), 0) : copyFixed(d, arg, hv.config.commandLine, XEN_VERSION_LEN.COMMANDLINE_LEN),
  },
  varbuf(XENVER.build_id, 'build_id', 'priv', (hv) => hv.identity.buildId),
  varbuf(XENVER.extraversion2, 'extraversion2', 'hook', (hv) => utf8(hv.identity.extraVersion)),
  varbuf(XENVER.capabilities2, 'capabilities2', 'hook', (hv) => utf8(hv.identity.capabilities)),
  varbuf(XENVER.changeset2, 'changeset2', 'hook', (hv) => utf8(hv.identity.changeset)),
  varbuf(XENVER.commandline2, 'commandline2', 'priv', (hv) => utf8(hv.config.commandLine)),
];

function varbuf(nr: number, name: string, xsm: 'hook' | 'priv', data: (hv: Hypervisor) => Uint8Array): SubOp<VersionHandler> {
  return {
    nr, name, xsm, ...fast,
    handler: (hv, d, arg, deny) => (deny ? -XenErrno.EPERM : writeVarbuf(d.memory, arg, data(hv))),
  };
}

const TABLE = subopTable(VERSION_SUBOPS);

export const xenVersionFamily: HypercallFamily = {
  nr: HYPERCALL.xen_version,
  name: 'xen_version',
  args: ['cmd', 'arg'],
  subops: VERSION_SUBOPS,
  handler: (hv, caller, cmd, arg) => {
    const op = findSubop(TABLE, cmd);
    if (op === undefined) return -XenErrno.ENOSYS;
    const deny = xsmCheck(op.xsm, caller.domain) !== 0;
    return op.handler(hv, caller.domain, arg, deny);
  },
};
