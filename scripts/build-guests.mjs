#!/usr/bin/env node
// Builds the C guests: each folder guests/<program>/ with .c files becomes
// guests/build/<program>.elf, linked with the guest runtime (guests/runtime) against the
// generated Xen headers (guests/include). Builds are reproducible: fixed flags, paths
// relative to the project root, no build id, objects compiled one by one and linked by
// name, so a rebuild is byte-identical to the committed file.
//
//   node scripts/build-guests.mjs [--out-root DIR]   (DIR replaces the project root for outputs)
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gcc, linkImage, projectRoot, runAsScript } from './cross-build.mjs';

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
      linkImage(flags, `${runtimeDir}/link.ld`, [...runtime, ...own, '-lgcc'], outRoot, elf);
      written.push(elf);
    }
  } finally {
    rmSync(objects, { recursive: true, force: true });
  }
  return written;
}

runAsScript(import.meta.url, 'build-guests', buildAll);
