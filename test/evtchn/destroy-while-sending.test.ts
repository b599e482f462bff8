// A domain destroyed while its peer sends to it from another hart (parallel mode): the
// peer's port goes back to unbound, no hart writes into the destroyed domain's frames
// once they are freed (the data plane waits for every hart to pass a quiescent point
// first), and a new pair built on the freed frames runs cleanly (harts do not mistake
// it for the old one, whose frames it reuses).
import { afterEach, describe, expect, it } from 'vitest';
import { EVTCHNSTAT } from '../../src/hypervisor/abi/decl/event-channel.js';
import { SHUTDOWN } from '../../src/hypervisor/abi/decl/sched-op.js';
import { destroyDomain } from '../../src/toolstack/domain-builder/destroy-domain.js';
import { type GuestHost, bootGuestHost, consoleLines, runGuests } from '../guests/support/guest-host.js';
import { parsePing, startPingpong } from './pingpong-pair.js';

let hosts: GuestHost[] = [];
afterEach(() => {
  for (const gh of hosts) gh.host.shutdown();
  hosts = [];
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('destroying a domain while its peer sends', () => {
  it('leaves the peer unbound and the freed frames to a new pair that runs cleanly', async () => {
    const gh = await bootGuestHost(2, { mode: 'parallel' });
    hosts.push(gh);
    const { host } = gh;
    const first = await startPingpong(gh, 10_000_000, { pingCpu: 0, pongCpu: 1, bootargs: 'spin_us=50' });
    // Let them exchange for a while, on both harts.
    const started = performance.now();
    while (performance.now() - started < 10_000 && !consoleLines(gh, first.ping.domain.domid).some((l) => l.includes('round trips'))) await sleep(5);
    await sleep(300);
    await destroyDomain(host, first.pong.domain.domid);

    // Ping's port: unbound again, offered to the domain that went away; its sends are dropped.
    const bound = /ping port (\d+) bound/.exec(consoleLines(gh, first.ping.domain.domid).join('\n'));
    expect(bound).not.toBeNull();
    expect(host.hv.events.status(first.ping.domain, Number(bound![1]))).toMatchObject({ status: EVTCHNSTAT.unbound, dom: first.pong.domain.domid });
    await destroyDomain(host, first.ping.domain.domid);

    // A new pair reuses the freed frames and exchanges every event exactly once.
    const second = await startPingpong(gh, 20_000, { pingCpu: 0, pongCpu: 1, bootargs: 'spin_us=20' });
    expect(await runGuests(gh, [second.ping, second.pong], 300_000)).toBe(true);
    expect(consoleLines(gh, second.pong.domain.domid)).toContain('pingpong: pong received 20000 events, 0 unhandled');
    expect(parsePing(consoleLines(gh, second.ping.domain.domid))?.replies).toBe(20_000);
    for (const guest of [second.ping, second.pong]) expect(guest.domain.lifecycle.shutdownCode).toBe(SHUTDOWN.poweroff);
    expect(gh.console.join('')).not.toMatch(/hart \d+ stopped|no longer served/);
  }, 400_000);
});
