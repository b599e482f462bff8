// --state FILE: the tree, permissions, quotas, introduced domains and their
// watches survive a restart (SIGTERM, or a crash after a periodic save).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureState, restoreState } from '../../src/xenstore/state.js';
import { Xenstored } from '../../src/xenstore/xenstored.js';
import { connectLocal } from '../../src/xenstore/local-client.js';
import { Msg } from '../../src/xenstore/wire.js';
import { makeWorld } from './guests.js';
import { socketClient, startOurDaemon, tempDir } from './support.js';

describe('xenstored state across restarts', () => {
  const dir = tempDir('xs-state-');
  afterAll(() => dir.remove());

  it('restores tree, permissions, quotas and domains after SIGTERM; a reconnecting client finds everything', async () => {
    const socket = join(dir.path, 'a.sock');
    const state = join(dir.path, 'a.state');
    let daemon = await startOurDaemon(socket, '--state', state);
    let conn = await socketClient(socket);
    await conn.client.write('/vm/1/name', 'guest one');
    await conn.client.write('/vm/1/raw', Buffer.from([0, 1, 2, 255]));
    await conn.client.setPerms('/vm/1', ['n1', 'r0', 'b7']);
    await conn.client.control('quota', 'set', 'nodes', '77');
    await conn.client.introduce(5, 1234, 9);
    conn.close();
    expect(await daemon.stop()).toBe(0);

    daemon = await startOurDaemon(socket, '--state', state);
    conn = await socketClient(socket);
    expect(await conn.client.read('/vm/1/name')).toBe('guest one');
    expect([...(await conn.client.call(Msg.READ, '/vm/1/raw\0'))]).toEqual([0, 1, 2, 255]);
    expect(await conn.client.getPerms('/vm/1')).toEqual(['n1', 'r0', 'b7']);
    expect(await conn.client.directory('/')).toEqual(['tool', 'vm']);
    expect(await conn.client.control('quota')).toContain('nodes            :       77');
    expect((await conn.client.call(Msg.IS_DOMAIN_INTRODUCED, '5\0')).toString()).toBe('T\0');
    conn.close();
    await daemon.stop();
  });

  it('saves periodically, atomically, so a killed daemon loses at most the last interval', async () => {
    const socket = join(dir.path, 'b.sock');
    const state = join(dir.path, 'b.state');
    let daemon = await startOurDaemon(socket, '--state', state, '--save-interval', '0.1');
    let conn = await socketClient(socket);
    await conn.client.write('/periodic', 'saved');
    await new Promise((resolve) => setTimeout(resolve, 400));
    daemon.process.kill('SIGKILL');
    await daemon.stop();
    expect(existsSync(state)).toBe(true);
    daemon = await startOurDaemon(socket, '--state', state);
    conn = await socketClient(socket);
    expect(await conn.client.read('/periodic')).toBe('saved');
    conn.close();
    await daemon.stop();
  });

  it('brings back a guest domain with its watches on the same ring', async () => {
    const world = makeWorld();
    const guest = await world.guest(5);
    await guest.watch('device', 'dev');
    await guest.nextEvent();
    const saved = structuredClone(captureState(world.store));

    const restored = new Xenstored({ host: world.host, log: () => {} });
    restoreState(restored, saved);
    const dom0 = connectLocal(restored).client;
    await dom0.write('/local/domain/5/device/vbd', '1');
    expect(await guest.nextEvent()).toEqual(['device/vbd', 'dev']);
    expect(await guest.read('device/vbd')).toBe('1');
  });
});
