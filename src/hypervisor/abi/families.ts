// The ABI grouped into families, one generated C header each. Every struct, union and
// constant group a family module exports belongs to that family; unexported nested types
// (anonymous unions in Xen's headers) belong to the family of the struct that first uses them.
import type { AggregateLayout } from './layout.js';
import type { ConstantGroup } from './constants.js';
import { constantGroup, isConstantGroup } from './constants.js';
import { isAggregate } from './aggregate.js';
import * as errno from './decl/errno.js';
import * as xen from './decl/xen.js';
import * as hypercalls from './decl/hypercalls.js';
import * as sbi from './decl/sbi.js';
import * as archRiscv from './decl/arch-riscv.js';
import * as guestLayout from './decl/guest-layout.js';
import * as version from './decl/version.js';
import * as vcpu from './decl/vcpu.js';
import * as sharedInfo from './decl/shared-info.js';
import * as eventChannel from './decl/event-channel.js';
import * as grantTable from './decl/grant-table.js';
import * as memory from './decl/memory.js';
import * as hvm from './decl/hvm.js';
import * as schedOp from './decl/sched-op.js';
import * as scheduler from './decl/scheduler.js';
import * as consoleIo from './decl/console.js';
import * as xenstore from './decl/xenstore.js';
import * as sysctl from './decl/sysctl.js';
import * as domctl from './decl/domctl.js';
import * as xsm from './decl/xsm.js';

export interface AbiFamily {
  /** Header path under guests/include, e.g. `xen/domctl.h`. */
  readonly header: string;
  readonly title: string;
  readonly constants: readonly ConstantGroup[];
  /** Exported structs and unions, in declaration order. */
  readonly aggregates: readonly AggregateLayout[];
}

type DeclarationModule = Readonly<Record<string, unknown>>;

function family(header: string, title: string, ...modules: DeclarationModule[]): AbiFamily {
  const exported = modules.flatMap((m) => Object.values(m));
  return {
    header,
    title,
    constants: exported.filter(isConstantGroup).map(constantGroup).sort((a, b) => a.order - b.order),
    aggregates: exported.filter(isAggregate).sort((a, b) => a.order - b.order),
  };
}

export const ABI_FAMILIES: readonly AbiFamily[] = [
  family('xen/errno.h', 'Error numbers', errno),
  family('xen/xen.h', 'Hypercalls and core definitions', hypercalls, xen),
  family('xen/sbi.h', 'SBI', sbi),
  family('xen/arch-riscv.h', 'RISC-V: vCPU context, domain config, memory map, upcall', archRiscv, guestLayout),
  family('xen/version.h', 'xen_version', version),
  family('xen/vcpu.h', 'vcpu_op', vcpu),
  family('xen/shared_info.h', 'shared_info and vcpu_info', sharedInfo),
  family('xen/event_channel.h', 'event_channel_op', eventChannel),
  family('xen/grant_table.h', 'grant_table_op', grantTable),
  family('xen/memory.h', 'memory_op', memory),
  family('xen/hvm.h', 'hvm_op and HVM parameters', hvm),
  family('xen/sched.h', 'sched_op', schedOp),
  family('xen/scheduler.h', 'Schedulers', scheduler),
  family('xen/console.h', 'console_io and the console ring', consoleIo),
  family('xen/xenstore.h', 'Xenstore wire protocol and ring', xenstore),
  family('xen/sysctl.h', 'sysctl', sysctl),
  family('xen/domctl.h', 'domctl', domctl),
  family('xen/xsm.h', 'xsm_op (FLASK)', xsm),
];

function nestedAggregates(aggregate: AggregateLayout): AggregateLayout[] {
  return aggregate.fields.flatMap((f) => (typeof f.type === 'string' || f.type.kind === 'handle' ? [] : [f.type]));
}

/** Which family defines each aggregate: the one exporting it, else the first whose structs reach it. */
export function aggregateOwners(families: readonly AbiFamily[] = ABI_FAMILIES): Map<AggregateLayout, AbiFamily> {
  const owner = new Map<AggregateLayout, AbiFamily>();
  for (const f of families) for (const a of f.aggregates) owner.set(a, f);
  const claim = (aggregate: AggregateLayout, f: AbiFamily): void => {
    for (const nested of nestedAggregates(aggregate)) {
      if (!owner.has(nested)) owner.set(nested, f);
      if (owner.get(nested) === f) claim(nested, f);
    }
  };
  for (const f of families) for (const a of f.aggregates) claim(a, f);
  return owner;
}

/** The aggregates a family defines, each after the ones it contains; and the families it uses. */
export function familyContents(family: AbiFamily, owners: Map<AggregateLayout, AbiFamily>): {
  aggregates: AggregateLayout[];
  uses: AbiFamily[];
} {
  const aggregates: AggregateLayout[] = [];
  const uses = new Set<AbiFamily>();
  const visit = (aggregate: AggregateLayout): void => {
    if (aggregates.includes(aggregate)) return;
    for (const nested of nestedAggregates(aggregate)) {
      const owner = owners.get(nested);
      if (owner === family) visit(nested);
      else if (owner !== undefined) uses.add(owner);
    }
    aggregates.push(aggregate);
  };
  family.aggregates.forEach(visit);
  return { aggregates, uses: [...uses] };
}

/** Every aggregate reachable from the families (nested ones included), each once. */
export function allAggregates(): AggregateLayout[] {
  const seen = new Set<AggregateLayout>();
  const visit = (aggregate: AggregateLayout): void => {
    if (seen.has(aggregate)) return;
    nestedAggregates(aggregate).forEach(visit);
    seen.add(aggregate);
  };
  for (const f of ABI_FAMILIES) f.aggregates.forEach(visit);
  return [...seen];
}

export function aggregateNamed(name: string): AggregateLayout {
  const found = allAggregates().find((a) => a.name === name);
  if (found === undefined) throw new Error(`no ABI structure or union named '${name}'`);
  return found;
}
