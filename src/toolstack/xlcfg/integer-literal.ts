// xl reads integers with C's strtol in base 0: 0x… is hex, a leading 0 is octal, the rest
// decimal. The lexer and quoted integer values ("512") share this reading.

/** The value of `text`, or why it is not an integer xl accepts. */
export function parseIntegerLiteral(text: string): number | string {
  const match = /^(?:0[xX]([0-9A-Fa-f]+)|0([0-7]*)|([1-9][0-9]*))$/.exec(text);
  if (match === null) return /^0[0-9]+$/.test(text) ? `'${text}' is not an octal number (a leading 0 means octal)` : `'${text}' is not an integer`;
  const [, hex, octal, decimal] = match;
  const value = hex !== undefined ? BigInt(`0x${hex}`) : octal !== undefined ? BigInt(`0o${octal || '0'}`) : BigInt(decimal as string);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return `${text} is too large`;
  return Number(value);
}
