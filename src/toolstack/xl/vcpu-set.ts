// `xl vcpu-set [-i] <Domain> <vCPUs>`: how many of a domain's vCPUs should be online. For
// PV and PVH guests libxl only writes /local/domain/<id>/cpu/<n>/availability ("online" for
// the first <vCPUs>, "offline" for the rest, up to the domain's maximum) in one xenstore
// transaction; a guest with PV CPU hotplug watches those nodes and brings its vCPUs up or
// down itself (VCPUOP_up/down), a guest without it sees nothing change. (For HVM libxl would
// hot-plug CPUs through the device model's QMP socket; no device model runs here.)
// Without -i, more vCPUs than online and than the host has pCPUs is refused.
import { XenErrno } from '../../hypervisor/abi/decl/errno.js';
import { XsError } from '../../xenstore/wire.js';
import type { Host } from '../host.js';
import { type XlCommandEntry, parseCommandLine } from './command-line.js';
import { domainType, libxlDomainInfo } from './libxl-domain.js';
import { type LibxlSite, libxlError } from './libxl-log.js';
import { findDomain } from './list.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

const at = (line: number): LibxlSite => ({ file: 'libxl_domain.c', line, func: 'libxl_set_vcpuonline' });
const NO_INFO = at(1856);
const ZERO_VCPUS = at(1863);
const OVER_MAX = at(1869);
const INT_MAX = 2 ** 31 - 1;
/** libxl's ERROR_FAIL and ERROR_DOMAIN_NOTFOUND. */
const ERROR_FAIL = -3;
const ERROR_DOMAIN_NOTFOUND = -21;
// libxl's own errno when it logs: the name look-up's xenstore read (ENOENT) before a failed
// domain info, and libxl_domain_info's FLASK label query (ENOSYS under the dummy policy)
// after a successful one.
const ERRNO_AFTER_MISSING_DOMAIN = XenErrno.ENOENT;
const ERRNO_AFTER_DOMAIN_INFO = XenErrno.ENOSYS;

/** strtoul(text, 10): undefined when no digits were read; a negative number wraps. */
function parseCount(text: string): number | undefined {
  const match = /^[\t\n\v\f\r ]*([+-]?)(\d+)/.exec(text);
  if (match === null) return undefined;
  const magnitude = BigInt(match[2]!);
  const value = magnitude >= 2n ** 64n ? 2n ** 64n - 1n : BigInt.asUintN(64, match[1] === '-' ? -magnitude : magnitude);
  return value > BigInt(INT_MAX) ? Infinity : Number(value);
}

/** Writes every availability node in one transaction, retried on EAGAIN as libxl does. */
async function writeAvailability(host: Host, domid: number, maxVcpus: number, online: number): Promise<void> {
  for (;;) {
    const tx = await host.xs.transactionStart();
    try {
      for (let vcpu = 0; vcpu < maxVcpus; vcpu++) {
        await host.xs.write(`/local/domain/${domid}/cpu/${vcpu}/availability`, vcpu < online ? 'online' : 'offline', tx);
      }
      await host.xs.transactionEnd(tx, true);
      return;
    } catch (error) {
      if (error instanceof XsError && error.errno === 'EAGAIN') continue;
      await host.xs.transactionEnd(tx, false).catch(() => undefined);
      throw error;
    }
  }
}

/** libxl_set_vcpuonline for the first `count` vCPUs: 0 or a libxl error code. */
async function setVcpuOnline(host: Host, domid: number, count: number, output: XlOutput): Promise<number> {
  const info = libxlDomainInfo(host, domid);
  if (info === undefined) {
    libxlError(output, NO_INFO, 'Getting domain info list', { domid, errno: ERRNO_AFTER_MISSING_DOMAIN });
    return ERROR_DOMAIN_NOTFOUND;
  }
  const maxVcpus = info.max_vcpu_id === 0xffffffff ? 0 : info.max_vcpu_id + 1;
  if (count === 0) {
    libxlError(output, ZERO_VCPUS, 'Requested 0 VCPUs!', { domid, errno: ERRNO_AFTER_DOMAIN_INFO });
    return ERROR_FAIL;
  }
  if (count > maxVcpus) {
    libxlError(output, OVER_MAX, `Requested ${count} VCPUs, however maxcpus is ${maxVcpus}!`, { domid, errno: ERRNO_AFTER_DOMAIN_INFO });
    return ERROR_FAIL;
  }
  if ((await domainType(host, domid, output)) === undefined) return ERROR_FAIL;
  await writeAvailability(host, domid, maxVcpus, count);
  return 0;
}

async function vcpuSet(host: Host, argv: readonly string[], output: XlOutput): Promise<number> {
  const parsed = parseCommandLine(xlVcpuSet, argv, output);
  if ('exit' in parsed) return parsed.exit;
  const domid = await findDomain(host, parsed.args[0]!, output);
  if (domid === undefined) return EXIT_FAILURE;
  const count = parseCount(parsed.args[1]!);
  if (count === undefined || count === Infinity) {
    output.err('Error: Invalid argument.\n');
    return EXIT_FAILURE;
  }
  if (!parsed.flags.has('i')) {
    // libxl_get_max_cpus: the host's CPU ids, max_cpu_id + 1.
    const hostCpus = host.xc.physinfo().max_cpu_id + 1;
    const info = libxlDomainInfo(host, domid);
    if (info === undefined) return EXIT_FAILURE;
    if (count > info.nr_online_vcpus && count > hostCpus) {
      output.err(`You are overcommmitting! You have ${hostCpus} physical CPUs and want ${count} vCPUs! Aborting, use --ignore-host to continue\n`);
      return EXIT_FAILURE;
    }
  }
  const rc = await setVcpuOnline(host, domid, count, output);
  if (rc === ERROR_DOMAIN_NOTFOUND) output.err(`Domain ${domid} does not exist.\n`);
  else if (rc !== 0) output.err(`libxl_set_vcpuonline failed domid=${domid} max_vcpus=${count}, rc: ${rc}\n`);
  return rc === 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

export const xlVcpuSet: XlCommandEntry = {
  name: 'vcpu-set', summary: 'Set the number of active VCPUs allowed for the domain', usage: '[option] <Domain> <vCPUs>',
  options: "-i, --ignore-host  Don't limit the vCPU based on the host CPU count",
  modifies: true, canDryrun: false, flags: { i: 'ignore-host' }, required: 2, run: vcpuSet,
};
