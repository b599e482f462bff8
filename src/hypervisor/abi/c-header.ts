// Generates the guests' C headers from the declarations: one header per family with its
// #defines and structs, and _Static_assert lines for every size, alignment and offset,
// so a C compiler checks our layout against the C rules.
import type { AggregateLayout, FieldLayout } from './layout.js';
import { C_SCALAR } from './layout.js';
import type { ConstantGroup, ConstantValue } from './constants.js';
import type { AbiFamily } from './families.js';
import { ABI_FAMILIES, aggregateOwners, familyContents } from './families.js';

export const GENERATED_NOTICE = 'Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit.';

/** The C literal for a constant: hex or decimal, with U/ULL where the value needs it. */
export function cLiteral(value: ConstantValue, hex: boolean): string {
  const big = BigInt(value);
  if (big < 0n) return `(${big})`;
  const digits = hex ? `0x${big.toString(16)}` : big.toString(10);
  if (big > 0xffffffffn) return `${digits}ULL`;
  if (big > 0x7fffffffn) return `${digits}U`;
  return digits;
}

function comment(text: string): string {
  return text === '' ? '' : `/* ${text.replaceAll('*/', '* /')} */\n`;
}

function defines(group: ConstantGroup): string {
  const lines = Object.entries(group.values).map(([key, value]) => `#define ${group.prefix}${key} ${cLiteral(value, group.hex)}`);
  return `${comment(group.doc)}${lines.join('\n')}\n`;
}

function memberDeclaration(field: FieldLayout): string {
  const { type, name, count } = field;
  const suffix = count === undefined ? '' : count === 'flex' ? '[]' : `[${count}]`;
  if (typeof type === 'string') return `${C_SCALAR[type]} ${name}${suffix};`;
  if (type.kind === 'handle') return `uint64_t ${name}${suffix}; /* guest handle: ${type.target} * */`;
  return `${type.kind} ${type.name} ${name}${suffix};`;
}

function staticAsserts(aggregate: AggregateLayout): string[] {
  const tag = `${aggregate.kind} ${aggregate.name}`;
  const lines = [
    `_Static_assert(sizeof(${tag}) == ${aggregate.size}, "${aggregate.name} size");`,
    `_Static_assert(_Alignof(${tag}) == ${aggregate.align}, "${aggregate.name} alignment");`,
  ];
  for (const field of aggregate.fields) {
    lines.push(`_Static_assert(offsetof(${tag}, ${field.name}) == ${field.offset}, "${aggregate.name}.${field.name} offset");`);
  }
  return lines;
}

export function cDefinition(aggregate: AggregateLayout): string {
  const tag = `${aggregate.kind} ${aggregate.name}`;
  const members = aggregate.fields.map((f) => `    ${memberDeclaration(f)}`);
  return [
    `${comment(aggregate.doc)}${tag} {`,
    ...members,
    '};',
    `typedef ${tag} ${aggregate.name}_t;`,
    ...staticAsserts(aggregate),
  ].join('\n') + '\n';
}

function guardName(header: string): string {
  return `XENRV_${header.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

function fileName(header: string): string {
  return header.slice(header.lastIndexOf('/') + 1);
}

export function familyHeader(family: AbiFamily, owners: Map<AggregateLayout, AbiFamily>): string {
  const { aggregates, uses } = familyContents(family, owners);
  const body = [...family.constants.map(defines), ...aggregates.map(cDefinition)];
  const guard = guardName(family.header);
  return [
    `/* ${family.title}. ${GENERATED_NOTICE} */`,
    `#ifndef ${guard}`,
    `#define ${guard}`,
    '',
    '#include <stddef.h>',
    '#include <stdint.h>',
    ...uses.map((f) => `#include "${fileName(f.header)}"`),
    '',
    body.join('\n'),
    `#endif /* ${guard} */`,
    '',
  ].join('\n');
}

/** Every generated header: path under guests/include → contents. */
export function generateHeaders(families: readonly AbiFamily[] = ABI_FAMILIES): Map<string, string> {
  const owners = aggregateOwners(families);
  const files = new Map<string, string>();
  for (const family of families) files.set(family.header, familyHeader(family, owners));
  const umbrella = [
    `/* The whole xenrv Xen ABI. ${GENERATED_NOTICE} */`,
    '#ifndef XENRV_XEN_ABI_H',
    '#define XENRV_XEN_ABI_H',
    ...families.map((f) => `#include "${f.header}"`),
    '#endif /* XENRV_XEN_ABI_H */',
    '',
  ].join('\n');
  files.set('xen-abi.h', umbrella);
  return files;
}
