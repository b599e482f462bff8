// The hypercall table as rows: every hypercall number Xen defines, with each family's
// sub-ops and their annotations; numbers without a handler are -ENOSYS on RISC-V.
import { HYPERCALL } from '../abi/decl/hypercalls.js';
import type { HypercallKind, HypercallPath, XsmAction } from './family.js';
import { HYPERCALL_TABLE } from './table.js';

export interface AbiRow {
  nr: number;
  hypercall: string;
  subop: number | undefined;
  name: string | undefined;
  /** undefined for a hypercall that is not offered (-ENOSYS). */
  xsm: XsmAction | undefined;
  kind: HypercallKind | undefined;
  path: HypercallPath | undefined;
}

export function abiRows(): AbiRow[] {
  const rows: AbiRow[] = [];
  for (const [hypercall, nr] of Object.entries(HYPERCALL).sort((a, b) => a[1] - b[1])) {
    const family = HYPERCALL_TABLE[nr];
    if (family === undefined) {
      rows.push({ nr, hypercall, subop: undefined, name: undefined, xsm: undefined, kind: undefined, path: undefined });
    } else if (family.subops !== undefined) {
      for (const op of [...family.subops].sort((a, b) => a.nr - b.nr)) {
        rows.push({ nr, hypercall, subop: op.nr, name: op.name, xsm: op.xsm, kind: op.kind, path: op.path });
      }
    } else {
      const a = family.annotation;
      rows.push({ nr, hypercall, subop: undefined, name: undefined, xsm: a?.xsm, kind: a?.kind, path: a?.path });
    }
  }
  return rows;
}
