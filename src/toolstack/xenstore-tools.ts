// dom0's xenstore-ls, xenstore-read and xenstore-write, with the output and messages of
// Xen's tools.
import type { Host } from './host.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './xl/output.js';

/** Xen's sanitise_value: backslash doubled, control bytes as \ooo octal. */
function sanitise(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (ch === '\\') out += '\\\\';
    else if (code >= 0x20 && code !== 0x7f) out += ch;
    else out += `\\${code.toString(8).padStart(3, '0')}`;
  }
  return out;
}

async function listTree(host: Host, path: string, depth: number, output: XlOutput): Promise<void> {
  const children = await host.xs.directory(path);
  for (const child of children) {
    const childPath = path === '/' ? `/${child}` : `${path}/${child}`;
    let value: string;
    try {
      value = await host.xs.read(childPath);
    } catch {
      continue; // removed meanwhile, or not readable
    }
    output.out(`${' '.repeat(depth)}${child} = "${sanitise(value)}"\n`);
    await listTree(host, childPath, depth + 1, output);
  }
}

export async function xenstoreLs(host: Host, args: readonly string[], output: XlOutput): Promise<number> {
  const path = args[0] ?? '/';
  try {
    await listTree(host, path, 0, output);
    return EXIT_SUCCESS;
  } catch (error) {
    output.err(`xenstore-ls: xs_directory (${path}): ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
}

export async function xenstoreRead(host: Host, args: readonly string[], output: XlOutput): Promise<number> {
  if (args.length === 0) {
    output.err('Usage: xenstore-read [-h] [-p] [-s] key [...]\n');
    return EXIT_FAILURE;
  }
  for (const path of args) {
    try {
      output.out(`${await host.xs.read(path)}\n`);
    } catch {
      output.err(`xenstore-read: couldn't read path ${path}\n`);
      return EXIT_FAILURE;
    }
  }
  return EXIT_SUCCESS;
}

export async function xenstoreWrite(host: Host, args: readonly string[], output: XlOutput): Promise<number> {
  if (args.length === 0 || args.length % 2 !== 0) {
    output.err('Usage: xenstore-write [-h] [-s] key value [...]\n');
    return EXIT_FAILURE;
  }
  for (let i = 0; i < args.length; i += 2) {
    try {
      await host.xs.write(args[i], args[i + 1]);
    } catch {
      output.err(`xenstore-write: could not write path ${args[i]}\n`);
      return EXIT_FAILURE;
    }
  }
  return EXIT_SUCCESS;
}
