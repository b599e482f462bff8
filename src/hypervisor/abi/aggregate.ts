// struct() and union(): declare a Xen structure once, in table form, and get its C layout
// (checked against the size the spec gives) and a typed codec over a DataView.
//
//   const runstate = struct('vcpu_runstate_info',
//     [['state', 'u32'], ['state_entry_time', 'u64'], ['time', 'u64', 4]], { size: 48 });
//   runstate.read(view, at)          → { state: number, state_entry_time: bigint, time: bigint[] }
//   runstate.patch(view, at, { state: 1 })   writes only the fields given
//   runstate.field('state').get(view, at)    one field, no object
// A union member whose variant a field of the enclosing struct selects (domctl's u by cmd)
// reads as just the live variant; read on its own, a union gives every variant.
import type {
  AggregateLayout, FieldCount, FieldLayout, FieldSpec, FieldType, HandleType, Placement, ScalarName, UnionSelector,
} from './layout.js';
import { nextDeclarationOrder, placeStruct, placeUnion } from './layout.js';
export { handle } from './layout.js';
import type { FieldReader, FieldWriter, NestedCodec } from './field-codec.js';
import { fieldReader, fieldWriter } from './field-codec.js';
import type { StructPatcher, StructReader } from './codegen.js';
import { compileStructPatcher, compileStructReader } from './codegen.js';

// ---- declaration types ------------------------------------------------------------------

export type FieldDecl =
  | readonly [name: string, type: FieldType]
  | readonly [name: string, type: FieldType, count: FieldCount];

type ScalarValue<S extends ScalarName> = S extends 'u64' | 'i64' ? bigint : number;
type ElementValue<T> = T extends ScalarName
  ? ScalarValue<T>
  : T extends HandleType
    ? bigint
    : T extends Aggregate<infer V>
      ? V
      : never;
type ArrayValue<T> = T extends 'u8' ? Uint8Array : T extends 'char' ? string : ElementValue<T>[];
type DeclValue<D> = D extends readonly [string, infer T, number] ? ArrayValue<T> : D extends readonly [string, infer T] ? ElementValue<T> : never;
type IsFlex<D> = D extends readonly [string, FieldType, 'flex'] ? true : false;

/** The JS value of a struct declared with fields F (flexible arrays have none). */
export type StructValue<F extends readonly FieldDecl[]> = {
  [D in F[number] as IsFlex<D> extends true ? never : D[0]]: DeclValue<D>;
};
/** The JS value of a union: the variants that were read (or are to be written). */
export type UnionValue<F extends readonly FieldDecl[]> = { [D in F[number] as D[0]]?: DeclValue<D> };

/** Fast access to one field without building the whole value. */
export interface FieldAccessor<T> {
  readonly offset: number;
  get(view: DataView, base: number): T;
  set(view: DataView, base: number, value: T): void;
}

export interface Aggregate<V extends object> extends AggregateLayout {
  /** Offset of a member from the start of the aggregate. */
  offsetOf(name: keyof V & string): number;
  read(view: DataView, base: number): V;
  /** Writes every member (padding members included); a missing member is an error. */
  write(view: DataView, base: number, value: V): void;
  /** Writes only the members present in `value`; the rest of the bytes are untouched. */
  patch(view: DataView, base: number, value: Partial<V>): void;
  field<K extends keyof V & string>(name: K): FieldAccessor<V[K]>;
  /** Decodes from the start of `bytes` (at least `size` long). */
  decode(bytes: Uint8Array): V;
  /** A zero-filled buffer of `size` bytes holding the members given. */
  encode(value: Partial<V>): Uint8Array;
}

export interface StructOptions {
  /** The size the spec gives; declaring a struct whose C layout differs throws. */
  readonly size?: number;
  readonly doc?: string;
}

export interface UnionOptions<Variant extends string> extends StructOptions {
  /** Which variant is live, chosen by a field of the enclosing struct (e.g. domctl `cmd`). */
  readonly select?: { readonly by: string; readonly cases: Readonly<Record<number, Variant>> };
}

// ---- the codec ----------------------------------------------------------------------------

interface CompiledField {
  readonly layout: FieldLayout;
  readonly read: FieldReader;
  readonly write: FieldWriter;
}

class AggregateCodec<V extends object> implements Aggregate<V>, NestedCodec {
  readonly size: number;
  readonly align: number;
  readonly fields: readonly FieldLayout[];
  readonly order = nextDeclarationOrder();
  private readonly byName: ReadonlyMap<string, CompiledField>;
  private readonly memberNames: readonly string[];
  private readonly readAll: StructReader;
  private readonly patchAll: StructPatcher;
  private readonly accessors = new Map<string, FieldAccessor<unknown>>();

  constructor(
    readonly kind: 'struct' | 'union',
    readonly name: string,
    placement: Placement,
    readonly doc: string,
    readonly selector: UnionSelector | undefined,
  ) {
    this.size = placement.size;
    this.align = placement.align;
    this.fields = placement.fields;
    const members = placement.fields.filter((f) => f.count !== 'flex');
    this.byName = new Map(members.map((f) => [f.name, { layout: f, read: fieldReader(name, f), write: fieldWriter(name, f) }]));
    this.memberNames = members.map((f) => f.name);
    if (kind === 'struct') this.checkSelectors();
    this.readAll = compileStructReader(name, placement.fields);
    this.patchAll = compileStructPatcher(name, placement.fields);
  }

  /** A union selected by a parent field needs that field earlier in this struct, as a scalar. */
  private checkSelectors(): void {
    this.fields.forEach((field, index) => {
      const type = field.type;
      if (typeof type === 'string' || type.kind !== 'union' || type.selector === undefined) return;
      const by = this.fields.slice(0, index).find((f) => f.name === type.selector?.by);
      if (by === undefined || typeof by.type !== 'string' || by.count !== undefined) {
        throw new Error(`${this.name}.${field.name}: union ${type.name} is selected by '${type.selector.by}', which must be an earlier scalar member`);
      }
    });
  }

  offsetOf(name: keyof V & string): number {
    return this.member(name).layout.offset;
  }

  private member(name: string): CompiledField {
    const found = this.byName.get(name);
    if (found === undefined) throw new Error(`${this.kind} ${this.name} has no member '${name}'`);
    return found;
  }

  read(view: DataView, base: number): V {
    return this.readWithin(view, base, undefined) as V;
  }

  readWithin(view: DataView, base: number, selected: unknown): unknown {
    if (this.selector === undefined || selected === undefined) return this.readAll(view, base);
    const live = this.selector.cases.get(selected as number);
    return live === undefined ? {} : { [live]: this.member(live).read(view, base) };
  }

  write(view: DataView, base: number, value: V): void {
    if (this.kind === 'struct') {
      const members = value as Record<string, unknown>;
      for (const name of this.memberNames) {
        if (members[name] === undefined) throw new Error(`${this.name}: no value for member '${name}'`);
      }
    }
    this.patchValue(view, base, value);
  }

  patch(view: DataView, base: number, value: Partial<V>): void {
    this.patchValue(view, base, value);
  }

  patchValue(view: DataView, base: number, value: unknown): void {
    this.patchAll(view, base, value as Record<string, unknown>);
  }

  field<K extends keyof V & string>(name: K): FieldAccessor<V[K]> {
    let accessor = this.accessors.get(name);
    if (accessor === undefined) {
      const { layout, read, write } = this.member(name);
      accessor = { offset: layout.offset, get: read, set: write };
      this.accessors.set(name, accessor);
    }
    return accessor as FieldAccessor<V[K]>;
  }

  decode(bytes: Uint8Array): V {
    if (bytes.length < this.size) {
      throw new RangeError(`${this.name}: need ${this.size} bytes, got ${bytes.length}`);
    }
    return this.read(new DataView(bytes.buffer, bytes.byteOffset, bytes.length), 0);
  }

  encode(value: Partial<V>): Uint8Array {
    const bytes = new Uint8Array(this.size);
    this.patchValue(new DataView(bytes.buffer), 0, value);
    return bytes;
  }
}

// ---- builders -------------------------------------------------------------------------------

function specsOf(fields: readonly FieldDecl[]): FieldSpec[] {
  return fields.map(([name, type, count]) => ({ name, type, count }));
}

function checkSize(kind: string, name: string, placement: Placement, expected: number | undefined): void {
  if (expected !== undefined && placement.size !== expected) {
    throw new Error(`${kind} ${name}: C layout gives ${placement.size} bytes, the spec says ${expected}`);
  }
}

export function struct<const F extends readonly FieldDecl[]>(
  name: string,
  fields: F,
  options: StructOptions = {},
): Aggregate<StructValue<F>> {
  const placement = placeStruct(name, specsOf(fields));
  checkSize('struct', name, placement, options.size);
  return new AggregateCodec<StructValue<F>>('struct', name, placement, options.doc ?? '', undefined);
}

export function union<const F extends readonly FieldDecl[]>(
  name: string,
  variants: F,
  options: UnionOptions<F[number][0]> = {},
): Aggregate<UnionValue<F>> {
  const placement = placeUnion(name, specsOf(variants));
  checkSize('union', name, placement, options.size);
  let selector: UnionSelector | undefined;
  if (options.select !== undefined) {
    const cases = new Map(Object.entries(options.select.cases).map(([value, variant]) => [Number(value), variant as string]));
    for (const variant of cases.values()) {
      if (!variants.some(([n]) => n === variant)) throw new Error(`union ${name}: selector names unknown variant '${variant}'`);
    }
    selector = { by: options.select.by, cases };
  }
  return new AggregateCodec<UnionValue<F>>('union', name, placement, options.doc ?? '', selector);
}

/** True for a struct or union made by struct() or union(). */
export function isAggregate(value: unknown): value is Aggregate<object> {
  return value instanceof AggregateCodec;
}

/** The value type of a declared aggregate: `AbiValue<typeof vcpuRunstateInfo>`. */
export type AbiValue<A> = A extends Aggregate<infer V> ? V : never;
