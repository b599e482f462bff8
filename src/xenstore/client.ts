// A xenstore protocol client over any byte stream (a socket, a guest's ring,
// an in-process connection): numbered requests, replies matched by req_id,
// watch events delivered to a listener. Used by dom0 code in-process and by
// tests driving the daemon the way a guest's xenbus driver does.
import { encodeFrame, type Frame, FrameReader, Msg, XsError, type XsErrorName } from './wire.js';

export type WatchListener = (path: string, token: string) => void;

export class XenstoreClient {
  private readonly reader = new FrameReader();
  private readonly waiting = new Map<number, { resolve: (frame: Frame) => void; reject: (error: Error) => void }>();
  private nextReqId = 1;
  /** Watch events not yet taken by `nextEvent`, when no listener is set. */
  readonly events: [string, string][] = [];
  private eventWaiters: ((event: [string, string]) => void)[] = [];
  onWatch: WatchListener | undefined;

  constructor(private readonly sendBytes: (bytes: Buffer) => void) {}

  /** Bytes from the daemon. */
  receive(chunk: Buffer): void {
    this.reader.push(chunk, (frame) => {
      if (frame.type === Msg.WATCH_EVENT) this.deliverEvent(frame.payload);
      else this.deliverReply({ ...frame, payload: Buffer.from(frame.payload) });
    });
  }

  /** The daemon went away: every pending request fails. */
  fail(reason: string): void {
    for (const { reject } of this.waiting.values()) reject(new Error(reason));
    this.waiting.clear();
  }

  private deliverReply(frame: Frame): void {
    const waiter = this.waiting.get(frame.reqId);
    if (!waiter) return;
    this.waiting.delete(frame.reqId);
    waiter.resolve(frame);
  }

  private deliverEvent(payload: Buffer): void {
    const [path, token] = payload.toString('latin1').split('\0');
    if (this.onWatch) return this.onWatch(path, token);
    const waiter = this.eventWaiters.shift();
    if (waiter) waiter([path, token]);
    else this.events.push([path, token]);
  }

  /** Sends one request; resolves with the raw reply frame (ERROR included). */
  request(type: number, payload: Buffer | string, txId = 0): Promise<Frame> {
    const reqId = this.nextReqId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(reqId, { resolve, reject });
      this.sendBytes(encodeFrame(type, reqId, txId, payload));
    });
  }

  /** Sends a request; resolves with the reply payload or rejects with XsError. */
  async call(type: number, payload: Buffer | string, txId = 0): Promise<Buffer> {
    const reply = await this.request(type, payload, txId);
    if (reply.type === Msg.ERROR) throw new XsError(reply.payload.toString('latin1', 0, reply.payload.length - 1) as XsErrorName);
    return reply.payload;
  }

  nextEvent(): Promise<[string, string]> {
    const queued = this.events.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => this.eventWaiters.push(resolve));
  }

  async read(path: string, txId = 0): Promise<string> {
    return (await this.call(Msg.READ, `${path}\0`, txId)).toString('latin1');
  }

  async write(path: string, value: string | Buffer, txId = 0): Promise<void> {
    await this.call(Msg.WRITE, Buffer.concat([Buffer.from(`${path}\0`, 'latin1'), Buffer.from(value)]), txId);
  }

  async mkdir(path: string, txId = 0): Promise<void> {
    await this.call(Msg.MKDIR, `${path}\0`, txId);
  }

  async rm(path: string, txId = 0): Promise<void> {
    await this.call(Msg.RM, `${path}\0`, txId);
  }

  async directory(path: string, txId = 0): Promise<string[]> {
    const list = (await this.call(Msg.DIRECTORY, `${path}\0`, txId)).toString('latin1');
    return list === '' ? [] : list.slice(0, -1).split('\0');
  }

  async getPerms(path: string, txId = 0): Promise<string[]> {
    return (await this.call(Msg.GET_PERMS, `${path}\0`, txId)).toString('latin1').slice(0, -1).split('\0');
  }

  async setPerms(path: string, perms: string[], txId = 0): Promise<void> {
    await this.call(Msg.SET_PERMS, `${path}\0${perms.map((p) => `${p}\0`).join('')}`, txId);
  }

  async watch(path: string, token: string): Promise<void> {
    await this.call(Msg.WATCH, `${path}\0${token}\0`);
  }

  async unwatch(path: string, token: string): Promise<void> {
    await this.call(Msg.UNWATCH, `${path}\0${token}\0`);
  }

  async transactionStart(): Promise<number> {
    return Number((await this.call(Msg.TRANSACTION_START, '\0')).toString('latin1').replace(/\0$/, ''));
  }

  async transactionEnd(txId: number, commit: boolean): Promise<void> {
    await this.call(Msg.TRANSACTION_END, commit ? 'T\0' : 'F\0', txId);
  }

  async introduce(domid: number, gfn: bigint | number, port: number): Promise<void> {
    await this.call(Msg.INTRODUCE, `${domid}\0${gfn}\0${port}\0`);
  }

  async release(domid: number): Promise<void> {
    await this.call(Msg.RELEASE, `${domid}\0`);
  }

  async control(...args: string[]): Promise<string> {
    return (await this.call(Msg.CONTROL, args.map((a) => `${a}\0`).join(''))).toString('latin1').replace(/\0$/, '');
  }
}
