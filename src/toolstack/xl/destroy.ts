// `xl destroy [-f] DOMAIN`: the domain is released by xenstored, its nodes removed and Xen
// destroys it at once, whatever it was doing (its memory returns to the heap).
import { destroyDomain } from '../domain-builder/destroy-domain.js';
import type { Host } from '../host.js';
import { HypercallFailed } from '../privcmd.js';
import { findDomain } from './list.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

const LIBXL_ERROR_FAIL = -3;

export async function xlDestroy(host: Host, args: readonly string[], output: XlOutput): Promise<number> {
  const names = args.filter((arg) => arg !== '-f');
  if (names.length !== 1 || names[0].startsWith('-')) {
    output.err('Usage: xl destroy [options] <Domain>\n');
    return EXIT_FAILURE;
  }
  const domid = await findDomain(host, names[0], output);
  if (domid === undefined) return EXIT_FAILURE;
  if (domid === 0) {
    output.err('Cannot destroy privileged domain 0.\n');
    return EXIT_FAILURE;
  }
  try {
    await destroyDomain(host, domid);
  } catch (error) {
    if (!(error instanceof HypercallFailed)) throw error;
    output.err(`libxl: error: Domain ${domid}:Non-existant domain\ndestroy failed (rc=${LIBXL_ERROR_FAIL})\n`);
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
