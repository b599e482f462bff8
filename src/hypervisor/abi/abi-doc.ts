// Generates docs/abi.md from the declarations: hypercalls with their sub-op groups, then
// per family its constants and its structures with every member's offset and size.
import type { AggregateLayout, FieldLayout } from './layout.js';
import { typeLabel } from './layout.js';
import type { ConstantGroup } from './constants.js';
import { constantGroup } from './constants.js';
import type { AbiFamily } from './families.js';
import { ABI_FAMILIES, aggregateOwners, familyContents } from './families.js';
import { cLiteral, GENERATED_NOTICE } from './c-header.js';
import { HYPERCALL, HYPERCALL_ARG_COUNT, XEN_HYPERCALL } from './decl/hypercalls.js';
import { HYPERCALL_SUBOPS } from './decl/hypercall-subops.js';
import { XEN_DOMCTL_INTERFACE_VERSION } from './decl/domctl.js';
import { XEN_SYSCTL_INTERFACE_VERSION } from './decl/sysctl.js';

const hex = (n: number, digits = 1): string => `0x${n.toString(16).toUpperCase().padStart(digits, '0')}`;

const INTRODUCTION = `# The Xen ABI of xenrv

${GENERATED_NOTICE}

Every structure, constant and hypercall below is declared once in TypeScript under
\`src/hypervisor/abi/\`; the hypervisor's codecs, the guests' C headers (\`guests/include/xen-abi.h\`
and \`guests/include/xen/*.h\`) and this page all come from it.

- Target: Xen 4.18 (the base of the RISC-V downstream branch), RISC-V LP64, little-endian.
  domctl interface version ${hex(XEN_DOMCTL_INTERFACE_VERSION)}, sysctl ${hex(XEN_SYSCTL_INTERFACE_VERSION)}; another version gets -EACCES.
- Hypercall entry: \`ecall\` from VS-mode with \`a7\` = ${hex(XEN_HYPERCALL.EID, 8)}, \`a6\` = hypercall number,
  \`a1\`..\`a5\` = arguments, result in \`a0\` (negative: \`-XEN_Exxx\`). Any other \`a7\` is an SBI call.
- Guest handles are u64 guest-physical addresses.

## Choices xenrv makes where the downstream value is unconfirmed

- \`vcpu_guest_context\` and \`cpu_user_regs\`: x1..x31 by ABI name, then pc, then the guest's
  supervisor CSRs (sstatus, sie, stvec, sscratch, sepc, scause, stval, sip, satp, stimecmp).
- \`xen_arch_domainconfig\` is empty (4.18's arch-riscv.h), so createdomain is 56 bytes and
  getdomaininfo 104.
- \`GUEST_GNTTAB_BASE\` 0x38000000 and \`GUEST_MAGIC_BASE\` 0x39000000 (16 MiB each) are Arm's values.
- The event upcall is injected through \`hvip.VSSIP\`, so the guest sees supervisor software
  interrupt 1 (\`XEN_UPCALL_IRQ\`), following the downstream's "hvip.IRQ_VS_EVTCHN → vsip.SSIP".
`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function hypercallSection(): string {
  const rows = Object.entries(HYPERCALL).map(([name, nr]) => {
    const subops = HYPERCALL_SUBOPS[name as keyof typeof HYPERCALL];
    const args = HYPERCALL_ARG_COUNT[name as keyof typeof HYPERCALL];
    return [String(nr), `\`${name}\``, args === undefined ? '' : String(args), subops === undefined ? '' : `\`${constantGroup(subops).prefix}*\``];
  });
  return `## Hypercalls\n\n${table(['nr', 'name', 'args', 'sub-ops'], rows)}\n`;
}

function constantsSection(group: ConstantGroup): string {
  const rows = Object.entries(group.values).map(([key, value]) => [`\`${group.prefix}${key}\``, cLiteral(value, group.hex)]);
  return `#### ${group.doc}\n\n${table(['name', 'value'], rows)}\n`;
}

function memberRow(field: FieldLayout): string[] {
  const count = field.count === undefined ? '' : field.count === 'flex' ? '[]' : `[${field.count}]`;
  return [String(field.offset), String(field.size), `\`${field.name}${count}\``, `\`${typeLabel(field.type)}\``];
}

function selectorNote(aggregate: AggregateLayout): string {
  if (aggregate.selector === undefined) return '';
  const cases = [...aggregate.selector.cases].map(([value, variant]) => `${value} → \`${variant}\``).join(', ');
  return `Live variant chosen by the enclosing \`${aggregate.selector.by}\`: ${cases}.\n\n`;
}

function aggregateSection(aggregate: AggregateLayout): string {
  const doc = aggregate.doc === '' ? '' : `${aggregate.doc}\n\n`;
  const members = aggregate.fields.length === 0 ? 'No members.\n' : `${table(['offset', 'size', 'member', 'type'], aggregate.fields.map(memberRow))}\n`;
  return `#### ${aggregate.kind} ${aggregate.name} (${aggregate.size} bytes, align ${aggregate.align})\n\n${doc}${selectorNote(aggregate)}${members}`;
}

function familySection(family: AbiFamily, owners: Map<AggregateLayout, AbiFamily>): string {
  const parts = [`## ${family.title} (\`${family.header}\`)\n`];
  if (family.constants.length > 0) parts.push('### Constants\n', ...family.constants.map(constantsSection));
  const { aggregates } = familyContents(family, owners);
  if (aggregates.length > 0) parts.push('### Structures\n', ...aggregates.map(aggregateSection));
  return parts.join('\n');
}

export function generateAbiDoc(families: readonly AbiFamily[] = ABI_FAMILIES): string {
  const owners = aggregateOwners(families);
  return [INTRODUCTION, hypercallSection(), ...families.map((f) => familySection(f, owners))].join('\n');
}
