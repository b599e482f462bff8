// An independent reader of DTB blobs for tests: checks the header, the block layout and
// alignment, then returns the reservations and the tree with raw property bytes.

export interface ReadNode {
  name: string;
  properties: Map<string, Uint8Array>;
  children: ReadNode[];
}

export interface ReadFdt {
  version: number;
  lastCompatibleVersion: number;
  bootCpuId: number;
  reservations: { address: bigint; size: bigint }[];
  root: ReadNode;
}

const be = (blob: Uint8Array): DataView => new DataView(blob.buffer, blob.byteOffset, blob.byteLength);

export function readFdt(blob: Uint8Array): ReadFdt {
  const view = be(blob);
  const word = (i: number): number => view.getUint32(i * 4);
  if (word(0) !== 0xd00dfeed) throw new Error('bad magic');
  const [totalSize, offStruct, offStrings, offRsv, version, lastCompatibleVersion, bootCpuId, sizeStrings, sizeStruct] =
    [1, 2, 3, 4, 5, 6, 7, 8, 9].map(word) as [number, number, number, number, number, number, number, number, number];
  if (totalSize !== blob.length) throw new Error(`totalsize ${totalSize} != ${blob.length}`);
  if (offRsv % 8 !== 0 || offStruct % 4 !== 0) throw new Error('misaligned block');
  if (offStruct + sizeStruct > totalSize || offStrings + sizeStrings > totalSize) throw new Error('block past the end');

  const reservations: { address: bigint; size: bigint }[] = [];
  for (let at = offRsv; ; at += 16) {
    const address = view.getBigUint64(at);
    const size = view.getBigUint64(at + 8);
    if (address === 0n && size === 0n) break;
    reservations.push({ address, size });
  }

  const decoder = new TextDecoder();
  const cString = (from: number, limit: number): string => {
    const end = blob.indexOf(0, from);
    if (end < 0 || end >= limit) throw new Error(`unterminated string at ${from}`);
    return decoder.decode(blob.subarray(from, end));
  };
  const pad = (n: number): number => (n + 3) & ~3;
  const structEnd = offStruct + sizeStruct;
  let at = offStruct;
  const token = (): number => {
    const value = view.getUint32(at);
    at += 4;
    return value;
  };
  const readNode = (): ReadNode => {
    const name = cString(at, structEnd);
    at = pad(at + name.length + 1);
    const node: ReadNode = { name, properties: new Map(), children: [] };
    for (;;) {
      const t = token();
      if (t === 3) {
        const length = token();
        const nameOffset = token();
        node.properties.set(cString(offStrings + nameOffset, offStrings + sizeStrings), blob.slice(at, at + length));
        at = pad(at + length);
      } else if (t === 1) {
        node.children.push(readNode());
      } else if (t === 2) {
        return node;
      } else if (t !== 4) {
        throw new Error(`unexpected token ${t} at ${at - 4}`);
      }
    }
  };
  if (token() !== 1) throw new Error('structure block does not start with the root');
  const root = readNode();
  if (token() !== 9 || at !== structEnd) throw new Error('structure block does not end with FDT_END');
  return { version, lastCompatibleVersion, bootCpuId, reservations, root };
}

/** The node at a path of full names ("/cpus/cpu@0"). */
export function nodeAt(root: ReadNode, path: string): ReadNode | undefined {
  let node: ReadNode | undefined = root;
  for (const part of path.split('/').filter((p) => p !== '')) node = node?.children.find((child) => child.name === part);
  return node;
}

export const cellsOf = (value: Uint8Array): number[] =>
  Array.from({ length: value.length / 4 }, (_, i) => be(value).getUint32(i * 4));

export const stringsOf = (value: Uint8Array): string[] => new TextDecoder().decode(value).split('\0').slice(0, -1);
