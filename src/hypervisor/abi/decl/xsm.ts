// xsm_op (hypercall 27, one argument). xenrv enforces the dummy policy, where xsm_op
// answers -ENOSYS; libxl still asks FLASK_SID_TO_CONTEXT for every domain it lists.
import { constants } from '../constants.js';
import { handle, struct, union } from '../aggregate.js';

export const FLASK = constants('FLASK_', 'FLASK commands (xen_flask_op.cmd).', {
  SID_TO_CONTEXT: 5,
});

export const XEN_FLASK = constants('XEN_FLASK_', 'FLASK interface version.', { INTERFACE_VERSION: 1 });

export const xenFlaskSidContext = struct('xen_flask_sid_context', [
  ['sid', 'u32'], ['size', 'u32'], ['context', handle('char')],
], { size: 16, doc: 'IN sid; IN/OUT size; OUT the context string.' });

const flaskOpUnion = union('xen_flask_op_u', [['sid_context', xenFlaskSidContext]], {
  select: { by: 'cmd', cases: { [FLASK.SID_TO_CONTEXT]: 'sid_context' } },
});

export const xenFlaskOp = struct('xen_flask_op', [
  ['cmd', 'u32'], ['interface_version', 'u32'], ['u', flaskOpUnion],
], { size: 24, doc: 'The xsm_op argument (only the member libxl uses is declared).' });
