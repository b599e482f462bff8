// xl.cfg statements: `key = value` or `key += value`, ended by a newline, `;` or the end of the file. A value
// is a string, an integer or a list of them in brackets; a list may span lines and end in a
// trailing comma. The result keeps every value's position for later messages.
import { type Token, tokenize } from './lexer.js';
import { type SourcePosition, XlCfgError } from './source-error.js';

export type ScalarValue =
  | { readonly kind: 'string'; readonly value: string; readonly at: SourcePosition }
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly at: SourcePosition };

export type XlValue = ScalarValue | { readonly kind: 'list'; readonly items: readonly ScalarValue[]; readonly at: SourcePosition };

export interface Setting {
  readonly key: string;
  /** `key += value`: appended to the key's earlier value (string to string, list to list). */
  readonly append: boolean;
  /** Where the key starts. */
  readonly at: SourcePosition;
  readonly value: XlValue;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'identifier': return `'${token.text}'`;
    case 'string': return 'a string';
    case 'number': return `number ${token.text}`;
    case 'newline': return 'end of line';
    case 'end': return 'end of file';
    default: return `'${token.kind}'`;
  }
}

/** The settings of one xl.cfg source, in order (a later one of the same key wins). */
export function parseSettings(text: string, file: string): Setting[] {
  const tokens = tokenize(text, file);
  let index = 0;
  const peek = (): Token => tokens[index] as Token;
  const next = (): Token => tokens[index++] as Token;
  const fail = (token: Token, message: string): never => {
    throw new XlCfgError(token.at, message);
  };
  const skipNewlines = (): void => {
    while (peek().kind === 'newline') index++;
  };

  const scalar = (token: Token, inList: boolean): ScalarValue => {
    if (token.kind === 'string' || token.kind === 'number') return token;
    if (token.kind === '[' && inList) return fail(token, 'lists cannot be nested');
    if (token.kind === 'identifier') return fail(token, `expected a value, found ${describe(token)} (strings need quotes: "${token.text}")`);
    return fail(token, `expected a value (a string, number or list), found ${describe(token)}`);
  };

  const list = (open: Token): XlValue => {
    const items: ScalarValue[] = [];
    const skipToItem = (): Token => {
      skipNewlines();
      if (peek().kind === 'end') fail(open, "list is not closed (no matching ']')");
      return peek();
    };
    for (;;) {
      if (skipToItem().kind === ']') break;
      items.push(scalar(next(), true));
      const separator = skipToItem();
      if (separator.kind === ']') break;
      if (separator.kind !== ',') return fail(separator, `expected ',' or ']' in the list, found ${describe(separator)}`);
      index++;
    }
    index++;
    return { kind: 'list', items, at: open.at };
  };

  const settings: Setting[] = [];
  for (;;) {
    const first = next();
    if (first.kind === 'end') return settings;
    if (first.kind === 'newline' || first.kind === ';') continue;
    if (first.kind !== 'identifier') return fail(first, `expected a setting name, found ${describe(first)}`);
    const equals = next();
    if (equals.kind !== '=' && equals.kind !== '+=') return fail(equals, `expected '=' after '${first.text}', found ${describe(equals)}`);
    const valueToken = next();
    const value = valueToken.kind === '[' ? list(valueToken) : scalar(valueToken, false);
    const after = peek();
    if (after.kind !== 'newline' && after.kind !== ';' && after.kind !== 'end') {
      return fail(after, `expected end of line or ';' after the value of '${first.text}', found ${describe(after)}`);
    }
    settings.push({ key: first.text, append: equals.kind === '+=', at: first.at, value });
  }
}
