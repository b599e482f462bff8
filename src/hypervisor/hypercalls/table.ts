// The hypercall table: hypercall number → family. A number without an entry is -ENOSYS
// (the PV-only calls of x86, and families RISC-V does not offer).
import { domctlFamily } from './domctl.js';
import type { HypercallFamily } from './family.js';
import { sysctlFamily } from './sysctl.js';
import { xenVersionFamily } from './xen-version.js';

export const HYPERCALL_FAMILIES: readonly HypercallFamily[] = [xenVersionFamily, sysctlFamily, domctlFamily].sort((a, b) => a.nr - b.nr);

export const HYPERCALL_TABLE: readonly (HypercallFamily | undefined)[] = (() => {
  const table: (HypercallFamily | undefined)[] = new Array(64).fill(undefined);
  for (const family of HYPERCALL_FAMILIES) table[family.nr] = family;
  return table;
})();
