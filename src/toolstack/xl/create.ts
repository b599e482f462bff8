// `xl create [-c] [-p] [-e] [-q] [-f] CONFIG [KEY=VALUE ...]`: parses the config (the
// KEY=VALUE words override it, as xl's extra config lines), builds the domain and, unless
// -e, hands it to the domain supervisor for its on_* actions. -p leaves it paused; -c
// attaches the console (xl's autoconnect) until the user detaches or the guest is gone.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DomainBuildError } from '../domain-builder/build-error.js';
import { buildDomain } from '../domain-builder/build-domain.js';
import { DomainSupervisor } from '../domain-supervisor.js';
import type { Host } from '../host.js';
import { parseXlCfg } from '../xlcfg/parse-xl-cfg.js';
import { XlCfgError } from '../xlcfg/source-error.js';
import { type ConsoleIo, attachConsole } from './console.js';
import { EXIT_FAILURE, EXIT_SUCCESS } from './output.js';

const USAGE = 'Usage: xl create <ConfigFile> [options] [vars]\n';

interface CreateArgs {
  file: string | undefined;
  overrides: string[];
  paused: boolean;
  console: boolean;
  noSupervisor: boolean;
  quiet: boolean;
}

function parseArgs(args: readonly string[]): CreateArgs | string {
  const parsed: CreateArgs = { file: undefined, overrides: [], paused: false, console: false, noSupervisor: false, quiet: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-f' || arg === '--defconfig') {
      const file = args[++i];
      if (file === undefined) return `option '${arg}' requires an argument`;
      parsed.file = file;
    } else if (arg === '-p') parsed.paused = true;
    else if (arg === '-c') parsed.console = true;
    else if (arg === '-e') parsed.noSupervisor = true;
    else if (arg === '-q' || arg === '--quiet') parsed.quiet = true;
    else if (arg.startsWith('-')) return `unknown option '${arg}'`;
    else if (arg.includes('=')) parsed.overrides.push(arg);
    else if (parsed.file === undefined) parsed.file = arg;
    else return `unexpected argument '${arg}'`;
  }
  return parsed;
}

/** The kernel as xl finds it: relative to the current directory, else to the config file's. */
async function readKernel(kernel: string, configFile: string): Promise<{ path: string; bytes: Uint8Array }> {
  const candidates = [resolve(kernel), resolve(dirname(configFile), kernel)];
  for (const path of candidates) {
    try {
      return { path: kernel, bytes: await readFile(path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || path === candidates.at(-1)) {
        throw new DomainBuildError(`cannot read kernel '${kernel}': ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (error as Error).message}`);
      }
    }
  }
  throw new DomainBuildError(`cannot read kernel '${kernel}'`);
}

export async function xlCreate(host: Host, args: readonly string[], output: ConsoleIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string' || parsed.file === undefined) {
    output.err(`${typeof parsed === 'string' ? `xl create: ${parsed}\n` : ''}${USAGE}`);
    return EXIT_FAILURE;
  }
  const file = parsed.file;
  if (!parsed.quiet) output.err(`Parsing config from ${file}\n`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    output.err(`Failed to read config file: ${file}: ${code === 'ENOENT' ? 'No such file or directory' : (error as Error).message}\n`);
    return EXIT_FAILURE;
  }
  try {
    const { spec, warnings } = parseXlCfg(text, { file, overrides: parsed.overrides });
    for (const warning of warnings) output.err(`${warning}\n`);
    const kernel = await readKernel(spec.kernel, file);
    const { domid } = await buildDomain(host, spec, kernel, { paused: parsed.paused });
    if (!parsed.noSupervisor) (await DomainSupervisor.of(host)).supervise(domid, { spec, kernel });
    if (parsed.console) await attachConsole(host, domid, untilTheGuestIsGone(output));
    return EXIT_SUCCESS;
  } catch (error) {
    if (error instanceof XlCfgError) output.err(`${error.message}\n`);
    else if (error instanceof DomainBuildError) output.err(`libxl: error: ${error.message}\n`);
    else throw error;
    return EXIT_FAILURE;
  }
}

/**
 * The console session of -c: with no keyboard to read (xl run from a script) it still
 * shows the guest's output as it comes, until the console goes away with the guest.
 */
function untilTheGuestIsGone(output: ConsoleIo): ConsoleIo {
  return {
    out: (text) => output.out(text),
    err: (text) => output.err(text),
    input: output.input?.bind(output) ?? (() => () => {}),
  };
}
