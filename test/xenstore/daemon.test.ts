// The standalone command's options besides --state: --trace writes every
// message in and out; --quota overrides a limit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { socketClient, startOurDaemon, tempDir } from './support.js';

describe('xenrv xenstored options', () => {
  const dir = tempDir('xs-daemon-');
  afterAll(() => dir.remove());

  it('traces requests and replies with --trace and applies --quota', async () => {
    const socket = join(dir.path, 'x.sock');
    const trace = join(dir.path, 'trace.log');
    const daemon = await startOurDaemon(socket, '--trace', trace, '--quota', 'nodes=123');
    const conn = await socketClient(socket);
    await conn.client.write('/traced', 'value');
    expect(await conn.client.control('quota')).toContain('nodes            :      123 Nodes per domain');
    conn.close();
    await daemon.stop();
    const lines = readFileSync(trace, 'utf8').trim().split('\n');
    expect(lines.some((l) => / IN conn=\d+ dom=0 WRITE req=\d+ tx=0 "\/traced\|value"$/.test(l))).toBe(true);
    expect(lines.some((l) => / OUT conn=\d+ dom=0 WRITE req=\d+ tx=0 "OK\|"$/.test(l))).toBe(true);
  });
});
