// Node permissions (spec §1.5). The first entry names the owner and gives the
// default access of every domain not listed after it; the first later entry that
// names the caller decides for it. Lists are immutable and shared: a created node
// reuses its parent's list object unless its owner differs.
import { XsError } from './wire.js';

export const PERM_NONE = 0;
export const PERM_READ = 1;
export const PERM_WRITE = 2;
export const PERM_BOTH = PERM_READ | PERM_WRITE;

const LETTERS: Record<string, number> = { n: PERM_NONE, r: PERM_READ, w: PERM_WRITE, b: PERM_BOTH };
const LETTER_OF = ['n', 'r', 'w', 'b'];

export interface PermEntry {
  readonly domid: number;
  readonly access: number;
}

export class PermList {
  private wireCache: Buffer | undefined;

  constructor(readonly entries: readonly PermEntry[]) {}

  get owner(): number {
    return this.entries[0].domid;
  }

  /** Access bits of an unprivileged `domid` (acting for `target`, if it has one). */
  accessFor(domid: number, target: number | undefined): number {
    const owner = this.entries[0].domid;
    if (owner === domid || owner === target) return PERM_BOTH;
    for (let i = 1; i < this.entries.length; i++) {
      const e = this.entries[i];
      if (e.domid === domid || e.domid === target) return e.access;
    }
    return this.entries[0].access;
  }

  withOwner(domid: number): PermList {
    if (this.owner === domid) return this;
    return new PermList([{ domid, access: this.entries[0].access }, ...this.entries.slice(1)]);
  }

  /** GET_PERMS payload: each entry as letter+domid, NUL-terminated. */
  toWire(): Buffer {
    this.wireCache ??= Buffer.from(this.entries.map((e) => `${LETTER_OF[e.access]}${e.domid}\0`).join(''), 'latin1');
    return this.wireCache;
  }

  toStrings(): string[] {
    return this.entries.map((e) => `${LETTER_OF[e.access]}${e.domid}`);
  }

  /** Parses SET_PERMS entries such as `b0`, `r5`; EINVAL when malformed or empty. */
  static parse(specs: readonly string[]): PermList {
    if (specs.length === 0) throw new XsError('EINVAL');
    return new PermList(specs.map(parseEntry));
  }

  static readonly DOM0_ONLY = new PermList([{ domid: 0, access: PERM_NONE }]);
}

function parseEntry(spec: string): PermEntry {
  const access = LETTERS[spec[0]];
  const digits = spec.slice(1);
  if (access === undefined || !/^[0-9]+$/.test(digits)) throw new XsError('EINVAL');
  const domid = Number(digits);
  if (domid > 0xffff) throw new XsError('EINVAL');
  return { domid, access };
}
