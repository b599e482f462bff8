// A hostile guest binding, sending, masking and closing random ports for a long run on
// its own hart, beside a pingpong pair on two others (parallel mode): every call gets a
// value or an errno, the host stays whole, and the pair exchanges every event exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import { SHUTDOWN } from '../../src/hypervisor/abi/decl/sched-op.js';
import { type GuestHost, bootGuestHost, consoleLines, runGuests, startGuest, xlList } from '../guests/support/guest-host.js';
import { parsePing, startPingpong } from './pingpong-pair.js';

let hosts: GuestHost[] = [];
afterEach(() => {
  for (const gh of hosts) gh.host.shutdown();
  hosts = [];
});

const ROUND_TRIPS = 20_000;
const HOSTILE_CALLS = 300_000;

describe('event channels under a hostile guest', () => {
  it('random binds, sends and closes for a long run leave the host intact and a pingpong pair undisturbed', async () => {
    const gh = await bootGuestHost(3, { mode: 'parallel' });
    hosts.push(gh);
    const pair = await startPingpong(gh, ROUND_TRIPS, { pingCpu: 0, pongCpu: 1, bootargs: 'spin_us=20' });
    const hostile = await startGuest(gh, 'evtchn-hostile', {
      name: 'hostile', bootargs: `seed=11 calls=${HOSTILE_CALLS} good=${pair.pong.domain.domid}`,
      spec: { cpus: { kind: 'every-vcpu', set: { kind: 'only', cpus: [2] } } },
    });
    expect(await runGuests(gh, [pair.ping, pair.pong, hostile], 600_000)).toBe(true);

    const hostileLines = consoleLines(gh, hostile.domain.domid);
    expect(hostileLines.join('\n')).toMatch(/^evtchn-hostile: 0 results that are not an errno, [1-9]\d* events taken$/m);
    // Its calls both succeeded and failed in many ways (it really bound, sent and closed).
    const values = /evtchn-hostile: (\d+) calls returned a value/.exec(hostileLines.join('\n'));
    expect(Number(values?.[1])).toBeGreaterThan(HOSTILE_CALLS / 10);
    expect(hostileLines.filter((line) => /^evtchn-hostile: -E[A-Z]+ \d+$/.test(line)).length).toBeGreaterThanOrEqual(4);
    expect(hostile.domain.lifecycle.shutdownCode).toBe(SHUTDOWN.poweroff);

    expect(consoleLines(gh, pair.pong.domain.domid)).toContain(`pingpong: pong received ${ROUND_TRIPS} events, 0 unhandled`);
    expect(parsePing(consoleLines(gh, pair.ping.domain.domid))?.replies).toBe(ROUND_TRIPS);
    for (const guest of [pair.ping, pair.pong]) expect(guest.domain.lifecycle.shutdownCode).toBe(SHUTDOWN.poweroff);

    // The host still answers the toolstack, and no hart stopped.
    expect(await xlList(gh)).toMatch(/^hostile /m);
    expect(gh.console.join('')).not.toMatch(/hart \d+ stopped|no longer served/);
  }, 700_000);
});
