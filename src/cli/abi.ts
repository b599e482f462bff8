// `xenrv abi [--json]`: the hypercall table, every hypercall and sub-op with its XSM
// check (privileged or not), kind (logical or mechanistic) and path (fast or slow).
import type { Command } from 'commander';
import { type AbiRow, abiRows } from '../hypervisor/hypercalls/abi-table.js';

const PRIVILEGE: Readonly<Record<string, string>> = {
  hook: 'no', target: 'other domains', dm_priv: 'yes', xs_priv: 'yes (or xenstore)', priv: 'yes',
};

function table(rows: AbiRow[]): string {
  const header = ['nr', 'hypercall', 'sub-op', 'name', 'privileged', 'kind', 'path'];
  const cells = rows.map((r) =>
    r.xsm === undefined && r.subop === undefined && r.kind === undefined
      ? [String(r.nr), r.hypercall, '', '', '-ENOSYS', '', '']
      : [String(r.nr), r.hypercall, r.subop === undefined ? '' : String(r.subop), r.name ?? '', PRIVILEGE[r.xsm ?? 'hook'], r.kind ?? '', r.path ?? ''],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

export function registerAbi(program: Command): void {
  program
    .command('abi')
    .description('print the hypercall table with each operation\'s annotations')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => {
      const rows = abiRows();
      process.stdout.write(options.json ? `${JSON.stringify(rows, (_key, value: unknown) => value ?? null, 2)}\n` : table(rows));
    });
}
