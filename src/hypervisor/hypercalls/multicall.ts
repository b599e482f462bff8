// multicall (hypercall 13, args (list, nr)): a batch of hypercalls, each entry's result
// stored in the entry. An entry naming no hypercall gets -ENOSYS; a multicall inside a
// multicall gets -EINVAL (Xen refuses the reentry).
import { XenErrno } from '../abi/decl/errno.js';
import { HYPERCALL, multicallEntry } from '../abi/decl/hypercalls.js';
import type { Hypervisor } from '../hypervisor.js';
import type { Vcpu } from '../vcpu.js';
import type { HypercallFamily } from './family.js';

const RESULT = multicallEntry.offsetOf('result');
const ARGS = multicallEntry.offsetOf('args');

/** A u64 register value as the number the handlers take (beyond 2^53 it is no address). */
function argument(view: DataView, at: number): number {
  const value = view.getBigUint64(at, true);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : Number.MAX_SAFE_INTEGER;
}

const inMulticall = new WeakSet<Vcpu>();

function multicall(hv: Hypervisor, caller: Vcpu, list: number, count: number): number {
  if (inMulticall.has(caller)) return -XenErrno.EINVAL;
  inMulticall.add(caller);
  try {
    const memory = caller.domain.memory;
    for (let i = 0; i < count; i++) {
      const at = list + i * multicallEntry.size;
      const entry = memory.read(at, multicallEntry.size);
      const view = new DataView(entry.buffer);
      const op = argument(view, 0);
      const result = hv.dispatch(caller, op, ...([0, 1, 2, 3, 4].map((k) => argument(view, ARGS + k * 8)) as [number, number, number, number, number]));
      memory.writeU64(at + RESULT, BigInt(result));
    }
    return 0;
  } finally {
    inMulticall.delete(caller);
  }
}

export const multicallFamily: HypercallFamily = {
  nr: HYPERCALL.multicall,
  name: 'multicall',
  args: ['call_list', 'nr_calls'],
  annotation: { xsm: 'hook', kind: 'mechanistic', path: 'slow' },
  handler: multicall,
};
