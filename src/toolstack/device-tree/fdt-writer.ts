// The flattened device tree blob, version 17 (devicetree.org specification, chapter 5):
// a 40-byte header, the memory reservation map (16-byte address/size pairs ending in a zero
// pair, 8-byte aligned), the structure block (BEGIN_NODE name, PROP len nameoff value,
// END_NODE, END, each padded to 4 bytes) and the strings block of property names. All
// integers are big-endian.

export interface FdtNode {
  /** "" for the root; "name" or "name@unit-address" below it. */
  readonly name: string;
  /** In output order; names are unique within a node. */
  readonly properties: readonly FdtProperty[];
  readonly children: readonly FdtNode[];
}

export interface FdtProperty {
  readonly name: string;
  readonly value: Uint8Array;
}

export interface FdtReservation {
  readonly address: bigint;
  readonly size: bigint;
}

export interface FdtOptions {
  /** The physical id of the CPU that boots (header boot_cpuid_phys). */
  readonly bootCpuId?: number;
  readonly reservations?: readonly FdtReservation[];
}

export const FDT_MAGIC = 0xd00dfeed;
export const FDT_VERSION = 17;
/** Version 17 readers accept blobs back to version 16. */
export const FDT_LAST_COMPATIBLE_VERSION = 16;
export const FDT_HEADER_SIZE = 40;
export const FDT_TOKEN = { BEGIN_NODE: 1, END_NODE: 2, PROP: 3, NOP: 4, END: 9 } as const;

const NODE_NAME = /^[0-9A-Za-z,._+-]{1,31}(@[0-9A-Za-z,._+-]+)?$/;
const PROPERTY_NAME = /^[0-9A-Za-z,._+?#-]{1,31}$/;

const align = (value: number, to: number): number => Math.ceil(value / to) * to;

/** Big-endian words and padded byte runs, growing as needed. */
class ByteSink {
  private bytes = new Uint8Array(256);
  length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  u32(value: number): void {
    this.reserve(4);
    new DataView(this.bytes.buffer).setUint32(this.length, value);
    this.length += 4;
  }

  /** `data`, then zeros up to a multiple of 4. */
  padded(data: Uint8Array): void {
    const size = align(data.length, 4);
    this.reserve(size);
    this.bytes.set(data, this.length);
    this.bytes.fill(0, this.length + data.length, this.length + size);
    this.length += size;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** The strings block: a property name is stored once, and a name that ends another one
 *  ("cells" in "#size-cells") points into it, as dtc does. */
class StringTable {
  private text = '';

  offsetOf(name: string): number {
    const entry = `${name}\0`;
    const found = this.text.indexOf(entry);
    if (found >= 0) return found;
    this.text += entry;
    return this.text.length - entry.length;
  }

  bytes(): Uint8Array {
    return new TextEncoder().encode(this.text);
  }
}

function writeNode(node: FdtNode, path: string, sink: ByteSink, names: StringTable): void {
  if (path !== '/' && !NODE_NAME.test(node.name)) throw new Error(`device tree node name ${JSON.stringify(node.name)} is not valid (at ${path})`);
  sink.u32(FDT_TOKEN.BEGIN_NODE);
  sink.padded(new TextEncoder().encode(`${node.name}\0`));
  const seen = new Set<string>();
  for (const property of node.properties) {
    if (!PROPERTY_NAME.test(property.name)) throw new Error(`device tree property name ${JSON.stringify(property.name)} in ${path} is not valid`);
    if (seen.has(property.name)) throw new Error(`device tree node ${path} has property ${property.name} twice`);
    seen.add(property.name);
    sink.u32(FDT_TOKEN.PROP);
    sink.u32(property.value.length);
    sink.u32(names.offsetOf(property.name));
    sink.padded(property.value);
  }
  const children = new Set<string>();
  for (const child of node.children) {
    if (children.has(child.name)) throw new Error(`device tree node ${path} has two children named ${child.name}`);
    children.add(child.name);
    writeNode(child, `${path === '/' ? '' : path}/${child.name}`, sink, names);
  }
  sink.u32(FDT_TOKEN.END_NODE);
}

export function encodeFdt(root: FdtNode, options: FdtOptions = {}): Uint8Array {
  if (root.name !== '') throw new Error('the device tree root node has no name');
  const structure = new ByteSink();
  const names = new StringTable();
  writeNode(root, '/', structure, names);
  structure.u32(FDT_TOKEN.END);
  const structBytes = structure.result();
  const stringBytes = names.bytes();

  const reservations = options.reservations ?? [];
  const offReservations = align(FDT_HEADER_SIZE, 8);
  const offStruct = offReservations + (reservations.length + 1) * 16;
  const offStrings = offStruct + structBytes.length;
  const totalSize = offStrings + stringBytes.length;

  const blob = new Uint8Array(totalSize);
  const view = new DataView(blob.buffer);
  const header = [
    FDT_MAGIC, totalSize, offStruct, offStrings, offReservations, FDT_VERSION, FDT_LAST_COMPATIBLE_VERSION,
    options.bootCpuId ?? 0, stringBytes.length, structBytes.length,
  ];
  header.forEach((value, i) => view.setUint32(i * 4, value));
  reservations.forEach(({ address, size }, i) => {
    view.setBigUint64(offReservations + i * 16, address);
    view.setBigUint64(offReservations + i * 16 + 8, size);
  });
  blob.set(structBytes, offStruct);
  blob.set(stringBytes, offStrings);
  return blob;
}
