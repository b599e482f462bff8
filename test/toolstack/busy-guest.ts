// A guest for xl commands that act on a running domain: hcbench with a call count so large
// that its one vCPU stays busy for far longer than any test runs.
import { guestElf } from './create-support.js';

export const busyGuest = (name = 'busy', extra: readonly string[] = []): string[] => [
  `name = "${name}"`, `kernel = "${guestElf('hcbench')}"`, 'memory = 2', 'extra = "calls=1000000000"', ...extra,
];
