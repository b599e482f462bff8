// Guest domains over their ring pages: relative paths, permissions, the
// unprivileged quotas and their isolation, SET_TARGET, reconnection, release.
import { describe, expect, it } from 'vitest';
import { encodeFrame, Msg } from '../../src/xenstore/wire.js';
import { RingConnection, RingError } from '../../src/xenstore/ring-page.js';
import { makeWorld, outcome } from './guests.js';

describe('xenstored guest domains over the ring', () => {
  it('resolves relative paths below /local/domain/<domid> and makes the guest own what it creates', async () => {
    const world = makeWorld();
    const guest = await world.guest(5);
    await guest.write('device/vif/0/state', '1');
    expect(await world.dom0.read('/local/domain/5/device/vif/0/state')).toBe('1');
    expect(await world.dom0.getPerms('/local/domain/5/device/vif/0/state')).toEqual(['n5']);
    expect(await guest.call(Msg.GET_DOMAIN_PATH, '5\0')).toEqual(Buffer.from('/local/domain/5\0'));
  });

  it('inherits the parent permission list with the creator as owner', async () => {
    const world = makeWorld();
    const guest = await world.guest(5);
    await world.dom0.setPerms('/local/domain/5', ['n5', 'r0', 'b7']);
    await guest.write('a/b', 'v');
    expect(await world.dom0.getPerms('/local/domain/5/a')).toEqual(['n5', 'r0', 'b7']);
    await world.dom0.write('/local/domain/5/c', 'v');
    expect(await world.dom0.getPerms('/local/domain/5/c')).toEqual(['n5', 'r0', 'b7']);
  });

  it.each([
    ['read a dom0-only node', (g: GuestClient) => g.read('/tool/xenstored'), 'EACCES'],
    ['read below an unreadable node', (g: GuestClient) => g.read('/tool/missing/deeper'), 'EACCES'],
    ['read a missing node in its own tree', (g: GuestClient) => g.read('missing'), 'ENOENT'],
    ['write a dom0-only node', (g: GuestClient) => g.write('/tool/x', '1'), 'EACCES'],
    ['remove a dom0-only node', (g: GuestClient) => g.rm('/tool'), 'EACCES'],
    ['give its node away', (g: GuestClient) => g.setPerms('/local/domain/5', ['n0']), 'EPERM'],
    ['set perms on a node it does not own', (g: GuestClient) => g.setPerms('/local/domain/5/shared', ['n5']), 'EACCES'],
    ['introduce a domain', (g: GuestClient) => g.introduce(9, 1, 1), 'EACCES'],
    ['ask IS_DOMAIN_INTRODUCED', (g: GuestClient) => g.call(Msg.IS_DOMAIN_INTRODUCED, '0\0'), 'EACCES'],
    ['send CONTROL', (g: GuestClient) => g.control('quota'), 'EACCES'],
    ['write where it has w via a later entry', (g: GuestClient) => g.write('/local/domain/5/shared', 'x'), 'OK'],
  ])('refuses or allows a guest to %s', async (_name, action, expected) => {
    const world = makeWorld();
    const guest = await world.guest(5);
    await world.dom0.write('/local/domain/5/shared', '');
    await world.dom0.setPerms('/local/domain/5/shared', ['r0', 'w5']);
    expect(await outcome(action(guest))).toBe(expected);
  });

  it('enforces the C quotas on a guest with C errors, without touching another domain', async () => {
    const world = makeWorld();
    world.store.quotas.set('nodes', '20');
    const [guest, neighbour] = [await world.guest(5), await world.guest(6)];
    let created = 0;
    while ((await outcome(guest.write(`n${created}`, ''))) === 'OK') created++;
    expect(world.store.tree.ownedBy(5)).toBe(20); // its domain directory and 19 nodes
    expect(await outcome(guest.write('another', ''))).toBe('ENOSPC');
    expect(await outcome(neighbour.write('fine', ''))).toBe('OK');
    expect(await outcome(guest.write('big', 'x'.repeat(2000)))).toBe('ENOSPC'); // still over the node quota
    await guest.rm(`n${created - 1}`);
    expect(await outcome(guest.write('big', 'x'.repeat(2040)))).toBe('ENOSPC');
    expect(await outcome(guest.write('big', 'x'.repeat(2000)))).toBe('OK');
    expect(await outcome(guest.setPerms('big', ['n5', 'r1', 'r2', 'r3', 'r4', 'r6']))).toBe('ENOSPC');
    expect(await outcome(guest.setPerms('n0', ['n5', 'r1', 'r2', 'r3', 'r4']))).toBe('OK');
    expect(await outcome(world.dom0.write('/local/domain/5/dom0-may', 'x'.repeat(3000)))).toBe('OK');
  });

  it('allows 129 watches and 11 transactions (C checks the count before adding), then ENOSPC', async () => {
    const world = makeWorld();
    const guest = await world.guest(5);
    for (let i = 0; i < 129; i++) await guest.watch(`w${i}`, 't');
    expect(await outcome(guest.watch('w129', 't'))).toBe('ENOSPC');
    for (let i = 0; i < 11; i++) await guest.transactionStart();
    expect(await outcome(guest.transactionStart())).toBe('ENOSPC');
    expect(await outcome(world.dom0.watch('/w129', 't'))).toBe('OK');
  });

  it('limits the nodes one transaction may touch', async () => {
    const world = makeWorld();
    world.store.quotas.set('transaction-nodes', '8');
    const guest = await world.guest(5);
    const tx = await guest.transactionStart();
    const results: string[] = [];
    for (let i = 0; i < 12; i++) results.push(await outcome(guest.write(`t${i}`, 'v', tx)));
    expect(results).toContain('ENOSPC');
    expect(results[0]).toBe('OK');
  });

  it('moves 2000-byte values through the 1024-byte rings', async () => {
    const world = makeWorld();
    const guest = await world.guest(5);
    const value = Buffer.alloc(2000, 'q');
    for (let i = 0; i < 5; i++) await guest.write(`big${i}`, value);
    const reads = await Promise.all(Array.from({ length: 5 }, (_, i) => guest.read(`big${i}`)));
    expect(reads.every((r) => r === value.toString())).toBe(true);
  });

  it('lets a SET_TARGET device model act on its target domain nodes', async () => {
    const world = makeWorld();
    const [stubdom] = [await world.guest(8), await world.guest(9)];
    expect(await outcome(stubdom.read('/local/domain/9'))).toBe('EACCES');
    await world.dom0.call(Msg.SET_TARGET, '8\0' + '9\0');
    expect(await outcome(stubdom.write('/local/domain/9/dm', 'running'))).toBe('OK');
  });

  it('resets the connection on request: watches and transactions are gone, the tree is not', async () => {
    const world = makeWorld();
    const guest = await world.guest(5);
    await guest.write('keep', '1');
    await guest.watch('keep', 'tok');
    const tx = await guest.transactionStart();
    const page = world.host.slots.get(5)?.guest?.page;
    if (!page) throw new Error('no page');
    page.connection = RingConnection.RECONNECT;
    world.host.slots.get(5)?.serverEvent?.();
    expect(page.connection).toBe(RingConnection.CONNECTED);
    expect(world.store.domains.get(5)?.connection.watches).toEqual([]);
    expect(await outcome(guest.transactionEnd(tx, true))).toBe('ENOENT');
    expect(await guest.read('keep')).toBe('1');
  });

  it('stops serving a guest that corrupts its ring indices, and others continue', async () => {
    const world = makeWorld();
    const [bad, good] = [await world.guest(5), await world.guest(6)];
    const page = world.host.slots.get(5)?.guest?.page;
    if (!page) throw new Error('no page');
    page.setWord(2052 / 4, page.word(2048 / 4) + 5000);
    world.host.slots.get(5)?.serverEvent?.();
    expect(page.error).toBe(RingError.RINGIDX);
    void bad;
    expect(await good.read('/local/domain/6')).toBe('');
  });

  it('throttles a guest that does not read its replies (outstanding quota)', async () => {
    const world = makeWorld();
    await world.guest(5);
    const page = world.host.slots.get(5)?.guest?.page;
    const serve = world.host.slots.get(5)?.serverEvent;
    if (!page || !serve) throw new Error('no page');
    // Write requests straight into the ring and never consume replies.
    const request = encodeFrame(Msg.READ, 0, 0, '/local/domain/5\0');
    let accepted = 0;
    for (let i = 0; i < 200; i++) {
      if (page.requests.space() < request.length) break;
      page.requests.put(request);
      accepted++;
      serve();
    }
    // The response ring fills, then 20 replies queue, then requests stay in the guest's ring.
    expect(accepted).toBeLessThan(200);
    expect(page.requests.pending()).toBeGreaterThan(0);
    expect(page.responses.space()).toBe(0);
  });

  it('on RELEASE drops the connection, fires @releaseDomain and removes the nodes the domain owned', async () => {
    const world = makeWorld();
    const guest = await world.guest(5);
    await guest.write('data', '1');
    await world.dom0.release(5);
    await world.dom0.read('/tool');
    expect(await outcome(world.dom0.read('/local/domain/5'))).toBe('ENOENT');
    expect(await outcome(world.dom0.call(Msg.IS_DOMAIN_INTRODUCED, '5\0'))).toBe('OK');
    expect((await world.dom0.call(Msg.IS_DOMAIN_INTRODUCED, '5\0')).toString()).toBe('F\0');
    expect(world.store.connections.size).toBe(1);
  });
});

type GuestClient = Awaited<ReturnType<ReturnType<typeof makeWorld>['guest']>>;
