// The hypercall table: hypercall number → family. A number without an entry is -ENOSYS
// (the PV-only calls of x86, and families RISC-V does not offer).
import { consoleIoFamily } from './console-io.js';
import { domctlFamily } from './domctl.js';
import { eventChannelOpFamily } from './event-channel-op.js';
import type { HypercallFamily } from './family.js';
import { grantTableOpFamily } from './grant-table-op.js';
import { hvmOpFamily } from './hvm-op.js';
import { memoryOpFamily } from './memory-op.js';
import { multicallFamily } from './multicall.js';
import { schedOpFamily } from './sched-op.js';
import { sysctlFamily } from './sysctl.js';
import { vcpuOpFamily } from './vcpu-op.js';
import { xenVersionFamily } from './xen-version.js';
import { xsmOpFamily } from './xsm-op.js';

export const HYPERCALL_FAMILIES: readonly HypercallFamily[] = [
  memoryOpFamily, multicallFamily, xenVersionFamily, consoleIoFamily, vcpuOpFamily, xsmOpFamily, schedOpFamily,
  hvmOpFamily, sysctlFamily, domctlFamily, eventChannelOpFamily, grantTableOpFamily,
].sort((a, b) => a.nr - b.nr);

export const HYPERCALL_TABLE: readonly (HypercallFamily | undefined)[] = (() => {
  const table: (HypercallFamily | undefined)[] = new Array(64).fill(undefined);
  for (const family of HYPERCALL_FAMILIES) table[family.nr] = family;
  return table;
})();
