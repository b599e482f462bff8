// Helpers shared by the xenstore tests: our daemon as a child process (the
// built CLI), Debian's real C xenstored through the peer scripts, and a
// protocol client over a unix socket.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { XenstoreClient } from '../../src/xenstore/client.js';
import { missingTools } from '../support/tools.js';
import { afterAll, beforeAll } from 'vitest';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The reference peers live beside the repository: ../shared/peers from the project root. */
export const peersDir = resolve(projectRoot, '../shared/peers');

const execFileAsync = promisify(execFile);

/** Why a test needing the real daemon or the stock clients cannot run, or undefined. */
export function peerSkipReason(...tools: string[]): string | undefined {
  const missing = missingTools(...tools);
  if (missing) return missing;
  if (!existsSync(join(peersDir, 'xenstored-real.sh'))) {
    const reason = `needs the reference peers in ../shared/peers (not found)`;
    if (process.env.XENRV_REQUIRE_PEERS === '1') throw new Error(`CI requires ${reason}`);
    return reason;
  }
  return undefined;
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface OurDaemon {
  readonly process: ChildProcess;
  /** Stops with SIGTERM (state is saved) and waits for the exit. */
  stop(): Promise<number | null>;
}

/** Starts `xenrv xenstored` from dist/ (run `npm run build` first). */
export async function startOurDaemon(socket: string, ...extra: string[]): Promise<OurDaemon> {
  const cli = join(projectRoot, 'bin/xenrv.js');
  if (!existsSync(join(projectRoot, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run npm run build');
  const child = spawn(process.execPath, [cli, 'xenstored', '--socket', socket, ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  await new Promise<void>((resolvePromise, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('listening on')) resolvePromise();
    });
    child.once('exit', (code) => reject(new Error(`xenstored exited (${code}): ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolvePromise) => child.once('exit', (code) => resolvePromise(code)));
  return {
    process: child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Starts Debian's C xenstored on `socket`; resolves with a stop function. */
export async function startRealDaemon(socket: string): Promise<() => Promise<void>> {
  const script = join(peersDir, 'xenstored-real.sh');
  await execFileAsync(script, [socket], { env: { ...process.env, XS_NO_APT: '1' } });
  return async () => {
    await execFileAsync(script, ['--stop', socket]);
  };
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command with XENSTORED_PATH=socket; never throws on a non-zero exit. */
export async function runWith(socket: string, command: string, args: string[], timeout = 10_000): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { env: { ...process.env, XENSTORED_PATH: socket }, timeout });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A protocol client on a unix socket. */
export function socketClient(path: string): Promise<{ client: XenstoreClient; close(): void; closed: Promise<void> }> {
  return new Promise((resolvePromise, reject) => {
    const socket = connect(path);
    const client = new XenstoreClient((bytes) => socket.write(bytes));
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('data', (chunk) => client.receive(chunk));
    socket.once('close', () => client.fail('socket closed'));
    socket.once('error', reject);
    socket.once('connect', () => resolvePromise({ client, close: () => socket.destroy(), closed }));
  });
}

/**
 * Starts our daemon on a socket in a fresh temporary folder before the suite's tests and
 * stops it (and removes the folder) after them; `socket` is the path clients connect to.
 */
export function useOurDaemon(prefix: string): { readonly socket: string; readonly daemon: OurDaemon } {
  const dir = tempDir(prefix);
  const socket = join(dir.path, 'xenstored.sock');
  let started: OurDaemon | undefined;
  beforeAll(async () => {
    started = await startOurDaemon(socket);
  });
  afterAll(async () => {
    await started?.stop();
    dir.remove();
  });
  return {
    socket,
    get daemon(): OurDaemon {
      if (started === undefined) throw new Error('the daemon is used before the suite started it');
      return started;
    },
  };
}
