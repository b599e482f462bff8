// A hostile guest throws 100 000 random hypercalls and SBI calls (random numbers, sub-ops,
// pointers — unmapped, huge, misaligned, into the other domain's machine frames — and
// struct contents) at Xen while the all-hypercalls guest runs beside it: the host never
// throws, the hostile guest only ever gets values or errnos, and the other guest still
// passes every check.
import { describe, expect, it } from 'vitest';
import { GUEST_LAYOUT } from '../../src/hypervisor/abi/decl/guest-layout.js';
import type { Domain } from '../../src/hypervisor/domain.js';
import { bootGuestHost, consoleLines, runGuests, startGuest, stateOf, xlList } from './support/guest-host.js';

/** Enough to cover every family many times over in a few seconds (the guest's default is 200 000). */
const CALLS = 100_000;
const PAGE = 4096;

/** Machine addresses of some of a domain's frames: its first, middle and last RAM pages. */
function machineAddresses(domain: Domain, memoryBytes: number): string[] {
  const first = GUEST_LAYOUT.RAM0_BASE / PAGE;
  const last = first + memoryBytes / PAGE - 1;
  return [first, first + 3, Math.floor((first + last) / 2), last].map((gfn) => `0x${(domain.p2m.lookup(gfn) * PAGE).toString(16)}`);
}

describe('a hostile guest', () => {
  it(`makes ${CALLS} random calls without harming the host or a well-behaved guest`, async () => {
    const gh = await bootGuestHost();
    const memoryBytes = 1024 * 1024;
    const good = await startGuest(gh, 'hypercalls', { vcpus: 2, memoryBytes });
    const targets = [...machineAddresses(good.domain, memoryBytes), ...machineAddresses(gh.host.dom0, 16 * 2 ** 20)];
    // Addresses that fall inside the hostile guest's own RAM are its own memory there, not a target.
    const outside = targets.filter((a) => Number(a) >= GUEST_LAYOUT.RAM0_BASE + memoryBytes || Number(a) < GUEST_LAYOUT.RAM0_BASE).length;
    const hostile = await startGuest(gh, 'hostile', {
      memoryBytes, bootargs: `seed=20260521 calls=${CALLS} targets=${targets.join(',')} good=${good.domain.domid}`,
    });

    await expect(runGuests(gh, [hostile, good])).resolves.toBe(true);

    const report = consoleLines(gh, hostile.domain.domid);
    expect(report[0]).toBe(`hostile: seed 20260521, ${CALLS} calls, ${outside} targets`);
    expect(report).toContain('hostile: 0 results that are not an errno');
    const counted = report.filter((l) => /^hostile: (-(E[A-Z0-9]+|\d+) \d+|\d+ hypercalls returned a value, \d+ SBI calls)$/.test(l))
      .map((l) => l.replace(/^hostile: -(E[A-Z0-9]+|\d+) /, '').match(/\d+/g)?.map(Number) ?? []);
    const total = counted.reduce((sum, numbers) => sum + numbers.reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(CALLS);
    expect(report.some((l) => l.startsWith('hostile: -EFAULT '))).toBe(true);
    expect(report.some((l) => l.startsWith('hostile: -EPERM '))).toBe(true);

    const goodLines = consoleLines(gh, good.domain.domid);
    expect(goodLines.filter((l) => l.startsWith('not ok'))).toEqual([]);
    expect(goodLines.some((l) => /^# \d+ passed, 0 failed$/.test(l))).toBe(true);

    const list = await xlList(gh);
    expect(stateOf(list, 'Domain-0')).toBe('r-----');
    expect(stateOf(list, 'hypercalls')).toBe('---s--');
    expect(stateOf(list, 'hostile')).toBe('---s--');
  });
});
