// The tokens of xl.cfg: identifiers, `=` and `+=`, strings ("..." or '...', both with xl's escapes),
// integers (decimal, 0x hex or 0 octal), list brackets and commas, `;` and newlines as statement
// ends. A `#` outside a string comments out the rest of its line.
import { parseIntegerLiteral } from './integer-literal.js';
import { type SourcePosition, XlCfgError } from './source-error.js';

export type Token =
  | { readonly kind: 'identifier'; readonly text: string; readonly at: SourcePosition }
  | { readonly kind: 'string'; readonly value: string; readonly at: SourcePosition }
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly at: SourcePosition }
  | { readonly kind: '=' | '+=' | '[' | ']' | ',' | ';' | 'newline' | 'end'; readonly at: SourcePosition };

/** The single-character escapes of xl's string dequoting. */
const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'",
};

const PUNCTUATION = new Set(['=', '[', ']', ',', ';']);
const isIdentifierStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isIdentifierPart = (c: string): boolean => /[A-Za-z0-9_.]/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

export function tokenize(text: string, file: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  const here = (at = offset): SourcePosition => ({ file, line, column: at - lineStart + 1 });
  const fail = (message: string, at = offset): never => {
    throw new XlCfgError(here(at), message);
  };

  const matchAt = (sticky: RegExp, at: number): string | undefined => {
    sticky.lastIndex = at;
    return sticky.exec(text)?.[0];
  };

  const readString = (quote: string): string => {
    const start = offset;
    let value = '';
    offset++;
    for (;;) {
      const c = text[offset];
      if (c === undefined || c === '\n') return fail(`unterminated string (no closing ${quote})`, start);
      offset++;
      if (c === quote) return value;
      if (c !== '\\') {
        value += c;
        continue;
      }
      value += readEscape(offset - 1);
    }
  };

  const readEscape = (backslash: number): string => {
    const c = text[offset];
    if (c === undefined || c === '\n') return fail('unterminated string (a backslash ends the line)', backslash);
    if (Object.hasOwn(ESCAPES, c)) {
      offset++;
      return ESCAPES[c] as string;
    }
    if (c === 'x') {
      const digits = matchAt(/[0-9A-Fa-f]{1,2}/y, offset + 1);
      if (digits === undefined) return fail('\\x must be followed by hex digits', backslash);
      offset += 1 + digits.length;
      return String.fromCharCode(parseInt(digits, 16));
    }
    const octal = matchAt(/[0-7]{1,3}/y, offset);
    if (octal !== undefined) {
      const code = parseInt(octal, 8);
      if (code > 0xff) return fail(`octal escape \\${octal} is larger than a byte`, backslash);
      offset += octal.length;
      return String.fromCharCode(code);
    }
    return fail(`unknown escape \\${c}`, backslash);
  };

  /** A run of identifier characters starting with a digit: it must be all one integer. */
  const readNumber = (): Token => {
    const start = offset;
    const at = here();
    while (offset < text.length && isIdentifierPart(text[offset] as string)) offset++;
    const word = text.slice(start, offset);
    const value = parseIntegerLiteral(word);
    if (typeof value === 'string') return fail(`malformed number: ${value}`, start);
    return { kind: 'number', value, text: word, at };
  };

  while (offset < text.length) {
    const c = text[offset] as string;
    if (c === ' ' || c === '\t' || c === '\r') {
      offset++;
    } else if (c === '#') {
      while (offset < text.length && text[offset] !== '\n') offset++;
    } else if (c === '\n') {
      tokens.push({ kind: 'newline', at: here() });
      offset++;
      line++;
      lineStart = offset;
    } else if (c === '+' && text[offset + 1] === '=') {
      tokens.push({ kind: '+=', at: here() });
      offset += 2;
    } else if (PUNCTUATION.has(c)) {
      tokens.push({ kind: c as '=' | '[' | ']' | ',' | ';', at: here() });
      offset++;
    } else if (c === '"' || c === "'") {
      const at = here();
      tokens.push({ kind: 'string', value: readString(c), at });
    } else if (isDigit(c)) {
      tokens.push(readNumber());
    } else if (isIdentifierStart(c)) {
      const start = offset;
      const at = here();
      while (offset < text.length && isIdentifierPart(text[offset] as string)) offset++;
      tokens.push({ kind: 'identifier', text: text.slice(start, offset), at });
    } else {
      fail(`unexpected character '${c}'`);
    }
  }
  tokens.push({ kind: 'end', at: here() });
  return tokens;
}
