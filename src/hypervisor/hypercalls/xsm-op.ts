// xsm_op (hypercall 27, one argument): FLASK's interface. Under the dummy policy there is
// none: every call is -ENOSYS (libxl tolerates it when it asks for security labels).
import { XenErrno } from '../abi/decl/errno.js';
import { HYPERCALL } from '../abi/decl/hypercalls.js';
import type { HypercallFamily } from './family.js';

export const xsmOpFamily: HypercallFamily = {
  nr: HYPERCALL.xsm_op,
  name: 'xsm_op',
  args: ['op'],
  annotation: { xsm: 'hook', kind: 'logical', path: 'slow' },
  handler: () => -XenErrno.ENOSYS,
};
