// Compiles a struct's whole-value read and patch into straight-line JavaScript, once per
// declaration: one DataView call per scalar member at a constant offset and one object
// literal, which is as fast as hand-written code. Arrays, strings and nested aggregates
// call out to their own precompiled readers and writers (`h[i]`).
import type { FieldLayout, ScalarName } from './layout.js';
import type { FieldReader, FieldWriter, NestedCodec } from './field-codec.js';
import { fieldReader, fieldWriter } from './field-codec.js';

export type StructReader = (view: DataView, base: number) => Record<string, unknown>;
export type StructPatcher = (view: DataView, base: number, value: Record<string, unknown>) => void;

const ACCESSOR: Readonly<Record<ScalarName, { name: string; littleEndian: boolean }>> = {
  u8: { name: 'Uint8', littleEndian: false }, char: { name: 'Uint8', littleEndian: false },
  i8: { name: 'Int8', littleEndian: false }, u16: { name: 'Uint16', littleEndian: true },
  i16: { name: 'Int16', littleEndian: true }, u32: { name: 'Uint32', littleEndian: true },
  i32: { name: 'Int32', littleEndian: true }, u64: { name: 'BigUint64', littleEndian: true },
  i64: { name: 'BigInt64', littleEndian: true },
};

/** The scalar a single (non-array) member is, if it is one; guest handles are u64. */
function scalarOf(field: FieldLayout): ScalarName | undefined {
  if (field.count !== undefined) return undefined;
  if (typeof field.type === 'string') return field.type;
  return field.type.kind === 'handle' ? 'u64' : undefined;
}

function compile<F>(helpers: unknown[], body: string): F {
  return new Function('h', `"use strict";\n${body}`)(helpers) as F;
}

export function compileStructReader(owner: string, fields: readonly FieldLayout[]): StructReader {
  const helpers: unknown[] = [];
  const helper = (value: unknown): string => `h[${helpers.push(value) - 1}]`;
  const locals: string[] = [];
  const members: string[] = [];
  fields.forEach((field, index) => {
    if (field.count === 'flex') return;
    const at = `base + ${field.offset}`;
    const scalar = scalarOf(field);
    let expression: string;
    if (scalar !== undefined) {
      const { name, littleEndian } = ACCESSOR[scalar];
      expression = `view.get${name}(${at}${littleEndian ? ', true' : ''})`;
    } else if (field.count === undefined && typeof field.type !== 'string' && field.type.kind !== 'handle') {
      const by = field.type.selector?.by;
      const selected = by === undefined ? 'undefined' : `f${fields.findIndex((f) => f.name === by)}`;
      expression = `${helper(field.type as NestedCodec)}.readWithin(view, ${at}, ${selected})`;
    } else {
      expression = `${helper(fieldReader(owner, field) satisfies FieldReader)}(view, base)`;
    }
    locals.push(`const f${index} = ${expression};`);
    members.push(`${JSON.stringify(field.name)}: f${index}`);
  });
  return compile<StructReader>(helpers, `return function (view, base) {\n${locals.join('\n')}\nreturn { ${members.join(', ')} };\n};`);
}

export function compileStructPatcher(owner: string, fields: readonly FieldLayout[]): StructPatcher {
  const helpers: unknown[] = [];
  const helper = (value: unknown): string => `h[${helpers.push(value) - 1}]`;
  const statements = fields.filter((f) => f.count !== 'flex').map((field) => {
    const scalar = scalarOf(field);
    let store: string;
    if (scalar !== undefined) {
      const { name, littleEndian } = ACCESSOR[scalar];
      store = `view.set${name}(base + ${field.offset}, x${littleEndian ? ', true' : ''})`;
    } else {
      store = `${helper(fieldWriter(owner, field) satisfies FieldWriter)}(view, base, x)`;
    }
    return `x = value[${JSON.stringify(field.name)}]; if (x !== undefined) ${store};`;
  });
  return compile<StructPatcher>(helpers, `return function (view, base, value) {\nlet x;\n${statements.join('\n')}\n};`);
}
