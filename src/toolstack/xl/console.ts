// `xl console [-t pv|serial|vuart] [-n NUM] <Domain>` and attachConsole, the session xl
// hands to xenconsole: it shows the output the console backend kept for the domain, then
// streams what the guest writes; what the user types reaches the guest's in[] ring, and
// Ctrl-] (0x1d) detaches. As xl 4.17: the domain's primary console is its PV console
// (libxl__primary_console_find), xenconsole refuses Domain-0 and waits up to 5 seconds
// for the backend to serve the console. Only the PV console number 0 exists here.
import type { Host } from '../host.js';
import type { ConsoleListener } from '../console/domain-console.js';
import { helpText } from './command-line.js';
import { domainType } from './libxl-domain.js';
import { findDomain } from './list.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

/** Where a console session writes, and where it reads the user's typing from. */
export interface ConsoleIo extends XlOutput {
  /**
   * Starts delivering the user's typing to `onInput`; returns the function that stops it.
   * Without it the keyboard is at end of file, and xenconsole ends at once: the session
   * shows the kept output and returns.
   */
  input?(onInput: (bytes: Uint8Array) => void): () => void;
}

/** xenconsole's escape character, Ctrl-]. */
export const CONSOLE_ESCAPE = 0x1d;
/** How long xenconsole waits for the console's tty to appear. */
const ATTACH_TIMEOUT_MS = 5000;
const CONSOLE_TYPES = ['pv', 'serial', 'vuart'] as const;
type ConsoleType = (typeof CONSOLE_TYPES)[number];
const XENCONSOLE_EINVAL = 22;
const XENCONSOLE_ENOENT = 2;

/** xl's cmd_table entry. */
const SPEC = {
  name: 'console', summary: "Attach to domain's console", usage: '[options] <Domain>',
  options: '-t <type>       console type, pv , serial or vuart\n-n <number>     console number',
  modifies: false, canDryrun: false, flags: {}, required: 1,
};

/**
 * Runs a console session on `domid`'s console number `num` (0: its PV console); resolves
 * with xenconsole's exit status once the user detaches or the console goes away.
 */
export async function attachConsole(host: Host, domid: number, io: ConsoleIo, num = 0, type: ConsoleType = 'pv'): Promise<number> {
  if (domid === 0) {
    io.err("Can't specify Domain-0\n");
    return XENCONSOLE_EINVAL;
  }
  const domainConsole = type === 'pv' && num === 0 ? await host.consoles.whenReady(domid, ATTACH_TIMEOUT_MS) : undefined;
  if (domainConsole === undefined || !domainConsole.isOpen) {
    io.err('xenconsole: Could not read tty from store: No such file or directory\n');
    return XENCONSOLE_ENOENT;
  }
  const decoder = new TextDecoder('utf-8');
  io.out(decoder.decode(domainConsole.keptOutput(), { stream: true }));
  const readKeyboard = io.input?.bind(io);
  if (readKeyboard === undefined) return EXIT_SUCCESS;
  return new Promise((resolve) => {
    let stopInput = (): void => {};
    const end = (): void => {
      detach();
      stopInput();
      resolve(EXIT_SUCCESS);
    };
    const listener: ConsoleListener = {
      output: (bytes) => io.out(decoder.decode(bytes, { stream: true })),
      closed: end,
    };
    const detach = domainConsole.attach(listener);
    stopInput = readKeyboard((bytes) => {
      const escape = bytes.indexOf(CONSOLE_ESCAPE);
      domainConsole.input(escape < 0 ? bytes : bytes.subarray(0, escape));
      if (escape >= 0) end();
    });
  });
}

/** getopt "n:t:": the options, the rest, or the exit after xl's message. */
function parseArguments(argv: readonly string[], output: XlOutput): { num: number; type?: ConsoleType; args: string[] } | { exit: number } {
  let num = 0;
  let type: ConsoleType | undefined;
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      output.out(helpText(SPEC));
      return { exit: EXIT_SUCCESS };
    }
    const option = /^-([nt])(.*)$/.exec(arg);
    if (option === null) {
      if (arg.startsWith('-') && arg.length > 1) {
        output.err(`option \`${arg[1] === '-' ? '\0' : arg[1]}' not supported.\n`);
        return { exit: 2 };
      }
      args.push(arg);
      continue;
    }
    const value = option[2] !== '' ? option[2] : argv[++i];
    if (value === undefined) {
      output.err(`xl: option requires an argument -- '${option[1]}'\n`);
      return { exit: 2 };
    }
    if (option[1] === 'n') {
      num = Number.parseInt(value, 10) || 0; // atoi
    } else if ((CONSOLE_TYPES as readonly string[]).includes(value)) {
      type = value as ConsoleType;
    } else {
      output.err(`console type supported are: ${CONSOLE_TYPES.join(', ')}\n`);
      return { exit: EXIT_FAILURE };
    }
  }
  if (args.length < 1) {
    output.err("'xl console' requires at least 1 argument.\n\n");
    output.out(helpText(SPEC));
    return { exit: 2 };
  }
  return { num, type, args };
}

async function runConsole(host: Host, argv: readonly string[], output: ConsoleIo): Promise<number> {
  const parsed = parseArguments(argv, output);
  if ('exit' in parsed) return parsed.exit;
  const domid = await findDomain(host, parsed.args[0], output);
  if (domid === undefined) return EXIT_FAILURE;
  // Without -t: the primary console, found from the domain's type (PV and PVH: pv).
  if (parsed.type === undefined && (await domainType(host, domid, output)) === undefined) {
    output.err('Unable to attach console\n');
    return EXIT_FAILURE;
  }
  return attachConsole(host, domid, output, parsed.num, parsed.type ?? 'pv');
}

export const xlConsole = { ...SPEC, run: runConsole };
