// What the bare-metal builds share: Debian's RISC-V cross compiler run from the project root,
// the reproducible static link (no build id, so rebuilds are byte-identical), and the
// command-line wrapper that prints what was built.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
export const compiler = 'riscv64-unknown-elf-gcc';

export function gcc(args) {
  execFileSync(compiler, args, { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Links `inputs` (objects, then libraries) with `linkerScript` into outRoot/elf. */
export function linkImage(flags, linkerScript, inputs, outRoot, elf) {
  gcc([
    ...flags,
    '-nostdlib',
    '-nostartfiles',
    '-static',
    '-Wl,--build-id=none',
    '-Wl,--no-warn-rwx-segments',
    `-T${linkerScript}`,
    ...inputs,
    '-o',
    join(outRoot, elf),
  ]);
}

/** Runs buildAll when `moduleUrl` is the script node was started with (`--out-root DIR`). */
export function runAsScript(moduleUrl, name, buildAll) {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  const i = process.argv.indexOf('--out-root');
  const outRoot = i > 0 ? process.argv[i + 1] : projectRoot;
  try {
    for (const elf of buildAll(outRoot)) console.log(`built ${elf}`);
  } catch (error) {
    // The compiler has already printed its diagnostics.
    console.error(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    process.exit(1);
  }
}
