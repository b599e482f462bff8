// The pingpong guests: two domains bound interdomain bounce an event back and forth;
// each takes exactly one event per send of the other.
import { SHUTDOWN } from '../../src/hypervisor/abi/decl/sched-op.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type GuestHost, bootGuestHost, consoleLines, runGuests } from '../guests/support/guest-host.js';
import { parsePing, startPingpong } from './pingpong-pair.js';

let hosts: GuestHost[] = [];
afterEach(() => {
  for (const gh of hosts) gh.host.shutdown();
  hosts = [];
});

describe('pingpong, deterministic', () => {
  it('500 round trips on one hart: every event taken once, latencies printed', async () => {
    const gh = await bootGuestHost(1);
    hosts.push(gh);
    const pair = await startPingpong(gh, 500);
    const done = await runGuests(gh, [pair.ping, pair.pong]);
    expect(done).toBe(true);
    const ping = consoleLines(gh, pair.ping.domain.domid);
    const pong = consoleLines(gh, pair.pong.domain.domid);
    expect(pong).toContain('pingpong: pong received 500 events, 0 unhandled');
    expect(parsePing(ping)?.replies).toBe(500);
    for (const guest of [pair.ping, pair.pong]) expect(guest.domain.lifecycle.shutdownCode).toBe(SHUTDOWN.poweroff);
  });
});
