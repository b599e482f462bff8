// A setting's value as the type its key needs. Like xl, an integer may be written quoted
// ("512") and a string setting takes a bare number as its text.
import { parseIntegerLiteral } from './integer-literal.js';
import { XlCfgError } from './source-error.js';
import type { ScalarValue, Setting } from './syntax.js';

function fail(setting: Setting, message: string): never {
  throw new XlCfgError(setting.value.at, `${setting.key}: ${message}`);
}

function scalarText(value: ScalarValue): string {
  return value.kind === 'string' ? value.value : value.text;
}

export function stringOf(setting: Setting): string {
  if (setting.value.kind === 'list') return fail(setting, 'expected a string, found a list');
  return scalarText(setting.value);
}

export function integerOf(setting: Setting): number {
  const { value } = setting;
  if (value.kind === 'list') return fail(setting, 'expected an integer, found a list');
  if (value.kind === 'number') return value.value;
  const parsed = parseIntegerLiteral(value.value.trim());
  if (typeof parsed === 'string') return fail(setting, `expected an integer, found "${value.value}"`);
  return parsed;
}

/** Each item's text, or the single scalar as a one-item list. */
export function stringsOf(setting: Setting): { readonly text: string; readonly value: ScalarValue }[] {
  const items = setting.value.kind === 'list' ? setting.value.items : [setting.value];
  return items.map((value) => ({ text: scalarText(value), value }));
}

/** An integer within [min, max]; `unit` is appended in the message ("MiB"). */
export function integerInRange(setting: Setting, min: number, max: number, unit = ''): number {
  const value = integerOf(setting);
  if (value < min || value > max) {
    const suffix = unit === '' ? '' : ` ${unit}`;
    fail(setting, `${value}${suffix} is out of range (must be ${min}..${max}${suffix})`);
  }
  return value;
}

export { fail as settingError };
