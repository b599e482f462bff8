// `xl dmesg [-c]`: Xen's console ring (sysctl readconsole), read as libxl 4.17's console
// reader does: incremental reads from index 0 into a 16 KiB buffer until one returns
// nothing, each later read asking for at most what the previous one returned. -c clears
// what was read.
import type { Host } from '../host.js';
import { HypercallFailed } from '../privcmd.js';
import { type XlCommandEntry, parseCommandLine } from './command-line.js';
import { type LibxlSite, libxlError } from './libxl-log.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

const READER_BYTES = 16384;
const READ_FAILED: LibxlSite = { file: 'libxl_console.c', line: 772, func: 'libxl_xen_console_read_line' };
const latin1 = new TextDecoder('latin1');

async function dmesg(host: Host, argv: readonly string[], output: XlOutput): Promise<number> {
  const parsed = parseCommandLine(xlDmesg, argv, output);
  if ('exit' in parsed) return parsed.exit;
  const clear = parsed.flags.has('c');
  let count = READER_BYTES;
  let index = 0;
  for (;;) {
    let read: { bytes: Uint8Array; index: number };
    try {
      read = host.xc.readConsoleRing(count, clear, index);
    } catch (error) {
      if (!(error instanceof HypercallFailed)) throw error;
      libxlError(output, READ_FAILED, 'reading console ring buffer', { errno: error.errno });
      return EXIT_FAILURE;
    }
    if (read.bytes.length === 0) return EXIT_SUCCESS;
    // xl prints the buffer with printf("%s"): up to the first NUL byte.
    const end = read.bytes.indexOf(0);
    output.out(latin1.decode(end < 0 ? read.bytes : read.bytes.subarray(0, end)));
    count = read.bytes.length;
    index = read.index;
  }
}

export const xlDmesg: XlCommandEntry = {
  name: 'dmesg', summary: 'Read and/or clear dmesg buffer', usage: '[-c]',
  options: '  -c                        Clear dmesg buffer as well as printing it',
  modifies: false, canDryrun: false, flags: { c: 'clear' }, required: 0, run: dmesg,
};
