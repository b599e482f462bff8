// Field types of the Xen ABI and how C lays them out on RISC-V LP64: every scalar is
// naturally aligned, a struct is aligned to its widest member and padded to a multiple of
// that alignment, a union is as large as its largest variant. Empty structs are GNU C's
// zero-sized ones (Xen's RISC-V arch_vcpu_info and 4.18's xen_arch_domainconfig).

export type ScalarName = 'u8' | 'i8' | 'char' | 'u16' | 'i16' | 'u32' | 'i32' | 'u64' | 'i64';

export const SCALAR_SIZE: Readonly<Record<ScalarName, number>> = {
  u8: 1, i8: 1, char: 1, u16: 2, i16: 2, u32: 4, i32: 4, u64: 8, i64: 8,
};

/** A guest handle: a u64 guest-physical address of `target` (XEN_GUEST_HANDLE_64). */
export interface HandleType {
  readonly kind: 'handle';
  /** What the address points at, for the C comment and the docs (e.g. `uint8_t`). */
  readonly target: string;
}

export function handle(target: string): HandleType {
  return { kind: 'handle', target };
}

/** What an aggregate (struct or union) shares with the layout code; codecs add the rest. */
export interface AggregateLayout {
  readonly kind: 'struct' | 'union';
  readonly name: string;
  readonly size: number;
  readonly align: number;
  readonly fields: readonly FieldLayout[];
  readonly doc: string;
  /** For a union: the parent's field that says which variant is live. */
  readonly selector: UnionSelector | undefined;
  /** Position among all declarations, so generated files follow declaration order. */
  readonly order: number;
}

export interface UnionSelector {
  /** Name of a scalar field declared earlier in the enclosing struct. */
  readonly by: string;
  /** Value of that field → variant name. */
  readonly cases: ReadonlyMap<number, string>;
}

export type FieldType = ScalarName | HandleType | AggregateLayout;
/** A fixed element count, or 'flex' for a C flexible array member (`buf[]`). */
export type FieldCount = number | 'flex';

export interface FieldLayout {
  readonly name: string;
  readonly type: FieldType;
  /** undefined for a single element. */
  readonly count: FieldCount | undefined;
  readonly offset: number;
  /** Total bytes (0 for a flexible array). */
  readonly size: number;
  readonly align: number;
}

export function elementSize(type: FieldType): number {
  if (typeof type === 'string') return SCALAR_SIZE[type];
  if (type.kind === 'handle') return 8;
  return type.size;
}

export function elementAlign(type: FieldType): number {
  if (typeof type === 'string') return SCALAR_SIZE[type];
  if (type.kind === 'handle') return 8;
  return type.align;
}

let declarations = 0;

/** The next declaration sequence number (aggregates and constant groups share it). */
export function nextDeclarationOrder(): number {
  return declarations++;
}

export function alignUp(value: number, align: number): number {
  return Math.ceil(value / align) * align;
}

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly count: FieldCount | undefined;
}

export interface Placement {
  readonly fields: FieldLayout[];
  readonly size: number;
  readonly align: number;
}

const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkSpec(owner: string, spec: FieldSpec, seen: Set<string>): void {
  if (!C_IDENTIFIER.test(spec.name)) throw new Error(`${owner}: '${spec.name}' is not a C identifier`);
  if (seen.has(spec.name)) throw new Error(`${owner}: field '${spec.name}' declared twice`);
  seen.add(spec.name);
  const { count } = spec;
  if (count !== undefined && count !== 'flex' && (!Number.isInteger(count) || count <= 0)) {
    throw new Error(`${owner}.${spec.name}: array count must be a positive integer, got ${count}`);
  }
}

/** Places struct members one after another with natural alignment, as C does. */
export function placeStruct(owner: string, specs: readonly FieldSpec[]): Placement {
  const seen = new Set<string>();
  const fields: FieldLayout[] = [];
  let cursor = 0;
  let align = 1;
  specs.forEach((spec, index) => {
    checkSpec(owner, spec, seen);
    if (spec.count === 'flex' && index !== specs.length - 1) {
      throw new Error(`${owner}.${spec.name}: a flexible array must be the last member`);
    }
    const elementAlignment = elementAlign(spec.type);
    const offset = alignUp(cursor, elementAlignment);
    const size = spec.count === 'flex' ? 0 : elementSize(spec.type) * (spec.count ?? 1);
    fields.push({ ...spec, offset, size, align: elementAlignment });
    cursor = offset + size;
    align = Math.max(align, elementAlignment);
  });
  return { fields, size: alignUp(cursor, align), align };
}

/** Places every union variant at offset 0; the union is as big as its largest variant. */
export function placeUnion(owner: string, specs: readonly FieldSpec[]): Placement {
  const seen = new Set<string>();
  const fields: FieldLayout[] = [];
  let size = 0;
  let align = 1;
  for (const spec of specs) {
    checkSpec(owner, spec, seen);
    if (spec.count === 'flex') throw new Error(`${owner}.${spec.name}: a union cannot hold a flexible array`);
    const elementAlignment = elementAlign(spec.type);
    const fieldSize = elementSize(spec.type) * (spec.count ?? 1);
    fields.push({ ...spec, offset: 0, size: fieldSize, align: elementAlignment });
    size = Math.max(size, fieldSize);
    align = Math.max(align, elementAlignment);
  }
  return { fields, size: alignUp(size, align), align };
}

/** The C spelling of a field type, for docs: `uint32_t`, `struct vcpu_time_info`, `handle(uint8_t)`. */
export function typeLabel(type: FieldType): string {
  if (typeof type === 'string') return C_SCALAR[type];
  if (type.kind === 'handle') return `handle(${type.target})`;
  return `${type.kind} ${type.name}`;
}

export const C_SCALAR: Readonly<Record<ScalarName, string>> = {
  u8: 'uint8_t', i8: 'int8_t', char: 'char', u16: 'uint16_t', i16: 'int16_t',
  u32: 'uint32_t', i32: 'int32_t', u64: 'uint64_t', i64: 'int64_t',
};

/** Where a dotted member path ('u.getdomaininfo.flags') lies inside an aggregate. */
export function locate(aggregate: AggregateLayout, path: string): FieldLayout {
  let offset = 0;
  let current: AggregateLayout = aggregate;
  let found: FieldLayout | undefined;
  for (const name of path.split('.')) {
    if (found !== undefined) {
      if (typeof found.type === 'string' || found.type.kind === 'handle' || found.count !== undefined) {
        throw new Error(`${aggregate.name}: '${path}' goes inside ${found.name}, which is not a single struct or union`);
      }
      current = found.type;
    }
    found = current.fields.find((f) => f.name === name);
    if (found === undefined) throw new Error(`${current.kind} ${current.name} has no member '${name}' (in '${path}')`);
    offset += found.offset;
  }
  if (found === undefined) throw new Error(`empty member path for ${aggregate.name}`);
  return { ...found, offset };
}
