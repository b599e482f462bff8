import { describe, expect, it } from 'vitest';
import { parseSettings, type XlValue } from '../../src/toolstack/xlcfg/syntax.js';
import { XlCfgError } from '../../src/toolstack/xlcfg/source-error.js';

/** The values of a source as plain data: strings, numbers and arrays of them. */
function values(text: string): Record<string, unknown> {
  const plain = (value: XlValue): unknown => (value.kind === 'list' ? value.items.map(plain) : value.value);
  return Object.fromEntries(parseSettings(text, 'guest.cfg').map((s) => [s.key, plain(s.value)]));
}

function errorOf(text: string): string {
  try {
    parseSettings(text, 'guest.cfg');
  } catch (error) {
    expect(error).toBeInstanceOf(XlCfgError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('xl.cfg syntax', () => {
  it('reads strings in either quotes, decimal and hex integers', () => {
    expect(values(`name = "web"\nkernel='k.elf'\nmemory = 512\nmaxmem=0x400\n`)).toEqual({
      name: 'web', kernel: 'k.elf', memory: 512, maxmem: 1024,
    });
  });

  it('reads integers as C\'s strtol in base 0 does: a leading 0 is octal', () => {
    expect(values('a = 010\nb = 0\nc = 0X1f\nd = 9007199254740991')).toEqual({ a: 8, b: 0, c: 31, d: 9007199254740991 });
  });

  it('decodes xl escapes in double- and single-quoted strings', () => {
    expect(values(String.raw`a = "x\ty\n\\\"q\'\x41\101\0"` + '\n' + String.raw`b = 'it\'s "ok"'`)).toEqual({
      a: 'x\ty\n\\"q\'AA\0', b: 'it\'s "ok"',
    });
  });

  it('reads lists spanning lines, with comments and a trailing comma, and empty lists', () => {
    const text = `cpus = [ "0-1",  # first vCPU\n  '2',\n\n  3,\n]\ndisk = []\n`;
    expect(values(text)).toEqual({ cpus: ['0-1', '2', 3], disk: [] });
  });

  it('treats # as a comment outside strings only, and ; as a separator', () => {
    expect(values(`# header\nname = "a#b" # trailing\nvcpus = 2; memory = 64;;\n  \n`)).toEqual({ name: 'a#b', vcpus: 2, memory: 64 });
  });

  it('accepts a last line without a newline and CRLF line ends', () => {
    expect(values('name = "a"\r\nvcpus = 3')).toEqual({ name: 'a', vcpus: 3 });
  });

  it('marks += settings as appending', () => {
    expect(parseSettings('a = "x"\na += "y"', 'g.cfg').map((s) => s.append)).toEqual([false, true]);
  });

  it('keeps every setting in order with the position of its key and value', () => {
    const settings = parseSettings(`name = "a"\n  vcpus =  2\nname = "b"`, 'g.cfg');
    expect(settings.map((s) => [s.key, s.at.line, s.at.column, s.value.at.column])).toEqual([
      ['name', 1, 1, 8], ['vcpus', 2, 3, 12], ['name', 3, 1, 8],
    ]);
  });

  it.each([
    ['name = "web', 'guest.cfg:1:8: unterminated string (no closing ")'],
    ["kernel = 'a\n'", "guest.cfg:1:10: unterminated string (no closing ')"],
    ['a = "x\\q"', 'guest.cfg:1:7: unknown escape \\q'],
    ['a = "x\\\n"', 'guest.cfg:1:7: unterminated string (a backslash ends the line)'],
    ['a = "\\x"', 'guest.cfg:1:6: \\x must be followed by hex digits'],
    ['a = "\\777"', 'guest.cfg:1:6: octal escape \\777 is larger than a byte'],
    ['memory = 12ab', "guest.cfg:1:10: malformed number: '12ab' is not an integer"],
    ['memory = 0x', "guest.cfg:1:10: malformed number: '0x' is not an integer"],
    ['memory = 09', "guest.cfg:1:10: malformed number: '09' is not an octal number (a leading 0 means octal)"],
    ['memory = 99999999999999999999', 'guest.cfg:1:10: malformed number: 99999999999999999999 is too large'],
    ['name = @', "guest.cfg:1:8: unexpected character '@'"],
    ['type = pvh', 'guest.cfg:1:8: expected a value, found \'pvh\' (strings need quotes: "pvh")'],
    ['name "web"', "guest.cfg:1:6: expected '=' after 'name', found a string"],
    ['\n\n  = 3', "guest.cfg:3:3: expected a setting name, found '='"],
    ['name =\n"web"', 'guest.cfg:1:7: expected a value (a string, number or list), found end of line'],
    ['name = "a" "b"', "guest.cfg:1:12: expected end of line or ';' after the value of 'name', found a string"],
    ['cpus = [ "1" "2" ]', "guest.cfg:1:14: expected ',' or ']' in the list, found a string"],
    ['cpus = [ "1", ["2"] ]', 'guest.cfg:1:15: lists cannot be nested'],
    ['cpus = [ "1",\n "2"\n', "guest.cfg:1:8: list is not closed (no matching ']')"],
    ['cpus = [ , ]', "guest.cfg:1:10: expected a value (a string, number or list), found ','"],
  ])('rejects %j with its place', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});
