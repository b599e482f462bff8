// `xl domname <DomainId>`: the xenstore name of a domid. The id is read as strtol reads it
// (leading blanks, a sign, the digits up to the first non-digit) into a uint32_t.
import type { Host } from '../host.js';
import { type XlCommandEntry, parseCommandLine } from './command-line.js';
import { domainName } from './list.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

/** strtol(text, 10) truncated to uint32_t; undefined when no digits were read. */
export function parseDomid(text: string): number | undefined {
  const match = /^[\t\n\v\f\r ]*([+-]?)(\d+)/.exec(text);
  if (match === null) return undefined;
  let value = BigInt(match[2]!) * (match[1] === '-' ? -1n : 1n);
  if (value > LONG_MAX) value = LONG_MAX;
  if (value < LONG_MIN) value = LONG_MIN;
  return Number(BigInt.asUintN(32, value));
}

async function domname(host: Host, argv: readonly string[], output: XlOutput): Promise<number> {
  const parsed = parseCommandLine(xlDomname, argv, output);
  if ('exit' in parsed) return parsed.exit;
  const domid = parseDomid(parsed.args[0]!);
  if (domid === undefined) {
    output.err('Invalid domain id.\n\n');
    return EXIT_FAILURE;
  }
  // libxl_domid_to_name formats the domid with %d.
  const name = await domainName(host, domid | 0);
  if (name === undefined) {
    output.err(`Can't get domain name of domain id '${domid}', maybe this domain does not exist.\n`);
    return EXIT_FAILURE;
  }
  output.out(`${name}\n`);
  return EXIT_SUCCESS;
}

export const xlDomname: XlCommandEntry = {
  name: 'domname', summary: 'Convert a domain id to domain name', usage: '<DomainId>',
  modifies: false, canDryrun: false, flags: {}, required: 1, run: domname,
};
