// Quotas (spec §1.8) with C xenstored's defaults, names and descriptions, as
// printed by `xenstore-control quota`. They bind unprivileged domains only.
import { XsError } from './wire.js';

export const QUOTA_TABLE = [
  { name: 'nodes', value: 1000, description: 'Nodes per domain' },
  { name: 'watches', value: 128, description: 'Watches per domain' },
  { name: 'transactions', value: 10, description: 'Transactions per domain' },
  { name: 'outstanding', value: 20, description: 'Outstanding requests per domain' },
  { name: 'transaction-nodes', value: 1024, description: 'Max. number of accessed nodes per transaction' },
  { name: 'memory', value: 2621440, description: 'Total Xenstore memory per domain (error level)' },
  { name: 'node-size', value: 2048, description: 'Max. size of a node' },
  { name: 'path-max', value: 2048, description: 'Max. length of a node path' },
  { name: 'permissions', value: 5, description: 'Max. number of permissions per node' },
] as const;

export const SOFT_QUOTA_TABLE = [
  { name: 'memory', value: 2097152, description: 'Total Xenstore memory per domain (warning level)' },
] as const;

export type QuotaName = (typeof QUOTA_TABLE)[number]['name'];

/** A settable set of named limits, listed in table order. */
export class QuotaSet<Name extends string> {
  private readonly values = new Map<string, number>();

  constructor(private readonly table: readonly { name: Name; value: number; description: string }[]) {
    for (const row of table) this.values.set(row.name, row.value);
  }

  get(name: Name): number {
    return this.values.get(name) as number;
  }

  /** CONTROL `quota set NAME VALUE`: EINVAL for an unknown name or a non-number. */
  set(name: string, value: string): void {
    if (!this.values.has(name) || !/^[0-9]+$/.test(value)) throw new XsError('EINVAL');
    this.values.set(name, Number(value));
  }

  entries(): [string, number][] {
    return [...this.values];
  }

  /** The `Quota settings:` report, formatted as C prints it. */
  report(): string {
    const lines = this.table.map((row) => `${row.name.padEnd(17)}:${String(this.get(row.name)).padStart(9)} ${row.description}\n`);
    return `Quota settings:\n${lines.join('')}`;
  }
}

export type Quotas = QuotaSet<QuotaName>;
export const defaultQuotas = (): Quotas => new QuotaSet(QUOTA_TABLE);
export const defaultSoftQuotas = (): QuotaSet<'memory'> => new QuotaSet(SOFT_QUOTA_TABLE);

/** C's record size of a node: 24-byte header, 8 bytes per permission, value, child names. */
export function recordSize(permCount: number, valueLength: number, childListLength: number): number {
  return 24 + 8 * permCount + valueLength + childListLength;
}
