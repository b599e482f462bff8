// `xl cpupool-list [-c] [POOL]`: xl_cpupool.c's layout, from sysctl cpupool_op INFO and the
// pool names dom0 keeps in xenstore (/local/pool/ID/name).
import { SCHEDULER_NAME } from '../../hypervisor/abi/decl/scheduler.js';
import type { Host } from '../host.js';
import type { CpupoolInfo } from '../xc.js';
import { HypercallFailed } from '../privcmd.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

const USAGE = 'Usage: xl cpupool-list [-c|--cpus] [<cpupool>]\n';

/** Every cpupool, by ascending id. */
export function allPools(host: Host): CpupoolInfo[] {
  const pools: CpupoolInfo[] = [];
  for (let id = 0; ; id = pools[pools.length - 1]!.id + 1) {
    try {
      pools.push(host.xc.cpupoolInfo(id));
    } catch (error) {
      if (error instanceof HypercallFailed) return pools;
      throw error;
    }
  }
}

/** A pool's name as dom0 recorded it in xenstore. */
export async function poolName(host: Host, id: number): Promise<string> {
  return (await host.xs.read(`/local/pool/${id}/name`).catch(() => undefined)) ?? `Pool-${id}`;
}

export async function xlCpupoolList(host: Host, args: readonly string[], output: XlOutput): Promise<number> {
  const showCpus = args.some((a) => a === '-c' || a === '--cpus');
  const unknown = args.find((a) => a.startsWith('-') && a !== '-c' && a !== '--cpus');
  const names = args.filter((a) => !a.startsWith('-'));
  if (unknown !== undefined || names.length > 1) {
    output.err((unknown !== undefined ? `xl cpupool-list: unknown option '${unknown}'\n` : '') + USAGE);
    return EXIT_FAILURE;
  }
  const rows: string[] = [];
  for (const pool of allPools(host)) {
    const name = await poolName(host, pool.id);
    if (names.length === 1 && names[0] !== name) continue;
    const detail = showCpus
      ? pool.cpus.join(',')
      : `${String(pool.cpus.length).padStart(3)} ${(SCHEDULER_NAME[pool.schedulerId] ?? '?').padStart(9)}       y       ${String(pool.domains).padStart(4)}`;
    rows.push(`${name.padEnd(19)}${detail}\n`);
  }
  if (names.length === 1 && rows.length === 0) {
    output.err(`cpupool '${names[0]}' does not exist\n`);
    return EXIT_FAILURE;
  }
  output.out(`${'Name'.padEnd(19)}${showCpus ? 'CPU list' : 'CPUs   Sched     Active   Domain count'}\n${rows.join('')}`);
  return EXIT_SUCCESS;
}
