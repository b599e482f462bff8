// How an xl subcommand reads its arguments (xl's SWITCH_FOREACH_OPT / def_getopt over
// GNU getopt_long): flags may come before or after the other arguments, `--` ends them,
// `-h`/`--help` prints the command's help and exits 0, an unknown flag exits 2, and too few
// arguments print "'xl CMD' requires at least N argument(s)." then the help, exit 2.
// Help is xl's help(CMD), from the command's cmd_table entry.
import type { Host } from '../host.js';
import type { XlOutput } from './output.js';

/** A command's cmd_table entry. */
export interface XlCommandSpec {
  readonly name: string;
  /** cmd_desc: the one-line summary (xl help lists it; help(CMD) prints it with a full stop). */
  readonly summary: string;
  /** cmd_usage: the arguments after the command name. */
  readonly usage: string;
  /** cmd_option: the options paragraph, if any. */
  readonly options?: string;
  /** The command changes something (xl -f applies): help shows [-vtTf]. */
  readonly modifies: boolean;
  /** The command honours xl -N (dry run). */
  readonly canDryrun: boolean;
  /** Flags the command takes: short letter → long name, if it has one (none take a value). */
  readonly flags: Readonly<Record<string, string | undefined>>;
  /** Arguments the command needs besides its flags. */
  readonly required: number;
}

export type XlCommandRun = (host: Host, args: readonly string[], output: XlOutput) => number | Promise<number>;

/** A command as xl.ts registers it. */
export interface XlCommandEntry extends XlCommandSpec {
  readonly run: XlCommandRun;
}

export interface ParsedCommandLine {
  /** The short letters of the flags given. */
  readonly flags: ReadonlySet<string>;
  readonly args: readonly string[];
}

const EXIT_USAGE = 2;

export function helpText(spec: XlCommandSpec): string {
  const modifiers = `${spec.modifies ? 'f' : ''}${spec.canDryrun ? 'N' : ''}`;
  const options = spec.options === undefined ? '' : `Options:\n\n${spec.options}\n`;
  return `Usage: xl [-vtT${modifiers}] ${spec.name} ${spec.usage}\n\n${spec.summary}.\n\n${options}`;
}

/** The flags and arguments of `argv`, or the exit code after xl's message. */
export function parseCommandLine(spec: XlCommandSpec, argv: readonly string[], output: XlOutput): ParsedCommandLine | { exit: number } {
  const flags = new Set<string>();
  const args: string[] = [];
  const longs = new Map(Object.entries(spec.flags).flatMap(([letter, long]) => (long === undefined ? [] : [[long, letter] as const])));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    const letters = arg.startsWith('--') ? [longs.get(arg.slice(2)) ?? (arg === '--help' ? 'h' : '')] : arg.startsWith('-') && arg.length > 1 ? [...arg.slice(1)] : undefined;
    if (letters === undefined) {
      args.push(arg);
      continue;
    }
    for (const letter of letters) {
      if (letter === 'h') {
        output.out(helpText(spec));
        return { exit: 0 };
      }
      if (!Object.hasOwn(spec.flags, letter)) {
        // getopt_long reports an unknown long option with optopt 0, which %c prints as NUL.
        output.err(`option \`${letter === '' ? '\0' : letter}' not supported.\n`);
        return { exit: EXIT_USAGE };
      }
      flags.add(letter);
    }
  }
  if (args.length < spec.required) {
    output.err(`'xl ${spec.name}' requires at least ${spec.required} argument${spec.required > 1 ? 's' : ''}.\n\n`);
    output.out(helpText(spec));
    return { exit: EXIT_USAGE };
  }
  return { flags, args };
}
