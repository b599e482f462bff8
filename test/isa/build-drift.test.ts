// The committed ISA ELFs are what their sources build to (reproducible builds).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { missingTools } from '../support/tools.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const skip = missingTools('riscv64-unknown-elf-gcc');
const outputs = ['guests/isa/build', 'bench/mips/build'];

describe('ISA and benchmark ELF builds', () => {
  const outRoot = mkdtempSync(join(tmpdir(), 'xenrv-isa-drift-'));
  afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

  it.skipIf(skip)(`rebuild to the committed bytes ${skip ?? ''}`, () => {
    execFileSync(process.execPath, ['scripts/build-isa.mjs', '--out-root', outRoot], { cwd: root, stdio: 'pipe' });
    for (const dir of outputs) {
      const rebuilt = readdirSync(join(outRoot, dir)).sort();
      expect(readdirSync(join(root, dir)).filter((f) => f.endsWith('.elf')).sort(), `${dir}: stale or missing ELFs`).toEqual(rebuilt);
      for (const file of rebuilt) {
        const same = readFileSync(join(outRoot, dir, file)).equals(readFileSync(join(root, dir, file)));
        expect(same, `${dir}/${file} differs from its source; run node scripts/build-isa.mjs`).toBe(true);
      }
    }
  });
});
