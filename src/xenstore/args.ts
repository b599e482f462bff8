// Request argument parsing, with C xenstored's strictness: a single argument
// must be the whole payload up to its one NUL, and counted arguments must all
// be NUL-terminated. Anything else is EINVAL.
import { XsError } from './wire.js';

export function oneArg(payload: Buffer): string {
  const nul = payload.indexOf(0);
  if (nul < 0 || nul !== payload.length - 1) throw new XsError('EINVAL');
  return payload.toString('latin1', 0, nul);
}

/** Every NUL-terminated string of the payload; EINVAL if the last one is unterminated. */
export function allArgs(payload: Buffer): string[] {
  if (payload.length === 0) return [];
  if (payload[payload.length - 1] !== 0) throw new XsError('EINVAL');
  return payload.toString('latin1', 0, payload.length - 1).split('\0');
}

/** Between `min` and `max` NUL-terminated strings. */
export function argsBetween(payload: Buffer, min: number, max: number): string[] {
  const args = allArgs(payload);
  if (args.length < min || args.length > max) throw new XsError('EINVAL');
  return args;
}

/** WRITE: a NUL-terminated path, then the raw value (no terminator). */
export function pathAndValue(payload: Buffer): [string, Buffer] {
  const nul = payload.indexOf(0);
  if (nul < 0) throw new XsError('EINVAL');
  return [payload.toString('latin1', 0, nul), payload.subarray(nul + 1)];
}

/** C's atoi: leading decimal digits, 0 when there are none. */
export function atoi(text: string): number {
  const match = /^\s*([+-]?\d+)/.exec(text);
  return match ? Number.parseInt(match[1], 10) | 0 : 0;
}
