// xl commands from other processes: `xenrv boot --listen SOCKET` serves, `xenrv xl
// --connect SOCKET ARGS` asks. One JSON line each way per connection:
// {"argv": [...]} → {"stdout": "...", "stderr": "...", "code": N}.
import { createConnection, createServer, type Server } from 'node:net';
import { rmSync } from 'node:fs';
import type { Host } from './host.js';
import { collectOutput } from './xl/output.js';
import { runXl } from './xl/xl.js';

export interface XlReply {
  stdout: string;
  stderr: string;
  code: number;
}

const MAX_REQUEST = 64 * 1024;

function parseRequest(line: string): string[] | undefined {
  try {
    const value = JSON.parse(line) as { argv?: unknown };
    return Array.isArray(value.argv) && value.argv.every((a) => typeof a === 'string') ? (value.argv as string[]) : undefined;
  } catch {
    return undefined;
  }
}

export function serveXl(host: Host, path: string): Promise<Server> {
  rmSync(path, { force: true });
  const server = createServer((socket) => {
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      if (buffered.length > MAX_REQUEST) return socket.destroy();
      const end = buffered.indexOf('\n');
      if (end < 0) return;
      const argv = parseRequest(buffered.slice(0, end));
      buffered = '';
      if (argv === undefined) {
        socket.end(`${JSON.stringify({ stdout: '', stderr: 'xl: malformed request\n', code: 1 })}\n`);
        return;
      }
      const output = collectOutput();
      runXl(host, argv, output).then(
        (code) => socket.end(`${JSON.stringify({ stdout: output.stdout, stderr: output.stderr, code })}\n`),
        (error: unknown) => socket.end(`${JSON.stringify({ stdout: output.stdout, stderr: `xl: ${String(error)}\n`, code: 1 })}\n`),
      );
    });
    socket.on('error', () => socket.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve(server));
  });
}

export function callXl(path: string, argv: readonly string[]): Promise<XlReply> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify({ argv })}\n`));
    socket.on('data', (chunk: string) => (reply += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      try {
        resolve(JSON.parse(reply) as XlReply);
      } catch {
        reject(new Error(`no reply from ${path}`));
      }
    });
  });
}
