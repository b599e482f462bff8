// Watches (spec §1.7): initial event, subtree matching, RM order, relative
// paths, depth, special events and their permissions.
import { describe, expect, it } from 'vitest';
import { connectLocal } from '../../src/xenstore/local-client.js';
import { makeWorld, outcome } from './guests.js';

async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

describe('xenstored watches', () => {
  it('fires once at registration, even for a missing node, then for the node and its descendants', async () => {
    const { dom0, store } = makeWorld();
    const watcher = connectLocal(store).client;
    await watcher.watch('/w', 'tok');
    await dom0.write('/w/a/b', '1');
    await dom0.write('/other', '1');
    await dom0.write('/w', 'same');
    await dom0.write('/w', 'same');
    await settle();
    expect(watcher.events).toEqual([['/w', 'tok'], ['/w/a/b', 'tok'], ['/w', 'tok'], ['/w', 'tok']]);
  });

  it('reports an RM as exact events for removed watched descendants (children first), then the root', async () => {
    const { dom0, store } = makeWorld();
    const watcher = connectLocal(store).client;
    await dom0.write('/a/b/c', 'x');
    await dom0.write('/a/e', 'z');
    await watcher.watch('/a/e', 'e');
    await watcher.watch('/a/b/c', 'c');
    await watcher.watch('/a/b', 'b');
    await watcher.watch('/', 'root');
    await watcher.watch('/a/never', 'n');
    await settle();
    watcher.events.length = 0;
    await dom0.rm('/a');
    await settle();
    expect(watcher.events).toEqual([['/a/b/c', 'c'], ['/a/b', 'b'], ['/a/e', 'e'], ['/a', 'root']]);
  });

  it('sends relative event paths to relative watches and honours depth', async () => {
    const { dom0, store } = makeWorld();
    const watcher = connectLocal(store).client;
    await watcher.watch('rel', 'r');
    await watcher.call(4, '/d\0shallow\0' + '1\0');
    await dom0.write('/local/domain/0/rel/x', '1');
    await dom0.write('/d/one', '1');
    await dom0.write('/d/one/two', '1');
    await settle();
    expect(watcher.events).toEqual([['rel', 'r'], ['/d', 'shallow'], ['rel/x', 'r'], ['/d/one', 'shallow']]);
  });

  it('refuses a duplicate watch and removes one with UNWATCH', async () => {
    const { dom0, store } = makeWorld();
    const watcher = connectLocal(store).client;
    await watcher.watch('/w', 'tok');
    expect(await outcome(watcher.watch('/w', 'tok'))).toBe('EEXIST');
    await watcher.unwatch('/w', 'tok');
    await dom0.write('/w', '1');
    await settle();
    expect(watcher.events).toEqual([['/w', 'tok']]);
  });

  it('fires @introduceDomain and @releaseDomain only on exact watches, before the reply', async () => {
    const world = makeWorld();
    const watcher = connectLocal(world.store).client;
    await watcher.watch('@introduceDomain', 'in');
    await watcher.watch('@releaseDomain', 'out');
    await watcher.watch('/', 'all');
    await settle();
    watcher.events.length = 0;
    await world.guest(3);
    await world.dom0.release(3);
    await settle();
    expect(watcher.events.filter(([, token]) => token !== 'all')).toEqual([['@introduceDomain', 'in'], ['@releaseDomain', 'out']]);
    expect(watcher.events.some(([path, token]) => token === 'all' && path.startsWith('@'))).toBe(false);
  });

  it('delivers events to a guest only for nodes it may read; specials only once granted', async () => {
    const world = makeWorld();
    const guest = await world.guest(4);
    await world.dom0.write('/shared/open', '1');
    await world.dom0.setPerms('/shared', ['n0', 'r4']);
    await world.dom0.setPerms('/shared/open', ['n0', 'r4']);
    await world.dom0.write('/shared/secret', '1');
    await world.dom0.setPerms('/shared/secret', ['n0']);
    await guest.watch('/shared', 'g');
    await guest.watch('@releaseDomain', 'rel');
    await guest.nextEvent();
    await guest.nextEvent();
    await world.dom0.write('/shared/open', '2');
    await world.dom0.write('/shared/secret/deeper', '2');
    await world.guest(6);
    await world.dom0.release(6);
    await world.dom0.setPerms('@releaseDomain', ['n0', 'r4']);
    await world.guest(7);
    await world.dom0.release(7);
    await world.dom0.write('/shared/open', '3');
    const seen: [string, string][] = [];
    while (seen.length < 3) seen.push(await guest.nextEvent());
    expect(seen).toEqual([['/shared/open', 'g'], ['@releaseDomain', 'rel'], ['/shared/open', 'g']]);
  });
});
