// `xl sched-credit2 [-d DOM [-w W] [-c CAP]] [-s [-r US]] [-p POOL]`: credit2's per-domain
// weight and cap (domctl scheduler_op) and per-pool ratelimit (sysctl scheduler_op), in
// xl_sched.c's layout: a pool line, then `%-33s %4d %6d %4d` rows.
import { XEN_SCHEDULER } from '../../hypervisor/abi/decl/scheduler.js';
import type { DomainInfo } from '../../hypervisor/domain-info.js';
import type { Host } from '../host.js';
import { HypercallFailed } from '../privcmd.js';
import { allPools, poolName } from './cpupool-list.js';
import { allDomains, domainName, findDomain } from './list.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

const USAGE = 'Usage: xl sched-credit2 [-d <Domain> [-w[=WEIGHT]] [-c[=CAP]]] [-s [-r[=RLIMIT]]] [-p CPUPOOL]\n';
const HEADER = 'Name                                ID Weight  Cap\n';

interface Options {
  domain?: string;
  weight?: number;
  cap?: number;
  pool?: string;
  schedparam: boolean;
  ratelimitUs?: number;
}

const FLAGS: Readonly<Record<string, keyof Options>> = {
  '-d': 'domain', '--domain': 'domain', '-w': 'weight', '--weight': 'weight', '-c': 'cap', '--cap': 'cap',
  '-p': 'pool', '--cpupool': 'pool', '-s': 'schedparam', '--schedparam': 'schedparam', '-r': 'ratelimitUs', '--ratelimit_us': 'ratelimitUs',
};

function parse(args: readonly string[]): Options | string {
  const options: Options = { schedparam: false };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const key = FLAGS[flag];
    if (key === undefined) return `xl sched-credit2: unknown option '${args[i]}'\n`;
    if (key === 'schedparam') {
      options.schedparam = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) return `xl sched-credit2: option '${flag}' needs a value\n`;
    if (key === 'domain' || key === 'pool') {
      options[key] = value;
    } else {
      if (!/^\d+$/.test(value)) return `xl sched-credit2: '${value}' is not a number for '${flag}'\n`;
      options[key] = Number(value);
    }
  }
  return options;
}

/** The credit2 pools; only the one named (or numbered) `wanted` when given. */
async function credit2Pools(host: Host, wanted: string | undefined): Promise<{ id: number; name: string }[]> {
  const pools: { id: number; name: string }[] = [];
  for (const info of allPools(host)) {
    const name = await poolName(host, info.id);
    if (info.schedulerId === XEN_SCHEDULER.CREDIT2 && (wanted === undefined || wanted === name || wanted === String(info.id))) pools.push({ id: info.id, name });
  }
  return pools;
}

async function row(host: Host, info: DomainInfo): Promise<string> {
  const { weight, cap } = host.xc.credit2DomainGet(info.domain);
  return `${((await domainName(host, info.domain)) ?? '(null)').padEnd(33)} ${String(info.domain).padStart(4)} ${String(weight).padStart(6)} ${String(cap).padStart(4)}\n`;
}

export async function xlSchedCredit2(host: Host, args: readonly string[], output: XlOutput): Promise<number> {
  const options = parse(args);
  if (typeof options === 'string') {
    output.err(options + USAGE);
    return EXIT_FAILURE;
  }
  const perDomain = options.weight !== undefined || options.cap !== undefined;
  if (options.domain === undefined && perDomain) {
    output.err('Must specify a domain.\n');
    return EXIT_FAILURE;
  }
  if (options.pool !== undefined && (options.domain !== undefined || perDomain)) {
    output.err('Specifying a cpupool is not allowed with other options.\n');
    return EXIT_FAILURE;
  }
  if (options.ratelimitUs !== undefined && !options.schedparam) {
    output.err('-r needs -s.\n');
    return EXIT_FAILURE;
  }
  try {
    if (options.schedparam) return await poolParams(host, options, output);
    if (options.domain !== undefined) return await domainParams(host, options, output);
    for (const pool of await credit2Pools(host, options.pool)) {
      output.out(`Cpupool ${pool.name}: ratelimit=${host.xc.credit2RatelimitUs(pool.id)}us\n${HEADER}`);
      for (const info of allDomains(host).filter((d) => d.cpupool === pool.id)) output.out(await row(host, info));
    }
    return EXIT_SUCCESS;
  } catch (error) {
    if (!(error instanceof HypercallFailed)) throw error;
    output.err(`xl sched-credit2: ${error.message}\n`);
    return EXIT_FAILURE;
  }
}

async function poolParams(host: Host, options: Options, output: XlOutput): Promise<number> {
  const pools = await credit2Pools(host, options.pool ?? '0');
  if (pools.length === 0) {
    output.err(`cpupool ${options.pool ?? 'Pool-0'} does not use the credit2 scheduler\n`);
    return EXIT_FAILURE;
  }
  const pool = pools[0]!;
  if (options.ratelimitUs !== undefined) {
    host.xc.setCredit2RatelimitUs(pool.id, options.ratelimitUs);
    return EXIT_SUCCESS;
  }
  output.out(`Cpupool ${pool.name}: ratelimit=${host.xc.credit2RatelimitUs(pool.id)}us\n`);
  return EXIT_SUCCESS;
}

async function domainParams(host: Host, options: Options, output: XlOutput): Promise<number> {
  const domid = await findDomain(host, options.domain!, output);
  if (domid === undefined) return EXIT_FAILURE;
  if (options.weight === undefined && options.cap === undefined) {
    output.out(HEADER + (await row(host, host.xc.domainGetinfo(domid))));
    return EXIT_SUCCESS;
  }
  if (options.weight !== undefined && (options.weight < 1 || options.weight > 65535)) {
    output.err('Cpu weight out of range, valid range is from 1 to 65535\n');
    return EXIT_FAILURE;
  }
  const current = host.xc.credit2DomainGet(domid);
  host.xc.credit2DomainSet(domid, { weight: options.weight ?? current.weight, cap: options.cap ?? current.cap });
  return EXIT_SUCCESS;
}
