// `xl domid <DomainName>`: the domid of the domain with that xenstore name.
import type { Host } from '../host.js';
import { type XlCommandEntry, parseCommandLine } from './command-line.js';
import { nameToDomid } from './libxl-domain.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

async function domid(host: Host, argv: readonly string[], output: XlOutput): Promise<number> {
  const parsed = parseCommandLine(xlDomid, argv, output);
  if ('exit' in parsed) return parsed.exit;
  const name = parsed.args[0]!;
  const found = await nameToDomid(host, name);
  if (found === undefined) {
    output.err(`Can't get domid of domain name '${name}', maybe this domain does not exist.\n`);
    return EXIT_FAILURE;
  }
  output.out(`${found}\n`);
  return EXIT_SUCCESS;
}

export const xlDomid: XlCommandEntry = {
  name: 'domid', summary: 'Convert a domain name to domain id', usage: '<DomainName>',
  modifies: false, canDryrun: false, flags: {}, required: 1, run: domid,
};
