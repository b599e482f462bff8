import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EMPTY, cells, doubleCells, strings } from '../../src/toolstack/device-tree/fdt-values.js';
import { type FdtNode, encodeFdt } from '../../src/toolstack/device-tree/fdt-writer.js';
import { cellsOf, nodeAt, readFdt, stringsOf } from '../support/fdt-reader.js';
import { missingTools } from '../support/tools.js';

const node = (name: string, properties: Record<string, Uint8Array>, children: FdtNode[] = []): FdtNode => ({
  name, properties: Object.entries(properties).map(([n, value]) => ({ name: n, value })), children,
});

const SAMPLE = node('', { '#address-cells': cells(2), '#size-cells': cells(2), model: strings('test') }, [
  node('chosen', { bootargs: strings('console=hvc0 x="1 2"') }),
  node('soc', { 'ranges': EMPTY, odd: new Uint8Array([1, 2, 3]) }, [node('uart@10000000', { reg: doubleCells(0x10000000, 0x100) })]),
]);

describe('FDT writer', () => {
  it('writes a v17 header, an empty reservation map and 4-byte aligned tokens', () => {
    const blob = encodeFdt(node('', {}));
    const view = new DataView(blob.buffer);
    const header = Array.from({ length: 10 }, (_, i) => view.getUint32(i * 4));
    // magic, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap, version, last_comp, boot cpu, strings, struct
    expect(header).toEqual([0xd00dfeed, 72, 56, 72, 40, 17, 16, 0, 0, 16]);
    expect(Array.from(blob.subarray(40, 56))).toEqual(new Array(16).fill(0));
    // BEGIN_NODE, "" padded to 4, END_NODE, END
    expect(Array.from(blob.subarray(56))).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 9]);
  });

  it('reads back through an independent reader: tree, values, reservations, boot CPU', () => {
    const blob = encodeFdt(SAMPLE, { bootCpuId: 3, reservations: [{ address: 0x80000000n, size: 0x200000n }] });
    const fdt = readFdt(blob);
    expect(fdt).toMatchObject({ version: 17, lastCompatibleVersion: 16, bootCpuId: 3, reservations: [{ address: 0x80000000n, size: 0x200000n }] });
    expect(stringsOf(nodeAt(fdt.root, '/chosen')?.properties.get('bootargs') ?? EMPTY)).toEqual(['console=hvc0 x="1 2"']);
    expect(Array.from(nodeAt(fdt.root, '/soc')?.properties.get('odd') ?? EMPTY)).toEqual([1, 2, 3]);
    expect(cellsOf(nodeAt(fdt.root, '/soc/uart@10000000')?.properties.get('reg') ?? EMPTY)).toEqual([0, 0x10000000, 0, 0x100]);
    expect(nodeAt(fdt.root, '/soc')?.properties.get('ranges')?.length).toBe(0);
  });

  it('stores each property name once, sharing suffixes', () => {
    const blob = encodeFdt(node('', { '#size-cells': cells(1) }, [node('a', { '#size-cells': cells(1), cells: cells(2) })]));
    const view = new DataView(blob.buffer);
    expect(view.getUint32(32)).toBe('#size-cells\0'.length);
  });

  it('encodes values big-endian', () => {
    expect(Array.from(cells(0x01020304))).toEqual([1, 2, 3, 4]);
    expect(Array.from(doubleCells(0x1_0000_0002n))).toEqual([0, 0, 0, 1, 0, 0, 0, 2]);
    expect(Array.from(strings('a', 'bc'))).toEqual([0x61, 0, 0x62, 0x63, 0]);
    expect(() => cells(-1)).toThrow('does not fit a 32-bit cell');
    expect(() => cells(0x1_0000_0000)).toThrow('does not fit a 32-bit cell');
    expect(() => strings('a\0b')).toThrow('contains NUL');
  });

  it.each([
    [node('x', {}), 'the device tree root node has no name'],
    [node('', {}, [node('bad name', {})]), 'device tree node name "bad name" is not valid (at /bad name)'],
    [node('', {}, [node('a', { 'bad prop': EMPTY })]), 'device tree property name "bad prop" in /a is not valid'],
    [node('', {}, [node('a', {}), node('a', {})]), 'device tree node / has two children named a'],
  ])('rejects an invalid tree: %#', (tree, message) => {
    expect(() => encodeFdt(tree)).toThrow(message);
  });

  it('rejects a property given twice', () => {
    const tree: FdtNode = { name: '', properties: [{ name: 'a', value: EMPTY }, { name: 'a', value: EMPTY }], children: [] };
    expect(() => encodeFdt(tree)).toThrow('device tree node / has property a twice');
  });

  const skip = missingTools('dtc');
  it.skipIf(skip)(`matches dtc byte for byte in both directions ${skip ?? ''}`, () => {
    const blob = encodeFdt(SAMPLE, { reservations: [{ address: 0x80000000n, size: 0x1000n }] });
    const dts = execFileSync('dtc', ['-q', '-I', 'dtb', '-O', 'dts', '-'], { input: blob }).toString();
    expect(dts).toContain('/memreserve/\t0x0000000080000000 0x0000000000001000;');
    expect(dts).toContain('bootargs = "console=hvc0 x=\\"1 2\\"";');
    expect(dts).toContain('odd = [01 02 03];');
    expect(dts).toContain('reg = <0x00 0x10000000 0x00 0x100>;');
    const again = execFileSync('dtc', ['-q', '-I', 'dts', '-O', 'dtb', '-'], { input: dts });
    expect(Buffer.from(blob).equals(again)).toBe(true);
  });
});
