// The settings in force after a run of sources: a later `key = value` replaces the key's
// value, a later `key += value` appends to it (strings concatenate, lists join) as xl does.
import { XlCfgError } from './source-error.js';
import type { Setting, XlValue } from './syntax.js';

function appended(earlier: XlValue, later: Setting): XlValue {
  const { value } = later;
  if (earlier.kind === 'list' && value.kind === 'list') return { ...earlier, items: [...earlier.items, ...value.items] };
  if (earlier.kind !== 'list' && value.kind !== 'list') {
    const text = (v: typeof value): string => (v.kind === 'string' ? v.value : v.text);
    return { kind: 'string', value: text(earlier) + text(value), at: earlier.at };
  }
  throw new XlCfgError(value.at, `${later.key}: += cannot add a ${value.kind === 'list' ? 'list to a single value' : 'single value to a list'}`);
}

export function mergeSettings(settings: readonly Setting[]): Map<string, Setting> {
  const merged = new Map<string, Setting>();
  for (const setting of settings) {
    const earlier = merged.get(setting.key);
    merged.set(setting.key, setting.append && earlier !== undefined ? { ...setting, value: appended(earlier.value, setting) } : setting);
  }
  return merged;
}
