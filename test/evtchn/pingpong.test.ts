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

describe('pingpong, parallel', () => {
  it('100 000 round trips across two harts: every event taken exactly once, the sends served on the harts', async () => {
    const count = Number(process.env.PINGPONG_COUNT ?? 100_000);
    const gh = await bootGuestHost(2, { mode: 'parallel' });
    hosts.push(gh);
    // A short spin: most events find the other side running, the rest wake it from a block.
    const pair = await startPingpong(gh, count, { pingCpu: 0, pongCpu: 1, bootargs: 'spin_us=20' });
    expect(await runGuests(gh, [pair.ping, pair.pong], 900_000)).toBe(true);
    expect(consoleLines(gh, pair.pong.domain.domid)).toContain(`pingpong: pong received ${count} events, 0 unhandled`);
    expect(parsePing(consoleLines(gh, pair.ping.domain.domid))?.replies).toBe(count);
    for (const guest of [pair.ping, pair.pong]) expect(guest.domain.lifecycle.shutdownCode).toBe(SHUTDOWN.poweroff);
    // 2 × count sends, and fewer slow-path calls than that in all (the blocks and the set-up).
    expect(gh.host.harts!.dataPlane.requests.call).toBeLessThan(count);
  }, 1_000_000);
});

describe('pingpong waiting in SCHEDOP_poll on masked ports, parallel', () => {
  it('20 000 round trips across two harts: each send from the other hart ends the poll, every event taken once', async () => {
    const gh = await bootGuestHost(2, { mode: 'parallel' });
    hosts.push(gh);
    const pair = await startPingpong(gh, 20_000, { pingCpu: 0, pongCpu: 1, bootargs: 'wait=poll' });
    expect(await runGuests(gh, [pair.ping, pair.pong], 300_000)).toBe(true);
    expect(consoleLines(gh, pair.pong.domain.domid)).toContain('pingpong: pong received 20000 events, 0 unhandled');
    expect(parsePing(consoleLines(gh, pair.ping.domain.domid))?.replies).toBe(20_000);
    for (const guest of [pair.ping, pair.pong]) expect(guest.domain.lifecycle.shutdownCode).toBe(SHUTDOWN.poweroff);
  }, 400_000);
});
