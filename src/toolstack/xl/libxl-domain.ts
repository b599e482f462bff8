// The libxl 4.17 domain look-ups xl's commands lean on, with the log lines libxl prints:
// libxl_domain_info (a domain's info, or none), libxl_name_to_domid and
// libxl__domain_type (PV, PVH or HVM, from the flags and /libxl/<domid>/type).
import { XEN_DOMINF } from '../../hypervisor/abi/decl/domctl.js';
import type { DomainInfo } from '../../hypervisor/domain-info.js';
import type { Host } from '../host.js';
import { libxlError, libxlLog, type LibxlSite } from './libxl-log.js';
import { allDomains, domainName } from './list.js';
import type { XlOutput } from './output.js';

export type DomainType = 'pv' | 'pvh' | 'hvm';

const TYPE_UNKNOWN: LibxlSite = { file: 'libxl_dom.c', line: 37, func: 'libxl__domain_type' };
const TYPE_UNREADABLE: LibxlSite = { file: 'libxl_dom.c', line: 49, func: 'libxl__domain_type' };
const TYPE_UNPARSED: LibxlSite = { file: 'libxl_dom.c', line: 57, func: 'libxl__domain_type' };

/**
 * libxl_domain_info in 4.17: sysctl getdomaininfolist from `domid` for one domain; when the
 * answer is another (later) domain or none, the domain does not exist.
 */
export function libxlDomainInfo(host: Host, domid: number): DomainInfo | undefined {
  const [info] = host.xc.domainGetinfolist(domid, 1);
  return info?.domain === domid ? info : undefined;
}

/** libxl_name_to_domid: the first domain (in domid order) whose xenstore name is `name`. */
export async function nameToDomid(host: Host, name: string): Promise<number | undefined> {
  for (const info of allDomains(host)) {
    if ((await domainName(host, info.domain)) === name) return info.domain;
  }
  return undefined;
}

/** libxl__domain_type; undefined (after libxl's error line) when the domain does not exist. */
export async function domainType(host: Host, domid: number, output: XlOutput): Promise<DomainType | undefined> {
  const info = libxlDomainInfo(host, domid);
  if (info === undefined) {
    libxlError(output, TYPE_UNKNOWN, `unable to get domain type for domid=${domid}`);
    return undefined;
  }
  if ((info.flags & XEN_DOMINF.hvm_guest) === 0) return 'pv';
  // An HVM-container domain is PVH or HVM as libxl recorded when it built the domain.
  const recorded = await host.xs.read(`/libxl/${domid}/type`).catch(() => undefined);
  if (recorded === 'pvh' || recorded === 'hvm' || recorded === 'pv') return recorded;
  const site = recorded === undefined ? TYPE_UNREADABLE : TYPE_UNPARSED;
  libxlLog(output, 'warning', site, `unable to get domain type for domid=${domid}, assuming HVM`);
  return 'hvm';
}
