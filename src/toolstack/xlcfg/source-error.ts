// Where in an xl.cfg source something is, and the error that names that place the way
// compilers do (`FILE:LINE:COL: message`), so an editor can jump to it.

export interface SourcePosition {
  /** The file name as the user gave it, or "<command line>" for `xl create` overrides. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

/** A place in a file, or the whole file when a setting is missing from it. */
export type SourcePlace = SourcePosition | { readonly file: string };

export function formatPosition(at: SourcePlace): string {
  return 'line' in at ? `${at.file}:${at.line}:${at.column}` : at.file;
}

export class XlCfgError extends Error {
  constructor(
    readonly at: SourcePlace,
    readonly detail: string,
  ) {
    super(`${formatPosition(at)}: ${detail}`);
    this.name = 'XlCfgError';
  }
}
