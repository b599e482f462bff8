// xenstored as a host actor, in-process and in its worker thread: dom0 speaks
// the wire protocol over open/data messages, a guest's ring page is shared
// memory announced with guest-ring, and event channels are event/notify messages.
import { afterEach, describe, expect, it } from 'vitest';
import { type FromXenstored, type ToXenstored, XenstoredActor } from '../../src/xenstore/actor.js';
import { XenstoreClient } from '../../src/xenstore/client.js';
import { RingClient } from '../../src/xenstore/ring-client.js';
import { XenstoreRingPage } from '../../src/xenstore/ring-page.js';
import { XenstoredWorker } from '../../src/xenstore/worker-host.js';

interface ActorLike {
  receive(message: ToXenstored): void;
}

/** Wires a toolstack client and one guest ring to an actor through messages only. */
function wire(start: (post: (message: FromXenstored) => void) => ActorLike) {
  const dom0 = new XenstoreClient((bytes) => actor.receive({ kind: 'data', conn: 1, bytes }));
  const page = new Uint8Array(new SharedArrayBuffer(4096));
  const guest = new RingClient(new XenstoreRingPage(page), () => actor.receive({ kind: 'event', domid: 3 }));
  const actor = start((message) => {
    if (message.kind === 'data') dom0.receive(Buffer.from(message.bytes));
    if (message.kind === 'notify') guest.onEvent();
  });
  actor.receive({ kind: 'open', conn: 1, domid: 0 });
  actor.receive({ kind: 'guest-ring', domid: 3, gfn: 0x4321n, page });
  return { actor, dom0, guest: guest.client };
}

async function scenario(start: (post: (message: FromXenstored) => void) => ActorLike): Promise<void> {
  const { dom0, guest } = wire(start);
  await dom0.mkdir('/local/domain/3');
  await dom0.setPerms('/local/domain/3', ['n3']);
  await dom0.watch('@introduceDomain', 'intro');
  expect(await dom0.nextEvent()).toEqual(['@introduceDomain', 'intro']);
  await dom0.introduce(3, 0x4321, 7);
  expect(await dom0.nextEvent()).toEqual(['@introduceDomain', 'intro']);
  await guest.write('device/console', 'ok');
  expect(await dom0.read('/local/domain/3/device/console')).toBe('ok');
  await guest.watch('control', 'ctl');
  expect(await guest.nextEvent()).toEqual(['control', 'ctl']);
  await dom0.write('/local/domain/3/control/shutdown', 'poweroff');
  expect(await guest.nextEvent()).toEqual(['control/shutdown', 'ctl']);
}

describe('xenstored actor', () => {
  let worker: XenstoredWorker | undefined;
  afterEach(async () => {
    await worker?.terminate();
    worker = undefined;
  });

  it('serves dom0 and a guest ring on the main thread', async () => {
    await scenario((post) => new XenstoredActor(post, { log: () => {} }));
  });

  it('serves the same in its own worker thread, the ring page shared with it', async () => {
    await scenario((post) => (worker = new XenstoredWorker(post)));
  });
});
