#!/usr/bin/env node
// Builds the C guests: each folder guests/<program>/ with .c files becomes
// guests/build/<program>.elf, linked with the guest runtime (guests/runtime) against the
// generated Xen headers (guests/include). Builds are reproducible: fixed flags, paths
// relative to the project root, no build id, objects compiled one by one and linked by
// name, so a rebuild is byte-identical to the committed file.
//
//   node scripts/build-guests.mjs [--out-root DIR]   (DIR replaces the project root for outputs)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
export const compiler = 'riscv64-unknown-elf-gcc';
export const outputDir = 'guests/build';

const runtimeDir = 'guests/runtime';
/** Folders under guests/ that are not programs. */
const notPrograms = new Set(['build', 'include', 'isa', 'runtime']);

const flags = [
  '-march=rv64imac_zicsr_zifencei',
  '-mabi=lp64',
  '-mcmodel=medany',
  '-O2',
  '-std=c11',
  '-Wall',
  '-Wextra',
  '-Werror',
  '-ffreestanding',
  '-fno-common',
  '-fno-stack-protector',
  '-fno-pic',
  '-fno-asynchronous-unwind-tables',
  '-Iguests/include',
  `-I${runtimeDir}`,
];

/** The programs: folders of guests/ holding C sources, sorted. */
export function programs() {
  return readdirSync(join(projectRoot, 'guests'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !notPrograms.has(entry.name))
    .map((entry) => entry.name)
    .filter((name) => sourcesIn(`guests/${name}`).length > 0)
    .sort();
}

function sourcesIn(dir) {
  const full = join(projectRoot, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((f) => f.endsWith('.c') || f.endsWith('.S'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

function gcc(args) {
  execFileSync(compiler, args, { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Compiles `sources` into `objects`/<n>.o and returns the object paths, in order. */
function compile(sources, objects, prefix) {
  return sources.map((source, i) => {
    const object = join(objects, `${prefix}${String(i).padStart(2, '0')}.o`);
    gcc([...flags, '-c', source, '-o', object]);
    return object;
  });
}

/** Builds every program; returns the paths (relative to outRoot) of the ELFs written. */
export function buildAll(outRoot = projectRoot) {
  const objects = mkdtempSync(join(tmpdir(), 'xenrv-guests-'));
  const written = [];
  try {
    mkdirSync(join(outRoot, outputDir), { recursive: true });
    const runtime = compile(sourcesIn(runtimeDir), objects, 'runtime');
    for (const program of programs()) {
      const own = compile(sourcesIn(`guests/${program}`), objects, `${program}-`);
      const elf = `${outputDir}/${program}.elf`;
      gcc([
        ...flags,
        '-nostdlib',
        '-nostartfiles',
        '-static',
        '-Wl,--build-id=none',
        '-Wl,--no-warn-rwx-segments',
        `-T${runtimeDir}/link.ld`,
        ...runtime,
        ...own,
        '-lgcc',
        '-o',
        join(outRoot, elf),
      ]);
      written.push(elf);
    }
  } finally {
    rmSync(objects, { recursive: true, force: true });
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out-root');
  const outRoot = i > 0 ? process.argv[i + 1] : projectRoot;
  try {
    for (const elf of buildAll(outRoot)) console.log(`built ${elf}`);
  } catch (error) {
    // The compiler has already printed its diagnostics.
    console.error(`build-guests: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    process.exit(1);
  }
}
