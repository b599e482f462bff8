// Debian's stock xenstore clients against our daemon and against the real C
// xenstored, started side by side: every command must print the same output
// and exit with the same status on both.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommandResult, type OurDaemon, peerSkipReason, runWith, startOurDaemon, startRealDaemon, tempDir } from './support.js';

const CONTROL = '/usr/lib/xen-4.17/bin/xenstore-control';
const skip = peerSkipReason('xenstore-write', 'xenstore-read', 'xenstore-ls', 'xenstore-list', 'xenstore-exists', 'xenstore-rm', 'xenstore-chmod', 'xenstore-watch', CONTROL);

/**
 * The scripted session: [command, ...args], run in order on each daemon. (Not
 * `xenstore-control help`: we do not implement C's live-update command.)
 */
const SESSION: string[][] = [
  ['xenstore-write', '/demo/a', '1', '/demo/b', '2'],
  ['xenstore-read', '/demo/a'],
  ['xenstore-read', '/demo/a', '/demo/b'],
  ['xenstore-read', '/demo/missing'],
  ['xenstore-write', '/demo/sub/deep/x', 'hello world'],
  ['xenstore-write', 'relative/node', 'r'],
  ['xenstore-ls', '-fp', '/'],
  ['xenstore-list', '/demo'],
  ['xenstore-list', '/nope'],
  ['xenstore-exists', '/demo/a'],
  ['xenstore-exists', '/demo/zz'],
  ['xenstore-chmod', '/demo/a', 'n0', 'r5'],
  ['xenstore-chmod', '-r', '/demo/sub', 'b0', 'w7'],
  ['xenstore-chmod', '/demo/a', 'x5'],
  ['xenstore-ls', '-fp', '/demo'],
  ['xenstore-ls', '/demo'],
  ['xenstore-rm', '/demo/b'],
  ['xenstore-rm', '/demo/gone/deeper'],
  ['xenstore-list', '/demo'],
  ['xenstore-write', 'bad path', 'x'],
  ['xenstore-read', '/demo/'],
  ['xenstore-rm', '/demo/sub'],
  ['xenstore-ls', '-fp', '/'],
  [CONTROL, 'quota'],
  [CONTROL, 'quota', '0'],
  [CONTROL, 'quota-soft'],
];

interface Daemon {
  socket: string;
  stop(): Promise<unknown>;
}

async function session(socket: string): Promise<CommandResult[]> {
  const results: CommandResult[] = [];
  for (const [command, ...args] of SESSION) results.push(await runWith(socket, command, args));
  return results;
}

/** xenstore-watch -n 3 /demo: the initial event, then the two changes made while it runs. */
async function watchSession(socket: string): Promise<string> {
  const watcher = spawn('xenstore-watch', ['-n', '3', '/demo'], { env: { ...process.env, XENSTORED_PATH: socket } });
  let output = '';
  const exited = new Promise<void>((resolve) => watcher.once('exit', () => resolve()));
  await new Promise<void>((resolve) => {
    watcher.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('/demo\n')) resolve();
    });
  });
  await runWith(socket, 'xenstore-write', ['/demo/a', 'changed']);
  await runWith(socket, 'xenstore-rm', ['/demo/a']);
  await exited;
  return output;
}

describe.skipIf(skip)(`stock xenstore clients: ours vs C xenstored ${skip ?? ''}`, () => {
  const dir = tempDir('xs-stock-');
  const ours: Daemon = { socket: join(dir.path, 'ours.sock'), stop: async () => {} };
  const real: Daemon = { socket: join(dir.path, 'real.sock'), stop: async () => {} };

  beforeAll(async () => {
    const daemon: OurDaemon = await startOurDaemon(ours.socket);
    ours.stop = () => daemon.stop();
    real.stop = await startRealDaemon(real.socket);
  });

  afterAll(async () => {
    await ours.stop();
    await real.stop();
    dir.remove();
  });

  it('prints the same for every command of the scripted session', async () => {
    const [mine, theirs] = [await session(ours.socket), await session(real.socket)];
    SESSION.forEach((command, i) => {
      expect({ command, ...mine[i] }).toEqual({ command, ...theirs[i] });
    });
    // The session does exercise both outcomes, so a daemon that failed everything would not pass.
    expect(mine.filter((r) => r.code === 0).length).toBeGreaterThan(10);
    expect(mine.some((r) => r.stdout.includes('/demo/sub/deep/x = "hello world"   (b0,w7)'))).toBe(true);
  });

  it('delivers the same watch events to xenstore-watch', async () => {
    const [mine, theirs] = [await watchSession(ours.socket), await watchSession(real.socket)];
    expect(mine).toBe('/demo\n/demo/a\n/demo/a\n');
    expect(mine).toBe(theirs);
  });
});
