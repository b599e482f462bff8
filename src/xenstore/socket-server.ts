// The unix socket transport: every peer is a privileged dom0 client, as with
// C xenstored's socket. Replies produced while handling one chunk of input
// leave in a single write.
import { chmodSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { Transport } from './connection.js';
import type { Xenstored } from './xenstored.js';

/** Output queued for a peer beyond which its input is paused until it reads. */
const HIGH_WATER = 1 << 20;

class SocketTransport implements Transport {
  private pending: Buffer[] = [];
  private receiving = false;

  constructor(private readonly socket: Socket) {}

  /** Handles one chunk from the peer; its replies leave in one write as soon as it is done. */
  receive(handle: () => void): void {
    this.receiving = true;
    try {
      handle();
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
    this.server = createServer({ noDelay: true }, (socket) => this.accept(socket));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const transport = new SocketTransport(socket);
    const conn = this.store.connect(transport, 0);
    socket.on('data', (chunk: Buffer) => transport.receive(() => conn.receive(chunk)));
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
