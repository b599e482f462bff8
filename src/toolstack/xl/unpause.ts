// `xl unpause <Domain>`: drops one toolstack pause (domctl unpausedomain); the domain runs
// again when none is left. libxl first asks the domain's type (an HVM guest's device model
// would be resumed first; no device model runs here, so HVM goes on as PVH). As xl 4.17,
// the command exits 0 even when libxl fails; libxl's error line says why.
import type { Host } from '../host.js';
import { HypercallFailed } from '../privcmd.js';
import { type XlCommandEntry, parseCommandLine } from './command-line.js';
import { domainType } from './libxl-domain.js';
import { type LibxlSite, libxlError } from './libxl-log.js';
import { findDomain } from './list.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

const UNPAUSING: LibxlSite = { file: 'libxl_domain.c', line: 688, func: 'domain_unpause_done' };

async function unpause(host: Host, argv: readonly string[], output: XlOutput): Promise<number> {
  const parsed = parseCommandLine(xlUnpause, argv, output);
  if ('exit' in parsed) return parsed.exit;
  const domid = await findDomain(host, parsed.args[0]!, output);
  if (domid === undefined) return EXIT_FAILURE;
  if ((await domainType(host, domid, output)) === undefined) return EXIT_SUCCESS;
  try {
    host.xc.unpauseDomain(domid);
  } catch (error) {
    if (!(error instanceof HypercallFailed)) throw error;
    libxlError(output, UNPAUSING, 'Unpausing domain', { domid, errno: error.errno });
  }
  return EXIT_SUCCESS;
}

export const xlUnpause: XlCommandEntry = {
  name: 'unpause', summary: 'Unpause a paused domain', usage: '<Domain>',
  modifies: true, canDryrun: false, flags: {}, required: 1, run: unpause,
};
