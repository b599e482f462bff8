// Named constant groups. A group is a plain frozen object for TypeScript
// (`XEN_DOMCTL.createdomain === 1`) and, through its prefix, a run of C #defines
// (`#define XEN_DOMCTL_createdomain 1`) and a table in docs/abi.md.
import { nextDeclarationOrder } from './layout.js';

export type ConstantValue = number | bigint;

export interface ConstantGroup {
  /** Prepended to each key to form the C name. */
  readonly prefix: string;
  readonly doc: string;
  /** Print values in hex (flags, addresses, magic numbers). */
  readonly hex: boolean;
  readonly values: Readonly<Record<string, ConstantValue>>;
  /** Position among all declarations, so generated files follow declaration order. */
  readonly order: number;
}

const groups = new WeakMap<object, ConstantGroup>();

export interface ConstantOptions {
  readonly hex?: boolean;
}

export function constants<const V extends Record<string, ConstantValue>>(
  prefix: string,
  doc: string,
  values: V,
  options: ConstantOptions = {},
): Readonly<V> {
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new Error(`${prefix}${key}: ${value} is not an exact integer; use a bigint`);
    }
  }
  const frozen = Object.freeze({ ...values });
  groups.set(frozen, { prefix, doc, hex: options.hex ?? false, values: frozen, order: nextDeclarationOrder() });
  return frozen;
}

/** The metadata of a group made by constants(). */
export function constantGroup(values: object): ConstantGroup {
  const group = groups.get(values);
  if (group === undefined) throw new Error('not a constant group made by constants()');
  return group;
}

export function isConstantGroup(value: unknown): value is object {
  return typeof value === 'object' && value !== null && groups.has(value);
}

/** The key of `value` in a group (the first one, if several share it), for messages and traces. */
export function constantName(values: Readonly<Record<string, ConstantValue>>, value: ConstantValue): string | undefined {
  for (const [key, candidate] of Object.entries(values)) if (candidate === value) return key;
  return undefined;
}
