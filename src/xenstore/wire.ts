// The xenstore wire format (spec §1.1–1.3): a 16-byte little-endian header
// { type, req_id, tx_id, len } followed by `len` payload bytes, at most 4096.

export const HEADER_SIZE = 16;
export const PAYLOAD_MAX = 4096;

/** Message types, numbered as in Xen's xs_wire.h. */
export const Msg = {
  CONTROL: 0,
  DIRECTORY: 1,
  READ: 2,
  GET_PERMS: 3,
  WATCH: 4,
  UNWATCH: 5,
  TRANSACTION_START: 6,
  TRANSACTION_END: 7,
  INTRODUCE: 8,
  RELEASE: 9,
  GET_DOMAIN_PATH: 10,
  WRITE: 11,
  MKDIR: 12,
  RM: 13,
  SET_PERMS: 14,
  WATCH_EVENT: 15,
  ERROR: 16,
  IS_DOMAIN_INTRODUCED: 17,
  RESUME: 18,
  SET_TARGET: 19,
  RESET_WATCHES: 21,
  DIRECTORY_PART: 22,
} as const;
export type MsgType = (typeof Msg)[keyof typeof Msg];

/** The errno names a reply may carry; anything else is reported as EINVAL, as C does. */
export const ERROR_NAMES = [
  'EINVAL', 'EACCES', 'EEXIST', 'EISDIR', 'ENOENT', 'ENOMEM', 'ENOSPC', 'EIO',
  'ENOTEMPTY', 'ENOSYS', 'EROFS', 'EBUSY', 'EAGAIN', 'EISCONN', 'E2BIG', 'EPERM',
] as const;
export type XsErrorName = (typeof ERROR_NAMES)[number];

/** A request refused with one of Xen's error names; becomes an ERROR reply. */
export class XsError extends Error {
  constructor(readonly errno: XsErrorName) {
    super(errno);
  }
}

export interface Frame {
  type: number;
  reqId: number;
  txId: number;
  payload: Buffer;
}

/** One encoded message: header and payload in a single buffer (one write). */
export function encodeFrame(type: number, reqId: number, txId: number, payload: Buffer | string): Buffer {
  // Strings here are always latin1 (one byte per character), so length is the byte count.
  const bodyLength = payload.length;
  const out = Buffer.allocUnsafe(HEADER_SIZE + bodyLength);
  out.writeUInt32LE(type, 0);
  out.writeUInt32LE(reqId, 4);
  out.writeUInt32LE(txId, 8);
  out.writeUInt32LE(bodyLength, 12);
  if (typeof payload === 'string') out.write(payload, HEADER_SIZE, 'latin1');
  else payload.copy(out, HEADER_SIZE);
  return out;
}

const ERROR_PAYLOADS = new Map(ERROR_NAMES.map((name) => [name, Buffer.from(`${name}\0`)]));

export function errorPayload(errno: XsErrorName): Buffer {
  return ERROR_PAYLOADS.get(errno) as Buffer;
}

/** Thrown by FrameReader when a header announces more than PAYLOAD_MAX bytes. */
export class OversizeFrameError extends Error {
  constructor(readonly length: number) {
    super(`message payload of ${length} bytes exceeds ${PAYLOAD_MAX}`);
  }
}

/**
 * Reassembles frames from a byte stream that may split them anywhere (C writes
 * header and payload separately; rings wrap). Whole frames inside one chunk are
 * returned as views of that chunk without copying.
 */
export class FrameReader {
  private pending: Buffer | undefined;

  /** Feeds bytes; calls `onFrame` for each complete frame. Throws OversizeFrameError. */
  push(chunk: Buffer, onFrame: (frame: Frame) => boolean | void): void {
    let data = chunk;
    if (this.pending) {
      data = Buffer.concat([this.pending, chunk]);
      this.pending = undefined;
    }
    let offset = 0;
    while (data.length - offset >= HEADER_SIZE) {
      const length = data.readUInt32LE(offset + 12);
      if (length > PAYLOAD_MAX) throw new OversizeFrameError(length);
      const end = offset + HEADER_SIZE + length;
      if (end > data.length) break;
      const frame: Frame = {
        type: data.readUInt32LE(offset),
        reqId: data.readUInt32LE(offset + 4),
        txId: data.readUInt32LE(offset + 8),
        payload: data.subarray(offset + HEADER_SIZE, end),
      };
      offset = end;
      if (onFrame(frame) === false) break;
    }
    if (offset < data.length) this.pending = Buffer.from(data.subarray(offset));
  }

  /** Bytes held back waiting for the rest of a frame. */
  get buffered(): number {
    return this.pending?.length ?? 0;
  }

  reset(): void {
    this.pending = undefined;
  }
}
