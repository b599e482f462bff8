#!/usr/bin/env node
// Builds the bare-metal ISA tests (guests/isa/*.S) and MIPS kernels (bench/mips/*.S) into
// ELFs committed next to their sources. Builds are reproducible: fixed flags, paths relative
// to the project root, no build id, so a rebuild is byte-identical to the committed file.
//
//   node scripts/build-isa.mjs [--out-root DIR]   (DIR replaces the project root for outputs)
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gcc, linkImage, projectRoot, runAsScript } from './cross-build.mjs';


/** Source folders and where their ELFs go, relative to the project root. */
export const targets = [
  { sources: 'guests/isa', output: 'guests/isa/build' },
  { sources: 'bench/mips', output: 'bench/mips/build' },
  { sources: 'bench/hypercall', output: 'bench/hypercall/build' },
];

const envDir = 'guests/isa/env';
const baseMarch = 'rv64imac_zicsr_zifencei';
// gcc 12 rejects a bare "h" in -march; the versioned form is accepted.
const hypervisorMarch = 'rv64imach1p0_zicsr_zifencei';

/**
 * A source states what it needs on a line `// needs: h` (the H extension) or
 * `// needs: no-env` (its own _start and tohost, without the test environment).
 */
function needsOf(sourceText) {
  const needs = /^\/\/ needs: (.+)$/m.exec(sourceText)?.[1] ?? '';
  return { h: needs === 'h', env: needs !== 'no-env' };
}

function flagsFor(needs) {
  return needs.h ? [`-march=${hypervisorMarch}`, '-DXENRV_H'] : [`-march=${baseMarch}`];
}

/** The source files of one target, sorted. */
export function sourcesOf(target) {
  const dir = join(projectRoot, target.sources);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.S'))
    .sort();
}

/** Builds every target; returns the paths (relative to outRoot) of the ELFs written. */
export function buildAll(outRoot = projectRoot) {
  // Objects are assembled first and linked by name: a one-step build would put the
  // compiler's random temporary file names into the symbol table.
  const objects = mkdtempSync(join(tmpdir(), 'xenrv-isa-'));
  const written = [];
  try {
    for (const target of targets) {
      mkdirSync(join(outRoot, target.output), { recursive: true });
      for (const file of sourcesOf(target)) {
        const source = join(target.sources, file);
        const elf = join(target.output, file.replace(/\.S$/, '.elf'));
        const needs = needsOf(readFileSync(join(projectRoot, source), 'utf8'));
        const flags = [
          ...flagsFor(needs),
          '-mabi=lp64',
          '-mcmodel=medany',
          `-I${envDir}`,
        ];
        const runtimeObject = join(objects, 'runtime.o');
        const testObject = join(objects, 'test.o');
        if (needs.env) gcc([...flags, '-c', `${envDir}/runtime.S`, '-o', runtimeObject]);
        gcc([...flags, '-c', source, '-o', testObject]);
        linkImage(flags, `${envDir}/link.ld`, [...(needs.env ? [runtimeObject] : []), testObject], outRoot, elf);
        written.push(elf);
      }
    }
  } finally {
    rmSync(objects, { recursive: true, force: true });
  }
  return written;
}

runAsScript(import.meta.url, 'build-isa', buildAll);
