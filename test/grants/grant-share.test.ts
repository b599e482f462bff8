// The grant-share guests end to end: a granter and a mapper domain on the harts.
import { afterEach, describe, expect, it } from 'vitest';
import { XEN_DOMCTL } from '../../src/hypervisor/abi/decl/domctl.js';
import { SHUTDOWN } from '../../src/hypervisor/abi/decl/sched-op.js';
import { type Guest, type GuestHost, bootGuestHost, consoleLines, runGuests, startGuest } from '../guests/support/guest-host.js';

let hosts: GuestHost[] = [];
afterEach(() => {
  for (const gh of hosts) gh.host.shutdown();
  hosts = [];
});

/**
 * Builds the mapper, then the granter with the mapper's id, both paused. The toolstack
 * introduces the granter to the mapper by offering it one of the mapper's ports (domain
 * ids are handed out in order, so the granter's id is known before it exists; checked).
 */
async function startPair(gh: GuestHost, granterArgs = '', mapperArgs = '', mapperVcpus = 1): Promise<{ granter: Guest; mapper: Guest }> {
  const mapper = await startGuest(gh, 'grant-share', { name: 'mapper', paused: true, vcpus: mapperVcpus, bootargs: `role=mapper ${mapperArgs}` });
  const granterDomid = mapper.domain.domid + 1;
  gh.host.xc.evtchnAllocUnbound(mapper.domain.domid, granterDomid);
  const granter = await startGuest(gh, 'grant-share', { name: 'granter', paused: true, bootargs: `role=granter peer=${mapper.domain.domid} ${granterArgs}` });
  if (granter.domain.domid !== granterDomid) throw new Error(`the granter is d${granter.domain.domid}, introduced as d${granterDomid}`);
  for (const guest of [mapper, granter]) gh.host.xc.domctl(XEN_DOMCTL.unpausedomain, guest.domain.domid, {});
  return { granter, mapper };
}

describe('grant-share guests', () => {
  it('the mapper writes into the granted page, copies both ways, and is refused once the grant is revoked', async () => {
    const gh = await bootGuestHost(2);
    hosts.push(gh);
    const { granter, mapper } = await startPair(gh);
    expect(await runGuests(gh, [granter, mapper])).toBe(true);
    const granterLines = consoleLines(gh, granter.domain.domid);
    const mapperLines = consoleLines(gh, mapper.domain.domid);
    expect(granterLines).toContain("grant-share: granter sees 'written by the mapper'");
    expect(mapperLines.filter((line) => line.startsWith('not ok'))).toEqual([]);
    expect(granterLines.filter((line) => line.startsWith('not ok'))).toEqual([]);
    expect(mapperLines.some((line) => /^ok \d+ - copy across a page boundary$/.test(line))).toBe(true);
    expect(mapperLines.some((line) => /^ok \d+ - map the revoked grant$/.test(line))).toBe(true);
    expect(granterLines.some((line) => /^ok \d+ - revoke the shared page$/.test(line))).toBe(true);
    expect([granter.domain.lifecycle.shutdownCode, mapper.domain.lifecycle.shutdownCode]).toEqual([SHUTDOWN.poweroff, SHUTDOWN.poweroff]);
  });

  it('a store into a read-only grant mapping crashes the mapper alone; the granted page is unchanged', async () => {
    const gh = await bootGuestHost(2);
    hosts.push(gh);
    const { granter, mapper } = await startPair(gh, 'timeout_ms=20', 'write_ro=1');
    expect(await runGuests(gh, [granter, mapper])).toBe(true);
    const mapperLines = consoleLines(gh, mapper.domain.domid);
    expect(mapperLines).toContain('grant-share: storing into the read-only mapping');
    expect(mapperLines).not.toContain('grant-share: the store went through');
    expect(mapper.domain.lifecycle.shutdownCode).toBe(SHUTDOWN.crash);
    expect(gh.console.join('')).toMatch(new RegExp(`d${mapper.domain.domid}v0 .*crashing the domain`));
    // The granter carries on: it sees its status page as it wrote it, and powers off.
    expect(consoleLines(gh, granter.domain.domid)).toContain(`grant-share: no answer from d${mapper.domain.domid}; status phase 1`);
    expect(granter.domain.lifecycle.shutdownCode).toBe(SHUTDOWN.poweroff);
  });

  for (const mode of ['deterministic', 'parallel'] as const) {
    it(`an unmap returns only when no vCPU of the mapper can reach the page any more (${mode})`, async () => {
      const gh = await bootGuestHost(3, { mode });
      hosts.push(gh);
      const { granter, mapper } = await startPair(gh, 'timeout_ms=20', 'watch_unmap=1', 2);
      expect(await runGuests(gh, [granter, mapper])).toBe(true);
      const mapperLines = consoleLines(gh, mapper.domain.domid);
      expect(mapperLines.filter((line) => line.startsWith('not ok'))).toEqual([]);
      // vCPU 1 had the page's translation in use on its hart until the unmap ...
      expect(mapperLines.find((line) => line.includes('reading it after the unmap'))).toMatch(/read the mapped page [1-9]\d* times/);
      // ... and after it, its read faults: the mapper alone crashes.
      expect(mapperLines.some((line) => line.includes('the read after the unmap went through'))).toBe(false);
      expect(mapper.domain.lifecycle.shutdownCode).toBe(SHUTDOWN.crash);
      expect(gh.console.join('')).toMatch(new RegExp(`d${mapper.domain.domid}v1 .*GuestPageFault.*crashing the domain`));
      // The unmap itself completed: the granter saw the grant idle and revoked it.
      expect(consoleLines(gh, granter.domain.domid).some((line) => /^ok \d+ - revoke the shared page$/.test(line))).toBe(true);
    });
  }
});
