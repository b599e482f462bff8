// Xen's own test program (test-xenstore, via the peers' wrapper) against our
// daemon: one pass over its 12 tests, then 100 iterations.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { peerSkipReason, peersDir, runWith, useOurDaemon } from './support.js';

const skip = peerSkipReason('/usr/lib/xen-4.17/bin/test-xenstore');

describe.skipIf(skip)(`Xen test-xenstore against our xenstored ${skip ?? ''}`, () => {
  const { socket } = useOurDaemon('xs-test-xenstore-');

  it('reports 24 passed, 0 failed', async () => {
    const result = await runWith(socket, join(peersDir, 'test-xenstore.sh'), [socket], 60_000);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('test-xenstore: 24 passed, 0 failed');
    expect(result.code).toBe(0);
  });
});
