// The common shape of domctl and sysctl: one struct in the caller's memory, copied in,
// checked (interface version → -EACCES, then the sub-op's XSM action), handled on the
// copy, and copied back when the sub-op returns data.
import { XenErrno } from '../abi/decl/errno.js';
import type { Domain } from '../domain.js';
import type { Hypervisor } from '../hypervisor.js';
import type { Vcpu } from '../vcpu.js';
import { xsmCheck } from '../xsm.js';
import { type SubOp, findSubop, subopTable } from './family.js';

/** A handler works on `op`, the copied struct; it returns the hypercall's result. */
export interface ControlCall {
  readonly hv: Hypervisor;
  readonly caller: Vcpu;
  readonly op: DataView;
  /** The domain named by the struct (domctl), undefined for sysctl and createdomain. */
  readonly target: Domain | undefined;
}

export type ControlHandler = (call: ControlCall) => number;

export interface ControlSubOp extends SubOp<ControlHandler> {
  /** The struct goes back to the caller after a successful call. */
  readonly copyback: boolean;
  /** For domctl: the op names no existing domain (createdomain). */
  readonly noTarget?: boolean;
}

export interface ControlOpShape {
  readonly size: number;
  readonly version: number;
  /** Offset of a u16 domain id in the struct, for domctl. */
  readonly domainOffset: number | undefined;
  readonly subops: readonly ControlSubOp[];
}

export function controlOpHandler(shape: ControlOpShape) {
  const table = subopTable(shape.subops);
  return (hv: Hypervisor, caller: Vcpu, arg: number): number => {
    const bytes = caller.domain.memory.read(arg, shape.size);
    const op = new DataView(bytes.buffer);
    if (op.getUint32(4, true) !== shape.version) return -XenErrno.EACCES;
    const sub = findSubop(table, op.getUint32(0, true)) as ControlSubOp | undefined;
    let target: Domain | undefined;
    if (shape.domainOffset !== undefined && sub?.noTarget !== true) {
      target = hv.domain(op.getUint16(shape.domainOffset, true));
      if (target === undefined) return -XenErrno.ESRCH;
    }
    const denied = xsmCheck(sub?.xsm ?? 'priv', caller.domain, target);
    if (denied !== 0) return denied;
    if (sub === undefined) return -XenErrno.ENOSYS;
    const result = sub.handler({ hv, caller, op, target });
    if (result >= 0 && sub.copyback) caller.domain.memory.write(arg, bytes);
    return result;
  };
}
