// The hypercall-cost guest runs its loops and reports, per call, the virtual time and the
// instructions it retired (counts, not wall time: the wall-time figures are in
// bench/hypercall-guest.mjs).
import { describe, expect, it } from 'vitest';
import { bootGuestHost, consoleLines, runGuests, startGuest } from './support/guest-host.js';

const RESULT = /^bench: (.+): 2000 calls, (\d+)\.(\d) ns and (\d+) instructions per call$/;

describe('the hypercall-cost guest', () => {
  it('reports virtual time and instructions per call for each loop', async () => {
    const gh = await bootGuestHost();
    const guest = await startGuest(gh, 'hcbench', { bootargs: 'calls=2000' });
    await runGuests(gh, [guest]);
    const results = new Map<string, { ns: number; instructions: number }>();
    for (const line of consoleLines(gh, guest.domain.domid)) {
      const m = RESULT.exec(line);
      if (m) results.set(m[1], { ns: Number(`${m[2]}.${m[3]}`), instructions: Number(m[4]) });
    }
    expect([...results.keys()]).toEqual(['empty loop', 'xen_version version', 'memory_op current_reservation', 'sched_op yield']);
    const empty = results.get('empty loop')!;
    for (const [name, { ns, instructions }] of results) {
      // 1 GHz at one instruction per cycle: the virtual time is the instructions retired.
      expect(ns, name).toBeCloseTo(instructions, -1);
      if (name !== 'empty loop') expect(instructions, name).toBeGreaterThan(empty.instructions);
      expect(instructions, name).toBeLessThan(20);
    }
    expect(guest.domain.lifecycle.shutdownCode).toBe(0);
  });
});
