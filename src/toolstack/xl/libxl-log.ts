// libxl's error log lines as xl shows them on stderr (libxl__log through xentoollog's
// stdio logger): "libxl: error: FILE:LINE:FUNC: Domain N:MESSAGE[: strerror(errno)]".
// The place is where libxl 4.17 logs the message; "Domain N:" appears only for a guest
// domid (not dom0), and the errno part only for the LOGE* variants.
import { XenErrno } from '../../hypervisor/abi/decl/errno.js';
import type { XlOutput } from './output.js';

/** Where in libxl 4.17 a message is logged. */
export interface LibxlSite {
  readonly file: string;
  readonly line: number;
  readonly func: string;
}

/** glibc's strerror() for the errnos libxl can report here. */
const STRERROR: Readonly<Record<number, string>> = {
  [XenErrno.EPERM]: 'Operation not permitted',
  [XenErrno.ENOENT]: 'No such file or directory',
  [XenErrno.ESRCH]: 'No such process',
  [XenErrno.EACCES]: 'Permission denied',
  [XenErrno.EINVAL]: 'Invalid argument',
  [XenErrno.ENOSYS]: 'Function not implemented',
  [XenErrno.EOVERFLOW]: 'Value too large for defined data type',
};

/** DOMID_FIRST_RESERVED: libxl_domid_valid_guest() is 0 < domid < this. */
const DOMID_FIRST_RESERVED = 0x7ff0;

export interface LibxlLogContext {
  /** The domain the message is about (LOGD / LOGED). */
  readonly domid?: number;
  /** The errno appended as ": strerror" (LOGE / LOGED). */
  readonly errno?: number;
}

export function libxlLog(output: XlOutput, level: 'error' | 'warning', site: LibxlSite, message: string, context: LibxlLogContext = {}): void {
  const { domid, errno } = context;
  const domain = domid !== undefined && domid > 0 && domid < DOMID_FIRST_RESERVED ? `Domain ${domid}:` : '';
  const reason = errno === undefined ? '' : `: ${STRERROR[errno] ?? `Unknown error ${errno}`}`;
  output.err(`libxl: ${level}: ${site.file}:${site.line}:${site.func}: ${domain}${message}${reason}\n`);
}

export function libxlError(output: XlOutput, site: LibxlSite, message: string, context: LibxlLogContext = {}): void {
  libxlLog(output, 'error', site, message, context);
}
