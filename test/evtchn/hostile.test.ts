// A hostile sequence: random event_channel_op sub-ops with random ports, vCPUs, domains
// and garbage structures from two domUs never throw in the host, and the port tables
// stay consistent: every interdomain port's peer points back at it.
import { describe, expect, it } from 'vitest';
import { HYPERCALL } from '../../src/hypervisor/abi/decl/hypercalls.js';
import type { EventChannels } from '../../src/evtchn/event-channels.js';
import type { Domain } from '../../src/hypervisor/domain.js';
import { twoGuests } from './evtchn-host.js';

const ARG = 0x8000_1000;

/** xorshift32: the same sequence every run. */
function random(seed: number): (below: number) => number {
  let x = seed;
  return (below) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % below;
  };
}

describe('event_channel_op under a hostile guest', () => {
  it('20k random calls never throw; every interdomain pair stays consistent along the way', () => {
    const { host, a, b } = twoGuests(3);
    const guests = [a, b];
    const next = random(0x5eed);
    const interesting = [0, 1, 2, 3, 5, 63, 64, 65, 1023, 1024, 4095, 4096, 0xffff_ffff];
    const word = (): number => (next(4) === 0 ? next(0x1_0000_0000) : interesting[next(interesting.length)]!);
    const domid = (): number => [a.domid, b.domid, a.domid, b.domid, 0x7ff0, 0x7ff0, 0, 0x7ff2, next(0x10000)][next(9)]!;
    const results = new Set<number>();
    let pairsChecked = 0;
    for (let i = 0; i < 20_000; i++) {
      const g = guests[next(2)]!;
      const bytes = new DataView(new ArrayBuffer(24));
      if (next(2) === 0) {
        // Plausible: domains in both u16 slots of word 0 (alloc_unbound, bind_interdomain, status,
        // reset), small ports and vCPUs after it, so that binds, sends and closes succeed.
        bytes.setUint16(0, domid(), true);
        bytes.setUint16(2, domid(), true);
        for (let at = 4; at < 24; at += 4) bytes.setUint32(at, next(8), true);
        if (next(3) === 0) bytes.setUint32(0, next(next(2) === 0 ? 8 : 24), true);
      } else {
        for (let at = 0; at < 24; at += 4) bytes.setUint32(at, word(), true);
      }
      g.domain.memory.write(ARG, new Uint8Array(bytes.buffer));
      const pointer = next(20) === 0 ? word() : ARG;
      const cmd = next(16);
      const rc = host.hv.dispatch(g.domain.vcpus[next(3)]!, HYPERCALL.event_channel_op, cmd, pointer);
      results.add(rc);
      if (next(5000) === 0) host.hv.events.reset(g.domain);
      if (i % 100 === 0) for (const domain of [a.domain, b.domain]) pairsChecked += expectConsistent(host.hv.events, domain, (id) => host.hv.domain(id));
    }
    // Both successes and many distinct errors happened, and pairs were checked.
    expect(results.has(0)).toBe(true);
    expect(results.size).toBeGreaterThan(5);
    expect(pairsChecked).toBeGreaterThan(10);
  });
});

/** Checks every interdomain port of `domain` against its peer; returns how many it checked. */
function expectConsistent(
  events: EventChannels,
  domain: Domain,
  lookup: (domid: number) => Domain | undefined,
): number {
  const table = events.table(domain);
  let checked = 0;
  for (const port of table.boundPorts()) {
    const channel = table.get(port);
    if (channel.state !== 'interdomain') continue;
    const peer = lookup(channel.remoteDomid)!;
    const back = events.table(peer).get(channel.remotePort);
    expect(back).toMatchObject({ state: 'interdomain', remoteDomid: domain.domid, remotePort: port });
    checked++;
  }
  return checked;
}
