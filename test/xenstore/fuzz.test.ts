// Hostile socket clients against the daemon (a child process): bad lengths,
// oversize payloads, missing NULs, unknown types, invalid paths, unknown
// transaction ids, random frames and floods. Each bad client must get errors
// or be disconnected while a well-behaved client is served throughout and its
// part of the tree stays intact.
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { encodeFrame, Msg } from '../../src/xenstore/wire.js';
import { socketClient, useOurDaemon } from './support.js';

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function header(type: number, length: number, txId = 0): Buffer {
  const out = Buffer.alloc(16);
  out.writeUInt32LE(type, 0);
  out.writeUInt32LE(txId, 8);
  out.writeUInt32LE(length, 12);
  return out;
}

/** A random frame: any type, a payload that is sometimes a path, sometimes garbage. */
function randomFrame(next: () => number): Buffer {
  const types = [...Object.values(Msg), 20, 23, 27, 99, 65535];
  const type = types[Math.floor(next() * types.length)];
  const pick = next();
  let payload: Buffer;
  if (pick < 0.3) payload = Buffer.from(`/fuzz/${Math.floor(next() * 50)}\0value`);
  else if (pick < 0.5) payload = Buffer.from(`/fuzz/${'x'.repeat(Math.floor(next() * 3000))}\0`);
  else if (pick < 0.7) payload = Buffer.from(`/fuzz/bad path:${next()}\0tok\0`);
  else payload = Buffer.from(Array.from({ length: Math.floor(next() * 200) }, () => Math.floor(next() * 256)));
  const txId = next() < 0.2 ? Math.floor(next() * 100) : 0;
  const frame = encodeFrame(type === Msg.CONTROL ? Msg.READ : type, 0, txId, payload);
  if (next() < 0.02) frame.writeUInt32LE(4097 + Math.floor(next() * 100000), 12); // a lie about the length
  return frame;
}

interface Outcome {
  errors: number;
  replies: number;
  disconnected: boolean;
}

/** Connects, sends `bytes` in random slices, and watches what comes back until the daemon is done with it. */
function hostile(socketPath: string, bytes: Buffer, next: () => number): Promise<Outcome> {
  return new Promise((resolve) => {
    const outcome: Outcome = { errors: 0, replies: 0, disconnected: false };
    const socket: Socket = connect(socketPath);
    let received = Buffer.alloc(0);
    const finish = (): void => {
      socket.destroy();
      resolve(outcome);
    };
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      while (received.length >= 16 && received.length >= 16 + received.readUInt32LE(12)) {
        if (received.readUInt32LE(0) === Msg.ERROR) outcome.errors++;
        outcome.replies++;
        received = received.subarray(16 + received.readUInt32LE(12));
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      outcome.disconnected = true;
      resolve(outcome);
    });
    socket.on('connect', async () => {
      for (let offset = 0; offset < bytes.length; ) {
        const size = 1 + Math.floor(next() * 3000);
        if (socket.destroyed) return;
        socket.write(bytes.subarray(offset, offset + size));
        offset += size;
        if (next() < 0.1) await new Promise((r) => setImmediate(r));
      }
      setTimeout(finish, 300);
    });
  });
}

describe('xenstored under hostile clients', () => {
  const ours = useOurDaemon('xs-fuzz-');
  const socket = ours.socket;

  it('answers errors or disconnects bad clients and keeps serving a good one, tree intact', async () => {
    const good = await socketClient(socket);
    let goodOps = 0;
    let stop = false;
    const goodLoop = (async () => {
      for (let i = 0; !stop; i++) {
        await good.client.write(`/good/n${i % 20}`, `v${i}`);
        expect(await good.client.read(`/good/n${i % 20}`)).toBe(`v${i}`);
        goodOps++;
      }
    })();

    const next = random(0x5eed);
    const scenarios: [string, Buffer, (o: Outcome) => boolean][] = [
      ['length over 4096 in the header', header(Msg.READ, 5000), (o) => o.disconnected],
      ['oversize payload', Buffer.concat([header(Msg.WRITE, 4097), Buffer.alloc(4097, 0x41)]), (o) => o.disconnected],
      ['missing NULs', encodeFrame(Msg.READ, 0, 0, '/tool'), (o) => o.errors === 1],
      ['unknown types', Buffer.concat([27, 99, 1000, 65535].map((t) => encodeFrame(t, 0, 0, '/x\0'))), (o) => o.errors === 4],
      ['invalid paths', Buffer.concat(['/a b\0', '/a//b\0', '/x/\0', '\0', '/\u00e9\0', `/${'p'.repeat(2100)}\0`].map((p) => encodeFrame(Msg.WRITE, 0, 0, Buffer.from(p, 'latin1')))), (o) => o.errors === 6],
      ['transaction ids that do not exist', Buffer.concat([1, 7, 0xffffffff].map((tx) => encodeFrame(Msg.READ, 0, tx, '/tool\0'))), (o) => o.errors === 3],
      ['a flood of transactions and watches', Buffer.concat(Array.from({ length: 300 }, (_, i) => (i % 2 ? encodeFrame(Msg.TRANSACTION_START, 0, 0, '\0') : encodeFrame(Msg.WATCH, 0, 0, `/flood/${i}\0t\0`)))), (o) => o.replies >= 300],
      ['a truncated header', Buffer.from([1, 0, 0]), (o) => o.replies === 0],
      ...Array.from({ length: 6 }, (_, c): [string, Buffer, (o: Outcome) => boolean] => [
        `random frames #${c}`,
        Buffer.concat(Array.from({ length: 400 }, () => randomFrame(next))),
        (o) => o.errors > 0 || o.disconnected,
      ]),
    ];
    const outcomes = await Promise.all(scenarios.map(([, bytes]) => hostile(socket, bytes, next)));
    scenarios.forEach(([name, , ok], i) => expect({ name, ok: ok(outcomes[i]), outcome: outcomes[i] }).toMatchObject({ name, ok: true }));

    stop = true;
    await goodLoop;
    expect(goodOps).toBeGreaterThan(20);
    expect(ours.daemon.process.exitCode).toBeNull();
    expect((await good.client.directory('/good')).length).toBe(20);
    expect(await good.client.directory('/tool')).toEqual(['xenstored']);
    good.close();
  });
});
