// The unix socket transport: every peer is a privileged dom0 client, as with
// C xenstored's socket. Replies produced while handling one chunk of input
// leave in a single write.
import { chmodSync, unlinkSync } from 'node:fs';
import { createServer, type Server, Socket, type SocketConstructorOpts } from 'node:net';
import type { Connection, Transport } from './connection.js';
import type { Xenstored } from './xenstored.js';

/** Output queued for a peer beyond which its input is paused until it reads. */
const HIGH_WATER = 1 << 20;
/** Each peer's input lands in one reused buffer: frames are handled before the next read. */
const READ_BUFFER_SIZE = 64 * 1024;

/**
 * A Socket for an accepted connection that reads into `buffer` and hands each
 * chunk straight to `onChunk` (net.Socket's `onread` option): no Buffer per
 * chunk and no readable-stream queue or events between the read and the
 * request. Node's server does not pass `onread` to the sockets it accepts, so
 * the accepted connection's handle moves to a Socket made with it.
 */
function withReadBuffer(accepted: Socket, buffer: Buffer, onChunk: (length: number) => void): Socket {
  const internal = accepted as unknown as { _handle: unknown };
  const callback = (length: number): boolean => {
    onChunk(length);
    return true; // keep reading: back-pressure pauses the socket itself
  };
  const options = { handle: internal._handle, readable: true, writable: true, onread: { buffer, callback } };
  const socket = new Socket(options as SocketConstructorOpts);
  internal._handle = null;
  accepted.destroy(); // releases only the server's count of it: the handle now belongs to `socket`
  return socket;
}

class SocketTransport implements Transport {
  private pending: Buffer[] = [];
  private receiving = false;

  constructor(private readonly socket: Socket) {}

  /** Handles one chunk from the peer; its replies leave in one write as soon as it is done. */
  receive(conn: Connection, chunk: Buffer): void {
    this.receiving = true;
    try {
      conn.receive(chunk);
    } finally {
      this.receiving = false;
      this.flush();
    }
  }

  write(bytes: Buffer): void {
    // Output for this peer caused by another connection's request (watch events) is
    // batched until the end of the current task.
    if (this.pending.push(bytes) === 1 && !this.receiving) queueMicrotask(() => this.flush());
  }

  private flush(): void {
    const out = this.pending;
    this.pending = [];
    if (this.socket.destroyed || out.length === 0) return;
    this.socket.write(out.length === 1 ? out[0] : Buffer.concat(out));
    if (this.socket.writableLength > HIGH_WATER && !this.socket.isPaused()) {
      this.socket.pause();
      this.socket.once('drain', () => this.socket.resume());
    }
  }

  close(): void {
    this.flush();
    this.socket.end();
    this.socket.destroySoon();
  }
}

export class SocketServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly store: Xenstored) {
    // Paused until withReadBuffer has moved the connection to its reading Socket.
    this.server = createServer({ pauseOnConnect: true }, (accepted) => this.accept(accepted));
  }

  private accept(accepted: Socket): void {
    const input = Buffer.allocUnsafe(READ_BUFFER_SIZE);
    // Chunks arrive only after this function returns, when `transport` and `conn` exist.
    const socket = withReadBuffer(accepted, input, (length) => transport.receive(conn, input.subarray(0, length)));
    this.sockets.add(socket);
    const transport = new SocketTransport(socket);
    const conn = this.store.connect(transport, 0);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.sockets.delete(socket);
      conn.close('peer closed');
    });
  }

  /** Listens on `path` (replacing a stale socket file), mode 0600 like C. */
  listen(path: string): Promise<void> {
    try {
      unlinkSync(path);
    } catch {
      // no stale socket
    }
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(path, () => {
        chmodSync(path, 0o600);
        resolve();
      });
    });
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
