// Readers and writers for one field, built once per declaration with the field's offset
// baked in: arrays, strings, single-member accessors and union variants use them directly;
// whole structs use the straight-line code of codegen.ts. All Xen structures are little-endian. u64/i64 and guest handles are bigints; u8 arrays are Uint8Arrays;
// char arrays are strings (up to the first NUL).
import type { AggregateLayout, FieldLayout, FieldType, ScalarName } from './layout.js';
import { elementSize } from './layout.js';

/** Reads a field of the aggregate at `base`. */
export type FieldReader = (view: DataView, base: number) => unknown;
export type FieldWriter = (view: DataView, base: number, value: unknown) => void;

/** The codec half of an aggregate that a field needs to nest it. */
export interface NestedCodec extends AggregateLayout {
  /** `selected` is the value of the field that selects a union's variant; undefined reads every variant. */
  readWithin(view: DataView, base: number, selected: unknown): unknown;
  patchValue(view: DataView, base: number, value: unknown): void;
}

type ScalarReader = (view: DataView, at: number) => number | bigint;
type ScalarWriter = (view: DataView, at: number, value: number | bigint) => void;

const SCALAR_READ: Readonly<Record<ScalarName, ScalarReader>> = {
  u8: (v, at) => v.getUint8(at),
  char: (v, at) => v.getUint8(at),
  i8: (v, at) => v.getInt8(at),
  u16: (v, at) => v.getUint16(at, true),
  i16: (v, at) => v.getInt16(at, true),
  u32: (v, at) => v.getUint32(at, true),
  i32: (v, at) => v.getInt32(at, true),
  u64: (v, at) => v.getBigUint64(at, true),
  i64: (v, at) => v.getBigInt64(at, true),
};

const SCALAR_WRITE: Readonly<Record<ScalarName, ScalarWriter>> = {
  u8: (v, at, x) => v.setUint8(at, x as number),
  char: (v, at, x) => v.setUint8(at, x as number),
  i8: (v, at, x) => v.setInt8(at, x as number),
  u16: (v, at, x) => v.setUint16(at, x as number, true),
  i16: (v, at, x) => v.setInt16(at, x as number, true),
  u32: (v, at, x) => v.setUint32(at, x as number, true),
  i32: (v, at, x) => v.setInt32(at, x as number, true),
  u64: (v, at, x) => v.setBigUint64(at, x as bigint, true),
  i64: (v, at, x) => v.setBigInt64(at, x as bigint, true),
};

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

function bytesAt(view: DataView, at: number, length: number): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset + at, length);
}

function elementReader(type: FieldType): (view: DataView, at: number) => unknown {
  if (typeof type === 'string') return SCALAR_READ[type];
  if (type.kind === 'handle') return SCALAR_READ.u64;
  const nested = type as NestedCodec;
  return (view, at) => nested.readWithin(view, at, undefined);
}

function elementWriter(type: FieldType): (view: DataView, at: number, value: unknown) => void {
  if (typeof type === 'string') {
    const write = SCALAR_WRITE[type];
    return (view, at, value) => write(view, at, value as number | bigint);
  }
  if (type.kind === 'handle') return (view, at, value) => SCALAR_WRITE.u64(view, at, value as bigint);
  const nested = type as NestedCodec;
  return (view, at, value) => nested.patchValue(view, at, value);
}

export function fieldReader(owner: string, field: FieldLayout): FieldReader {
  const { offset, type, count } = field;
  if (count === undefined) {
    const read = elementReader(type);
    return (view, base) => read(view, base + offset);
  }
  if (count === 'flex') throw new Error(`${owner}.${field.name}: a flexible array has no fixed value`);
  if (type === 'u8') return (view, base) => bytesAt(view, base + offset, count).slice();
  if (type === 'char') {
    return (view, base) => {
      const bytes = bytesAt(view, base + offset, count);
      const end = bytes.indexOf(0);
      // slice() copies out of a possibly shared buffer, which TextDecoder refuses.
      return utf8Decoder.decode(bytes.slice(0, end < 0 ? count : end));
    };
  }
  const read = elementReader(type);
  const stride = elementSize(type);
  return (view, base) => {
    const items: unknown[] = new Array(count);
    for (let i = 0; i < count; i++) items[i] = read(view, base + offset + i * stride);
    return items;
  };
}

export function fieldWriter(owner: string, field: FieldLayout): FieldWriter {
  const { offset, type, count, name } = field;
  if (count === undefined) {
    const write = elementWriter(type);
    return (view, base, value) => write(view, base + offset, value);
  }
  if (count === 'flex') throw new Error(`${owner}.${name}: a flexible array has no fixed value`);
  const tooLong = (length: number): never => {
    throw new RangeError(`${owner}.${name}: ${length} elements do not fit in ${count}`);
  };
  if (type === 'u8' || type === 'char') {
    return (view, base, value) => {
      const bytes = type === 'char' ? utf8Encoder.encode(value as string) : (value as Uint8Array);
      if (bytes.length > count) tooLong(bytes.length);
      const target = bytesAt(view, base + offset, count);
      target.set(bytes);
      target.fill(0, bytes.length);
    };
  }
  const write = elementWriter(type);
  const stride = elementSize(type);
  const zero = typeof type === 'string' ? (type === 'u64' || type === 'i64' ? 0n : 0) : undefined;
  return (view, base, value) => {
    const items = value as readonly unknown[];
    if (items.length > count) tooLong(items.length);
    for (let i = 0; i < count; i++) {
      const at = base + offset + i * stride;
      if (i < items.length) write(view, at, items[i]);
      else if (zero !== undefined) write(view, at, zero);
      else bytesAt(view, at, stride).fill(0);
    }
  };
}
