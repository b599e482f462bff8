// The dom0 prompt: one line at a time, split into words (with "quotes"), run as xl,
// the xenstore tools, help or exit.
import type { Host } from './host.js';
import { xenstoreLs, xenstoreRead, xenstoreWrite } from './xenstore-tools.js';
import type { ConsoleIo } from './xl/console.js';
import { EXIT_SUCCESS } from './xl/output.js';
import { runXl } from './xl/xl.js';

export const PROMPT = 'root@xenrv:~# ';

const HELP = `Commands:
  xl SUBCOMMAND [ARGS]      the Xen toolstack (xl info, xl list, ...)
  xenstore-ls [PATH]        list the xenstore tree
  xenstore-read PATH...     print the values at PATH
  xenstore-write PATH VALUE...  write values
  help                      this text
  exit                      shut the host down
`;

/** Splits a command line into words; double or single quotes group words. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let match = pattern.exec(line); match !== null; match = pattern.exec(line)) {
    words.push(match[1] ?? match[2] ?? match[3]);
  }
  return words;
}

export interface ShellResult {
  code: number;
  exit: boolean;
}

export async function runShellLine(host: Host, line: string, output: ConsoleIo): Promise<ShellResult> {
  const [command, ...args] = splitWords(line);
  switch (command) {
    case undefined:
      return { code: EXIT_SUCCESS, exit: false };
    case 'exit':
      return { code: EXIT_SUCCESS, exit: true };
    case 'help':
      output.out(HELP);
      return { code: EXIT_SUCCESS, exit: false };
    case 'xl':
      return { code: await runXl(host, args, output), exit: false };
    case 'xenstore-ls':
      return { code: await xenstoreLs(host, args, output), exit: false };
    case 'xenstore-read':
      return { code: await xenstoreRead(host, args, output), exit: false };
    case 'xenstore-write':
      return { code: await xenstoreWrite(host, args, output), exit: false };
    default:
      output.err(`${command}: command not found\n`);
      return { code: 127, exit: false };
  }
}


