// Node names (spec §1.4): absolute or relative to /local/domain/<caller>,
// characters A-Z a-z 0-9 - / _ @, no empty component, no trailing '/', and the
// C length rule: at most `pathMax` characters after a /local/domain/<N>/ prefix,
// or in total for any other absolute path.
import { XsError } from './wire.js';

export const SPECIAL_WATCHES = ['@introduceDomain', '@releaseDomain'] as const;
export type SpecialWatch = (typeof SPECIAL_WATCHES)[number];

export function isSpecialPath(path: string): path is SpecialWatch {
  return path === '@introduceDomain' || path === '@releaseDomain';
}

export function domainPath(domid: number): string {
  return `/local/domain/${domid}`;
}

// 0..9 A-Z a-z - / _ @ : a lookup table keeps validation to one pass.
const ALLOWED = new Uint8Array(128);
for (const c of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-/_@') ALLOWED[c.charCodeAt(0)] = 1;
const SLASH = 0x2f;
const LOCAL_DOMAIN = '/local/domain/';

/** Length of the /local/domain/<N>/ prefix C does not count, or 0. */
function uncountedPrefix(path: string): number {
  if (!path.startsWith(LOCAL_DOMAIN)) return 0;
  let i = LOCAL_DOMAIN.length;
  const digitsStart = i;
  while (i < path.length && i - digitsStart < 5 && path.charCodeAt(i) >= 0x30 && path.charCodeAt(i) <= 0x39) i++;
  if (i === digitsStart || path.charCodeAt(i) !== SLASH) return 0;
  return i + 1;
}

/** True when `path` is a well-formed absolute node name within the length limit. */
export function isValidAbsolute(path: string, pathMax: number): boolean {
  const n = path.length;
  if (n === 0 || path.charCodeAt(0) !== SLASH) return false;
  if (n > 1 && path.charCodeAt(n - 1) === SLASH) return false;
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const c = path.charCodeAt(i);
    if (c >= 128 || ALLOWED[c] === 0) return false;
    if (c === SLASH && previous === SLASH) return false;
    previous = c;
  }
  return n <= uncountedPrefix(path) + pathMax;
}

/**
 * Resolves a request's path for the caller: relative names go below the caller's
 * domain path. `@` names are refused here (callers that accept the two special
 * watch names check them first). Throws EINVAL.
 */
export function resolvePath(raw: string, domid: number, pathMax: number): string {
  const path = raw.charCodeAt(0) === SLASH ? raw : raw.length === 0 || raw.charCodeAt(0) === 0x40 ? '' : `${domainPath(domid)}/${raw}`;
  if (!isValidAbsolute(path, pathMax)) throw new XsError('EINVAL');
  return path;
}

export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function childPath(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}

/** True when `path` is `ancestor` or lies below it. */
export function isWithin(path: string, ancestor: string): boolean {
  if (ancestor === '/') return path.charCodeAt(0) === SLASH;
  return path.startsWith(ancestor) && (path.length === ancestor.length || path.charCodeAt(ancestor.length) === SLASH);
}

/** Number of components of `path` below `ancestor` (which it must lie within). */
export function depthBelow(path: string, ancestor: string): number {
  let depth = 0;
  for (let i = ancestor === '/' ? 0 : ancestor.length; i < path.length; i++) if (path.charCodeAt(i) === SLASH) depth++;
  return depth;
}
