// `xl list [-l] [-v] [NAME|ID]`: xl_info.c's list_domains layout. Domains come from
// sysctl getdomaininfolist (or domctl getdomaininfo for one), names from xenstore, and
// the security label from xsm_op (absent under the dummy policy).
import { XEN_DOMINF } from '../../hypervisor/abi/decl/domctl.js';
import { XenErrno } from '../../hypervisor/abi/decl/errno.js';
import type { DomainInfo } from '../../hypervisor/domain-info.js';
import type { Host } from '../host.js';
import { HypercallFailed } from '../privcmd.js';
import { formatUuid } from '../xen-init-dom0.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

const SHUTDOWN_LETTERS = '-rscwS';
const BATCH = 1024;
/** libxl's ERROR_INVAL, which xl prints when a name matches no domain. */
const LIBXL_ERROR_INVAL = -6;

interface Listed {
  info: DomainInfo;
  name: string;
  label: string | undefined;
}

export async function domainName(host: Host, domid: number): Promise<string | undefined> {
  try {
    return await host.xs.read(`/local/domain/${domid}/name`);
  } catch {
    return undefined;
  }
}

function securityLabel(host: Host, ssidref: number): string | undefined {
  try {
    return host.xc.flaskSidToContext(ssidref);
  } catch (error) {
    if (error instanceof HypercallFailed) return undefined;
    throw error;
  }
}

async function describe(host: Host, info: DomainInfo): Promise<Listed> {
  return { info, name: (await domainName(host, info.domain)) ?? '(null)', label: securityLabel(host, info.ssidref) };
}

export function allDomains(host: Host): DomainInfo[] {
  const all: DomainInfo[] = [];
  for (let first = 0; ; ) {
    const batch = host.xc.domainGetinfolist(first, BATCH);
    all.push(...batch);
    if (batch.length < BATCH) return all;
    first = batch[batch.length - 1].domain + 1;
  }
}

function stateLetters(flags: number): string {
  const shutdown = (flags & XEN_DOMINF.shutdown) !== 0;
  const reason = shutdown ? (flags >>> XEN_DOMINF.shutdownshift) & XEN_DOMINF.shutdownmask : 0;
  return [
    flags & XEN_DOMINF.running ? 'r' : '-',
    flags & XEN_DOMINF.blocked ? 'b' : '-',
    flags & XEN_DOMINF.paused ? 'p' : '-',
    shutdown ? 's' : '-',
    SHUTDOWN_LETTERS[reason] ?? '?',
    flags & XEN_DOMINF.dying ? 'd' : '-',
  ].join('');
}

export function formatListRow({ info, name, label }: Listed, verbose: boolean): string {
  const memMiB = Math.floor((Number(info.tot_pages) * 4 + Number(info.outstanding_pages) * 4) / 1024);
  let row =
    `${name.padEnd(40)} ${String(info.domain).padStart(5)} ${String(memMiB).padStart(5)} ${String(info.nr_online_vcpus).padStart(5)}` +
    `     ${stateLetters(info.flags)}  ${(Number(info.cpu_time) / 1e9).toFixed(1).padStart(8)}`;
  if (verbose) {
    const shutdown = (info.flags & XEN_DOMINF.shutdown) !== 0;
    const reason = (info.flags >>> XEN_DOMINF.shutdownshift) & XEN_DOMINF.shutdownmask;
    row += ` ${formatUuid(info.handle)}`;
    row += shutdown ? ` ${reason.toString(16).padStart(8)}` : ` ${'-'.padStart(8)}`;
    row += ` ${(label ?? '-').padStart(16)}`;
  }
  return `${row}\n`;
}

export const LIST_HEADER = 'Name                                        ID   Mem VCPUs\tState\tTime(s)';

function details(host: Host, listed: Listed[]): string {
  const entries = listed.map(({ info, name }) => {
    const stored = [...host.userdata.entries()].find(([key]) => key.startsWith(`userdata-d.${info.domain}.`));
    const config = stored ? (JSON.parse(stored[1]) as unknown) : { c_info: { name, uuid: formatUuid(info.handle) } };
    return { domid: info.domain, config };
  });
  return `${JSON.stringify(entries, null, 4)}\n`;
}

/** Resolves NAME or ID as xl's find_domain does; undefined after printing xl's error. */
export async function findDomain(host: Host, qualifier: string, output: XlOutput): Promise<number | undefined> {
  if (/^\d+$/.test(qualifier)) return Number(qualifier);
  for (const info of allDomains(host)) {
    if ((await domainName(host, info.domain)) === qualifier) return info.domain;
  }
  output.err(`${qualifier} is an invalid domain identifier (rc=${LIBXL_ERROR_INVAL})\n`);
  return undefined;
}

export async function xlList(host: Host, args: readonly string[], output: XlOutput): Promise<number> {
  const flags = new Set(args.filter((a) => a.startsWith('-')));
  const names = args.filter((a) => !a.startsWith('-'));
  const known = new Set(['-l', '--long', '-v', '--verbose']);
  const unknown = [...flags].find((f) => !known.has(f));
  if (unknown !== undefined || names.length > 1) {
    output.err(unknown !== undefined ? `xl list: unknown option '${unknown}'\nUsage: xl list [options] [Domain]\n` : 'Usage: xl list [options] [Domain]\n');
    return EXIT_FAILURE;
  }
  let infos: DomainInfo[];
  if (names.length === 1) {
    const domid = await findDomain(host, names[0], output);
    if (domid === undefined) return EXIT_FAILURE;
    try {
      infos = [host.xc.domainGetinfo(domid)];
    } catch (error) {
      if (error instanceof HypercallFailed && error.errno === XenErrno.ESRCH) {
        output.err(`Error: Domain '${names[0]}' does not exist.\n`);
        return EXIT_FAILURE;
      }
      throw error;
    }
  } else {
    infos = allDomains(host);
  }
  const listed: Listed[] = [];
  for (const info of infos) listed.push(await describe(host, info));
  if (flags.has('-l') || flags.has('--long')) {
    output.out(details(host, listed));
    return EXIT_SUCCESS;
  }
  const verbose = flags.has('-v') || flags.has('--verbose');
  output.out(`${LIST_HEADER}${verbose ? '   UUID                            Reason-Code\tSecurity Label' : ''}\n`);
  output.out(listed.map((entry) => formatListRow(entry, verbose)).join(''));
  return EXIT_SUCCESS;
}
