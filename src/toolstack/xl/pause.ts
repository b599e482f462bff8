// `xl pause <Domain>`: one more toolstack pause (domctl pausedomain); the domain's vCPUs
// stop and `xl list` shows it `p` until as many unpauses. As xl 4.17, the command exits 0
// even when libxl fails; libxl's error line says why.
import type { Host } from '../host.js';
import { HypercallFailed } from '../privcmd.js';
import { type XlCommandEntry, parseCommandLine } from './command-line.js';
import { type LibxlSite, libxlError } from './libxl-log.js';
import { findDomain } from './list.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

const PAUSING: LibxlSite = { file: 'libxl_domain.c', line: 587, func: 'libxl_domain_pause' };

async function pause(host: Host, argv: readonly string[], output: XlOutput): Promise<number> {
  const parsed = parseCommandLine(xlPause, argv, output);
  if ('exit' in parsed) return parsed.exit;
  const domid = await findDomain(host, parsed.args[0]!, output);
  if (domid === undefined) return EXIT_FAILURE;
  try {
    host.xc.pauseDomain(domid);
  } catch (error) {
    if (!(error instanceof HypercallFailed)) throw error;
    libxlError(output, PAUSING, 'Pausing domain', { domid, errno: error.errno });
  }
  return EXIT_SUCCESS;
}

export const xlPause: XlCommandEntry = {
  name: 'pause', summary: 'Pause execution of a domain', usage: '<Domain>',
  modifies: true, canDryrun: false, flags: {}, required: 1, run: pause,
};
