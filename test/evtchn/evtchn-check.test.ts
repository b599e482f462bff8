// The evtchn-check guest: event channels as a guest with two vCPUs sees them, with sends
// and unmasks served on the hart's fast path, in both execution modes.
import { afterEach, describe, expect, it } from 'vitest';
import { SHUTDOWN } from '../../src/hypervisor/abi/decl/sched-op.js';
import type { ExecutionMode } from '../../src/hypervisor/dataplane/guest-harts.js';
import { type GuestHost, bootGuestHost, consoleLines, runGuests, startGuest } from '../guests/support/guest-host.js';

let hosts: GuestHost[] = [];
afterEach(() => {
  for (const gh of hosts) gh.host.shutdown();
  hosts = [];
});

describe.each<[ExecutionMode, number]>([['deterministic', 2_000_000], ['parallel', 60_000]])('evtchn-check, %s', (mode, limit) => {
  it('mask/unmask, bind_vcpu, close while the peer sends, reset and poll timeouts behave as in Xen', async () => {
    const gh = await bootGuestHost(2, { mode });
    hosts.push(gh);
    const guest = await startGuest(gh, 'evtchn-check', { vcpus: 2 });
    expect(await runGuests(gh, [guest], limit)).toBe(true);
    const lines = consoleLines(gh, guest.domain.domid);
    expect(lines.filter((line) => line.startsWith('not ok'))).toEqual([]);
    expect(lines.filter((line) => line.startsWith('ok')).length).toBeGreaterThan(30);
    expect(guest.domain.lifecycle.shutdownCode).toBe(SHUTDOWN.poweroff);
    // The poll ended at its timeout with its set of ports gone.
    expect(guest.domain.vcpus[0]!.pollPorts).toEqual([]);
    expect(guest.domain.vcpus[0]!.timers.pollDeadline).toBeUndefined();
  });
});
