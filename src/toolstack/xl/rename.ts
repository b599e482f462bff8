// `xl rename <Domain> <NewDomainName>`: libxl__domain_rename in one xenstore transaction:
// the new name must not belong to another domain, /local/domain/<id>/name must still hold
// the name xl found, then it and /vm/<uuid>/name take the new name. A transaction that
// xenstored refuses with EAGAIN is retried; any other failure leaves both names as they were.
import { XenErrno } from '../../hypervisor/abi/decl/errno.js';
import { XsError } from '../../xenstore/wire.js';
import type { Host } from '../host.js';
import { formatUuid } from '../xen-init-dom0.js';
import { type XlCommandEntry, parseCommandLine } from './command-line.js';
import { libxlDomainInfo, nameToDomid } from './libxl-domain.js';
import { type LibxlSite, libxlError } from './libxl-log.js';
import { domainName, findDomain } from './list.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

const at = (line: number): LibxlSite => ({ file: 'libxl_domain.c', line, func: 'libxl__domain_rename' });
const NAME_TAKEN = at(81);
const OLD_NAME_UNREADABLE = at(90);
const OLD_NAME_CHANGED = at(96);
const WRITE_FAILED = at(107);
const COMMIT_FAILED = at(140);
const XS_WRITE_FAILED: LibxlSite = { file: 'libxl_xshelp.c', line: 230, func: 'libxl__xs_write_checked' };

/** Why a rename attempt stopped: committed, retry (EAGAIN), or failed (logged already). */
type Outcome = 'done' | 'retry' | 'failed';

/** Writes `value` in the transaction; xenstored's error when it refuses. */
async function refusedWrite(host: Host, path: string, value: string, tx: number): Promise<XsError | undefined> {
  try {
    await host.xs.write(path, value, tx);
    return undefined;
  } catch (error) {
    if (error instanceof XsError) return error;
    throw error;
  }
}

async function renameOnce(host: Host, domid: number, oldName: string | undefined, newName: string, output: XlOutput): Promise<Outcome> {
  const namePath = `/local/domain/${domid}/name`;
  const tx = await host.xs.transactionStart();
  let committing = false;
  try {
    if (newName !== '') {
      const holder = await nameToDomid(host, newName);
      if (holder !== undefined && holder !== domid) {
        libxlError(output, NAME_TAKEN, `Domain with name "${newName}" already exists.`, { domid });
        return 'failed';
      }
    }
    if (oldName !== undefined) {
      const current = await host.xs.read(namePath, tx).catch(() => undefined);
      if (current === undefined) {
        libxlError(output, OLD_NAME_UNREADABLE, `Check old name for domain allegedly named \`${oldName}'`, { domid, errno: XenErrno.ENOENT });
        return 'failed';
      }
      if (current !== oldName) {
        libxlError(output, OLD_NAME_CHANGED, `Allegedly named \`${oldName}' is actually named \`${current}' - racing ?`, { domid });
        return 'failed';
      }
    }
    if ((await refusedWrite(host, namePath, newName, tx)) !== undefined) {
      libxlError(output, WRITE_FAILED, `Failed to write new name \`${newName}' for domain previously named \`${oldName ?? '(null)'}'`, { domid });
      return 'failed';
    }
    const info = libxlDomainInfo(host, domid);
    if (info === undefined) return 'failed';
    const vmNamePath = `/vm/${formatUuid(info.handle)}/name`;
    const refused = await refusedWrite(host, vmNamePath, newName, tx);
    if (refused !== undefined) {
      libxlError(output, XS_WRITE_FAILED, `xenstore write failed: \`${vmNamePath}' = \`${newName}'`, { errno: XenErrno[refused.errno as keyof typeof XenErrno] });
      return 'failed';
    }
    committing = true;
    await host.xs.transactionEnd(tx, true);
    return 'done';
  } catch (error) {
    if (!committing || !(error instanceof XsError)) throw error;
    if (error.errno === 'EAGAIN') return 'retry';
    libxlError(output, COMMIT_FAILED, `Failed to commit new name \`${newName}' for domain previously named \`${oldName ?? '(null)'}'`, { domid });
    return 'failed';
  } finally {
    if (!committing) await host.xs.transactionEnd(tx, false).catch(() => undefined);
  }
}

async function rename(host: Host, argv: readonly string[], output: XlOutput): Promise<number> {
  const parsed = parseCommandLine(xlRename, argv, output);
  if ('exit' in parsed) return parsed.exit;
  const [qualifier, newName] = parsed.args as [string, string];
  const domid = await findDomain(host, qualifier, output);
  if (domid === undefined) return EXIT_FAILURE;
  const oldName = await domainName(host, domid);
  let outcome: Outcome;
  do outcome = await renameOnce(host, domid, oldName, newName, output);
  while (outcome === 'retry');
  if (outcome === 'failed') {
    output.err(`Can't rename domain '${qualifier}'.\n`);
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}

export const xlRename: XlCommandEntry = {
  name: 'rename', summary: 'Rename a domain', usage: '<Domain> <NewDomainName>',
  modifies: true, canDryrun: false, flags: {}, required: 2, run: rename,
};
