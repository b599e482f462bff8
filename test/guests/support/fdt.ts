// A flattened device tree (DTB, version 17) built from nested nodes: what the domain
// builder hands a guest in a1. Property values are strings (NUL-terminated), u32 cells or
// raw bytes.
export type FdtValue = string | number[] | Uint8Array;

export interface FdtNode {
  props?: Record<string, FdtValue>;
  children?: Record<string, FdtNode>;
}

const MAGIC = 0xd00dfeed;
const HEADER_SIZE = 40;
const RESERVE_MAP_SIZE = 16;
const TOKEN = { beginNode: 1, endNode: 2, prop: 3, end: 9 } as const;

const encoder = new TextEncoder();

function valueBytes(value: FdtValue): Uint8Array {
  if (typeof value === 'string') return encoder.encode(`${value}\0`);
  if (value instanceof Uint8Array) return value;
  const bytes = new Uint8Array(value.length * 4);
  value.forEach((cell, i) => new DataView(bytes.buffer).setUint32(i * 4, cell >>> 0));
  return bytes;
}

class Builder {
  private readonly bytes: number[] = [];
  readonly strings: number[] = [];
  private readonly stringOffsets = new Map<string, number>();

  get structure(): Uint8Array {
    return new Uint8Array(this.bytes);
  }

  node(name: string, node: FdtNode): void {
    this.u32(TOKEN.beginNode);
    this.raw(encoder.encode(`${name}\0`));
    for (const [key, value] of Object.entries(node.props ?? {})) {
      const data = valueBytes(value);
      this.u32(TOKEN.prop);
      this.u32(data.length);
      this.u32(this.stringOffset(key));
      this.raw(data);
    }
    for (const [childName, child] of Object.entries(node.children ?? {})) this.node(childName, child);
    this.u32(TOKEN.endNode);
  }

  end(): void {
    this.u32(TOKEN.end);
  }

  private stringOffset(name: string): number {
    let offset = this.stringOffsets.get(name);
    if (offset === undefined) {
      offset = this.strings.length;
      this.strings.push(...encoder.encode(`${name}\0`));
      this.stringOffsets.set(name, offset);
    }
    return offset;
  }

  private u32(value: number): void {
    this.bytes.push((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
  }

  private raw(data: Uint8Array): void {
    this.bytes.push(...data);
    while (this.bytes.length % 4 !== 0) this.bytes.push(0);
  }
}

export function buildFdt(root: FdtNode): Uint8Array {
  const builder = new Builder();
  builder.node('', root);
  builder.end();
  const structure = builder.structure;
  const structOffset = HEADER_SIZE + RESERVE_MAP_SIZE;
  const stringsOffset = structOffset + structure.length;
  const total = stringsOffset + builder.strings.length;
  const blob = new Uint8Array(total);
  const view = new DataView(blob.buffer);
  const header = [MAGIC, total, structOffset, stringsOffset, HEADER_SIZE, 17, 16, 0, builder.strings.length, structure.length];
  header.forEach((value, i) => view.setUint32(i * 4, value));
  blob.set(structure, structOffset);
  blob.set(builder.strings, stringsOffset);
  return blob;
}
