// `xl uptime [-s] [Domain...]`: how long each domain has run. A domU's uptime is now minus
// /vm/<uuid>/start_time (written when the domain was built, wall-clock seconds); dom0's is
// its own system's uptime, which here is this process (the dom0 that runs the toolstack).
// Without domains: dom0, then every domain but stub domains. -s prints uptime(1)-style lines.
import type { Host } from '../host.js';
import { type XlCommandEntry, parseCommandLine } from './command-line.js';
import { type LibxlSite, libxlError } from './libxl-log.js';
import { allDomains, domainName, findDomain } from './list.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

const NO_START_TIME: LibxlSite = { file: 'libxl_domain.c', line: 2231, func: 'libxl_vm_get_start_time' };
const DAY = 86400;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** xl's uptime_to_string: "D day(s), HH:MM[:SS]", the hour space-padded to 2. */
export function uptimeToString(seconds: number, short: boolean): string {
  const day = Math.floor(seconds / DAY);
  const hour = Math.floor((seconds % DAY) / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  const clock = `${String(hour).padStart(2)}:${pad2(min)}${short ? '' : `:${pad2(seconds % 60)}`}`;
  if (day > 1) return `${day} days, ${clock}`;
  if (day === 1) return `${day} day, ${clock}`;
  return clock;
}

function localClock(nowSeconds: number): string {
  const date = new Date(nowSeconds * 1000);
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

function line(name: string, domid: number, uptime: number, nowSeconds: number, short: boolean): string {
  const text = uptimeToString(uptime, short);
  return short ? ` ${localClock(nowSeconds)} up ${text}, ${name} (${domid})\n` : `${name.padEnd(33)} ${String(domid).padStart(4)} ${text}\n`;
}

/** libxl_vm_get_start_time: strtoul of /vm/<uuid>/start_time, undefined when it is missing. */
async function startTime(host: Host, domid: number): Promise<number | undefined> {
  const vm = await host.xs.read(`/local/domain/${domid}/vm`).catch(() => '(null)');
  const text = await host.xs.read(`${vm}/start_time`).catch(() => undefined);
  if (text === undefined) return undefined;
  return Number(BigInt.asUintN(32, BigInt(/^\s*(\d*)/.exec(text)![1] || '0')));
}

async function domainLine(host: Host, domid: number, nowSeconds: number, short: boolean, output: XlOutput): Promise<string> {
  const name = (await domainName(host, domid)) ?? '(null)';
  if (domid === 0) return line(name, 0, Math.floor(process.uptime()), nowSeconds, short);
  const started = await startTime(host, domid);
  if (started === undefined) {
    libxlError(output, NO_START_TIME, "Can't get start time of domain", { domid });
    return '';
  }
  return line(name, domid, (nowSeconds - started) >>> 0, nowSeconds, short);
}

/** libxl_list_vm: every domain but stub domains (libxl_is_stubdom: a numeric <dompath>/target). */
async function virtualMachines(host: Host): Promise<number[]> {
  const vms: number[] = [];
  for (const { domain } of allDomains(host)) {
    const target = await host.xs.read(`/local/domain/${domain}/target`).catch(() => undefined);
    if (target === undefined || !/^\s*([+-]?\d+)?$/.test(target)) vms.push(domain);
  }
  return vms;
}

async function uptime(host: Host, argv: readonly string[], output: XlOutput): Promise<number> {
  const parsed = parseCommandLine(xlUptime, argv, output);
  if ('exit' in parsed) return parsed.exit;
  const short = parsed.flags.has('s');
  const chosen: number[] = [];
  for (const qualifier of parsed.args) {
    const domid = await findDomain(host, qualifier, output);
    if (domid === undefined) return EXIT_FAILURE;
    chosen.push(domid);
  }
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (!short) output.out(`${'Name'.padEnd(33)} ${'ID'.padStart(4)} Uptime\n`);
  const domids = chosen.length > 0 ? chosen : [0, ...(await virtualMachines(host)).filter((domid) => domid !== 0)];
  for (const domid of domids) output.out(await domainLine(host, domid, nowSeconds, short, output));
  return EXIT_SUCCESS;
}

export const xlUptime: XlCommandEntry = {
  name: 'uptime', summary: 'Print uptime for all/some domains', usage: '[-s] [Domain]',
  modifies: false, canDryrun: false, flags: { s: undefined }, required: 0, run: uptime,
};
