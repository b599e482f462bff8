// The generated artefacts: the committed C headers and docs/abi.md must equal what the
// declarations generate now, and where the RISC-V cross compiler is installed, every
// header must compile for rv64 with all of its layout assertions holding.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cDefinition } from '../../src/hypervisor/abi/c-header.js';
import { ABI_FAMILIES } from '../../src/hypervisor/abi/families.js';
import { GUEST_INCLUDE_DIR, generatedAbiFiles } from '../../src/hypervisor/abi/generate.js';
import type { AggregateLayout } from '../../src/hypervisor/abi/layout.js';
import { missingTools } from '../support/tools.js';

const root = join(import.meta.dirname, '../..');
const generated = generatedAbiFiles();
const REGENERATE = 'out of date: run `npm run gen:abi`';

describe('generated ABI files are committed and current', () => {
  it.each([...generated.keys()])('%s matches the declarations', (path) => {
    const committed = readFileSync(join(root, path), 'utf8');
    expect(committed === generated.get(path), `${path} is ${REGENERATE}`).toBe(true);
  });

  it('leaves no stale header behind', () => {
    const onDisk = readdirSync(join(root, GUEST_INCLUDE_DIR, 'xen')).map((f) => `${GUEST_INCLUDE_DIR}/xen/${f}`);
    expect(onDisk.filter((p) => !generated.has(p))).toEqual([]);
  });

  it('defines every C constant name once', () => {
    const names = ABI_FAMILIES.flatMap((f) => f.constants.flatMap((g) => Object.keys(g.values).map((k) => g.prefix + k)));
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });
});

const gcc = 'riscv64-unknown-elf-gcc';
const skip = missingTools(gcc);
const scratch = mkdtempSync(join(tmpdir(), 'xenrv-abi-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Compiles `source` for rv64 against the committed headers; returns gcc's diagnostics ('' on success). */
function compileRv64(name: string, source: string): string {
  const file = join(scratch, `${name}.c`);
  writeFileSync(file, source);
  try {
    execFileSync(gcc, [
      '-march=rv64imac', '-mabi=lp64', '-ffreestanding', '-std=gnu11', '-Wall', '-Wextra', '-Werror',
      '-I', join(root, GUEST_INCLUDE_DIR), '-c', file, '-o', join(scratch, `${name}.o`),
    ], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

describe(`C headers compile for rv64 with every layout assertion ${skip ?? ''}`, () => {
  it.skipIf(skip)('xen-abi.h (all headers) compiles, so every sizeof/_Alignof/offsetof assertion holds', () => {
    expect(compileRv64('all', '#include "xen-abi.h"\n')).toBe('');
  });

  it.skipIf(skip)('each family header compiles on its own', () => {
    const failures = ABI_FAMILIES
      .map((f) => [f.header, compileRv64(f.header.replace(/\W/g, '_'), `#include "${f.header}"\n`)])
      .filter(([, diagnostics]) => diagnostics !== '');
    expect(failures).toEqual([]);
  });

  it.skipIf(skip)('a layout that disagrees with the C rules fails to compile', () => {
    const wrong: AggregateLayout = {
      kind: 'struct', name: 'misplaced', size: 12, align: 4, doc: '', selector: undefined, order: 0,
      fields: [
        { name: 'a', type: 'u16', count: undefined, offset: 0, size: 2, align: 2 },
        { name: 'b', type: 'u32', count: undefined, offset: 2, size: 4, align: 4 },
      ],
    };
    const diagnostics = compileRv64('wrong', `#include <stddef.h>\n#include <stdint.h>\n${cDefinition(wrong)}`);
    expect(diagnostics).toMatch(/misplaced size/);
    expect(diagnostics).toMatch(/misplaced\.b offset/);
  });
});
