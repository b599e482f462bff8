// XSM with the dummy policy, as Xen builds it by default: privileged operations need a
// privileged caller, 'target' operations the domain itself or a privileged caller.
import { XEN_DOMCTL_CDF } from './abi/decl/domctl.js';
import { XenErrno } from './abi/decl/errno.js';
import type { Domain } from './domain.js';
import type { XsmAction } from './hypercalls/family.js';

/** 0 if `caller` may perform an operation of `action` on `target`, else -EPERM. */
export function xsmCheck(action: XsmAction, caller: Domain, target?: Domain): number {
  switch (action) {
    case 'hook':
      return 0;
    case 'target':
      return caller === target || caller.privileged ? 0 : -XenErrno.EPERM;
    case 'xs_priv':
      return caller.privileged || (caller.config.flags & XEN_DOMCTL_CDF.xs_domain) !== 0 ? 0 : -XenErrno.EPERM;
    case 'dm_priv':
    case 'priv':
      return caller.privileged ? 0 : -XenErrno.EPERM;
  }
}

/**
 * xsm_console_io: with VERBOSE_DEBUG (the RISC-V build's configuration) any domain may
 * write to the console; reading needs privilege.
 */
export function xsmConsoleIo(caller: Domain, isWrite: boolean): number {
  return isWrite || caller.privileged ? 0 : -XenErrno.EPERM;
}
