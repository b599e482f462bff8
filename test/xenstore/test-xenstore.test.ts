// Xen's own test program (test-xenstore, via the peers' wrapper) against our
// daemon: one pass over its 12 tests, then 100 iterations.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OurDaemon, peerSkipReason, peersDir, runWith, startOurDaemon, tempDir } from './support.js';

const skip = peerSkipReason('/usr/lib/xen-4.17/bin/test-xenstore');

describe.skipIf(skip)(`Xen test-xenstore against our xenstored ${skip ?? ''}`, () => {
  const dir = tempDir('xs-test-xenstore-');
  const socket = join(dir.path, 'xenstored.sock');
  let daemon: OurDaemon;

  beforeAll(async () => {
    daemon = await startOurDaemon(socket);
  });

  afterAll(async () => {
    await daemon.stop();
    dir.remove();
  });

  it('reports 24 passed, 0 failed', async () => {
    const result = await runWith(socket, join(peersDir, 'test-xenstore.sh'), [socket], 60_000);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('test-xenstore: 24 passed, 0 failed');
    expect(result.code).toBe(0);
  });
});
