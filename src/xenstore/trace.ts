// --trace FILE: one line per message in and out, for debugging clients.
import { createWriteStream, type WriteStream } from 'node:fs';
import { type Frame, Msg } from './wire.js';

const TYPE_NAMES = new Map<number, string>(Object.entries(Msg).map(([name, value]) => [value, name]));

export interface Tracer {
  message(direction: 'IN' | 'OUT', connectionId: number, domid: number, frame: Frame): void;
  close(): void;
}

function printable(payload: Buffer): string {
  return JSON.stringify(payload.toString('latin1', 0, Math.min(payload.length, 256)).replaceAll('\0', '|'));
}

export class FileTracer implements Tracer {
  private readonly out: WriteStream;

  constructor(file: string) {
    this.out = createWriteStream(file, { flags: 'a' });
  }

  message(direction: 'IN' | 'OUT', connectionId: number, domid: number, frame: Frame): void {
    const name = TYPE_NAMES.get(frame.type) ?? `type${frame.type}`;
    const line = `${new Date().toISOString()} ${direction} conn=${connectionId} dom=${domid} ${name} req=${frame.reqId} tx=${frame.txId} ${printable(frame.payload)}\n`;
    this.out.write(line);
  }

  close(): void {
    this.out.end();
  }
}
