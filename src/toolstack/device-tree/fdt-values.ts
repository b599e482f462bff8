// Device tree property values as their bytes: cells are big-endian u32, strings end in NUL,
// a string list is the strings back to back. A 64-bit address or size is two cells.

export function cells(...values: readonly (number | bigint)[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => {
    const cell = BigInt(value);
    if (cell < 0n || cell > 0xffffffffn) throw new RangeError(`${value} does not fit a 32-bit cell`);
    view.setUint32(i * 4, Number(cell));
  });
  return bytes;
}

/** Each value as two cells (high, low): the encoding of #address-cells = 2 or #size-cells = 2. */
export function doubleCells(...values: readonly (number | bigint)[]): Uint8Array {
  return cells(...values.flatMap((value) => {
    const wide = BigInt(value);
    if (wide < 0n || wide >> 64n !== 0n) throw new RangeError(`${value} does not fit two cells`);
    return [wide >> 32n, wide & 0xffffffffn];
  }));
}

/** One or more NUL-terminated strings ("compatible" lists several, most specific first). */
export function strings(...values: readonly string[]): Uint8Array {
  for (const value of values) if (value.includes('\0')) throw new RangeError(`device tree string ${JSON.stringify(value)} contains NUL`);
  return new TextEncoder().encode(values.map((value) => `${value}\0`).join(''));
}

/** A property that is present without a value ("interrupt-controller;"). */
export const EMPTY = new Uint8Array(0);
