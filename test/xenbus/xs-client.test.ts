// The xs-client guest talks to the host's xenstored over its ring (the domain builder's
// magic page and event channel, XS_INTRODUCE): the same answers as a client over the
// daemon's unix socket, the unprivileged quotas confined to the guest that hits them, and
// XS_RELEASE with @releaseDomain when the domain is destroyed.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { destroyDomain } from '../../src/toolstack/domain-builder/destroy-domain.js';
import { connectLocal } from '../../src/xenstore/local-client.js';
import { SocketServer } from '../../src/xenstore/socket-server.js';
import { type Guest, type GuestHost, type GuestOptions, bootGuestHost, consoleLines, runGuests, startGuest } from '../guests/support/guest-host.js';
import { collectOutput } from '../../src/toolstack/xl/output.js';
import { runXl } from '../../src/toolstack/xl/xl.js';
import { createHost, domidOf, runFor } from '../toolstack/create-support.js';
import { socketClient, tempDir } from '../xenstore/support.js';
import { replay } from './transcript-replay.js';

const sockets = tempDir('xenbus-');
afterAll(() => sockets.remove());

async function runXsClient(gh: GuestHost, options: GuestOptions = {}): Promise<{ guest: Guest; lines: string[] }> {
  const guest = await startGuest(gh, 'xs-client', { vcpus: 2, ...options });
  expect(await runGuests(gh, [guest])).toBe(true);
  return { guest, lines: consoleLines(gh, guest.domain.domid) };
}

describe('xs-client on its xenstore ring', () => {
  it('gets the answers a client of the same xenstored gets over the unix socket', async () => {
    const gh = await bootGuestHost(2);
    const { guest, lines } = await runXsClient(gh);
    const domid = guest.domain.domid;
    expect(lines).toContain('read name -> xs-client');
    expect(lines).toContain('transaction data/counter 2x10 -> 20');
    expect(lines).toContain('contended yes');
    expect(lines.at(-1)).toBe('xs-client: done');
    expect(guest.domain.state).toBe('shutdown');

    // The guest's data directory as the builder left it, then the same requests over the socket.
    await gh.host.xs.rm(`/local/domain/${domid}/data`);
    await gh.host.xs.mkdir(`/local/domain/${domid}/data`);
    await gh.host.xs.setPerms(`/local/domain/${domid}/data`, [`n${domid}`]);
    const server = new SocketServer(gh.host.xenstored);
    const path = join(sockets.path, 'replay.sock');
    await server.listen(path);
    const opened: (() => void)[] = [];
    try {
      const replayed = await replay(lines, domid, async () => {
        const { client, close } = await socketClient(path);
        opened.push(close);
        return client;
      });
      expect(replayed).toEqual(lines);
    } finally {
      for (const close of opened) close();
      await server.close();
    }
  });

  it('a guest past its node quota gets ENOSPC and goes on; a guest beside it is untouched', async () => {
    const gh = await bootGuestHost(2);
    gh.host.xenstored.quotas.set('nodes', '40');
    const greedy = await startGuest(gh, 'xs-client', { name: 'greedy', bootargs: 'mode=quota' });
    const neighbour = await startGuest(gh, 'xs-client', { name: 'neighbour', vcpus: 2 });
    expect(await runGuests(gh, [greedy, neighbour])).toBe(true);
    const greedyLines = consoleLines(gh, greedy.domain.domid);
    // 40 nodes: the 9 directories the builder made it own, data/q, then 30 children.
    expect(greedyLines).toEqual([
      'xs-client: mode quota',
      'quota: wrote 30 nodes, then ENOSPC',
      'read name -> greedy',
      'rm data/q -> OK',
      'write data/after fine -> OK',
      'xs-client: done',
    ]);
    const neighbourLines = consoleLines(gh, neighbour.domain.domid);
    expect(neighbourLines).toContain('transaction data/counter 2x10 -> 20');
    expect(neighbourLines.filter((line) => /-> E[A-Z0-9]+$/.test(line))).toEqual(['read data/missing -> ENOENT', 'rm data/missing/deeper -> ENOENT']);
    expect(neighbourLines.at(-1)).toBe('xs-client: done');
  });

  it('destroying the domain releases it: @releaseDomain fires, its connection and nodes go', async () => {
    const gh = await bootGuestHost(2);
    const { guest } = await runXsClient(gh);
    const domid = guest.domain.domid;
    const watcher = connectLocal(gh.host.xenstored, 0).client;
    await watcher.watch('@releaseDomain', 'released');
    expect(await watcher.nextEvent()).toEqual(['@releaseDomain', 'released']); // the registration's own event
    expect(gh.host.xenstored.domains.get(domid)).toBeDefined();
    expect(await gh.host.xs.read(`/local/domain/${domid}/data/greeting`)).toBe('hello from the ring');

    await destroyDomain(gh.host, domid);
    expect(await watcher.nextEvent()).toEqual(['@releaseDomain', 'released']);
    expect(gh.host.xenstored.domains.get(domid)).toBeUndefined();
    expect(gh.host.xenstored.tree.ownedBy(domid)).toBe(0);
    await expect(gh.host.xs.read(`/local/domain/${domid}`)).rejects.toMatchObject({ errno: 'ENOENT' });
  });
});

describe('xs-client on its xenstore ring, hart workers', () => {
  it('prints the same transcript as on the deterministic harts', async () => {
    const deterministic = await bootGuestHost(2);
    const expected = (await runXsClient(deterministic)).lines;
    const gh = await bootGuestHost(2, { mode: 'parallel' });
    try {
      const guest = await startGuest(gh, 'xs-client', { vcpus: 2 });
      expect(await runGuests(gh, [guest], 60_000)).toBe(true);
      expect(consoleLines(gh, guest.domain.domid)).toEqual(expected);
    } finally {
      await gh.host.harts?.stop();
    }
  });
});

describe('XS_INTRODUCE with the hypervisor behind it', () => {
  it('refuses a page the domain does not own, a port it did not offer dom0, or no domain; accepts its own', async () => {
    const gh = await bootGuestHost(2);
    const guest = await startGuest(gh, 'xs-client', { paused: true });
    const domid = guest.domain.domid;
    const gfn = Number(await gh.host.xs.read(`/local/domain/${domid}/store/ring-ref`));
    const port = Number(await gh.host.xs.read(`/local/domain/${domid}/store/port`));
    await gh.host.xs.release(domid);
    const introduce = (d: number, g: number, p: number) => gh.host.xs.introduce(d, g, p).then(() => 'OK', (error: { errno: string }) => error.errno);
    expect(await introduce(domid, 0x1234, port)).toBe('EINVAL'); // nothing mapped there
    expect(await introduce(domid, gfn, 999)).toBe('EINVAL'); // no such port
    expect(await introduce(42, gfn, port)).toBe('EINVAL'); // no such domain
    expect(gh.host.xenstored.domains.get(domid)).toBeUndefined();
    expect(await introduce(domid, gfn, port)).toBe('OK');
    // RELEASE removed the nodes the domain owned, as C does: its data directory comes back.
    await gh.host.xs.mkdir(`/local/domain/${domid}/data`);
    await gh.host.xs.setPerms(`/local/domain/${domid}/data`, [`n${domid}`]);
    gh.host.xc.unpauseDomain(domid);
    expect(await runGuests(gh, [guest])).toBe(true);
    expect(consoleLines(gh, domid).at(-1)).toBe('xs-client: done');
  });
});

describe('xs-client made by xl create', () => {
  it('runs from its shipped xl.cfg to the end and is destroyed on poweroff', async () => {
    const dp = await createHost(2);
    const cfg = fileURLToPath(new URL('../../guests/xs-client/xs-client.cfg', import.meta.url));
    expect(await runXl(dp.host, ['create', cfg], collectOutput())).toBe(0);
    const domid = await domidOf(dp.host, 'xs-client');
    expect(await runFor(dp, () => dp.host.hv.domain(domid ?? -1) === undefined)).toBe(true);
    const dmesg = collectOutput();
    await runXl(dp.host, ['dmesg'], dmesg);
    expect(dmesg.stdout).toContain(`(d${domid}) contended yes\n(d${domid}) rm data/dir -> OK`);
    expect(dmesg.stdout).toContain(`(d${domid}) xs-client: done`);
    expect(dp.host.xenstored.domains.get(domid ?? -1)).toBeUndefined();
  });
});
