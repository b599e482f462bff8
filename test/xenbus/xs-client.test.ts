// The xs-client guest talks to the host's xenstored over its ring (the domain builder's
// magic page and event channel, XS_INTRODUCE): the same answers as a client over the
// daemon's unix socket, the unprivileged quotas confined to the guest that hits them, and
// XS_RELEASE with @releaseDomain when the domain is destroyed.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { destroyDomain } from '../../src/toolstack/domain-builder/destroy-domain.js';
import { connectLocal } from '../../src/xenstore/local-client.js';
import { SocketServer } from '../../src/xenstore/socket-server.js';
import { type Guest, type GuestHost, type GuestOptions, bootGuestHost, consoleLines, runGuests, startGuest } from '../guests/support/guest-host.js';
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
