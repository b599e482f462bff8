// The committed guest images are what their sources build to (reproducible builds).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { missingTools } from '../support/tools.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const skip = missingTools('riscv64-unknown-elf-gcc');
const output = 'guests/build';

describe('guest image builds', () => {
  const outRoot = mkdtempSync(join(tmpdir(), 'xenrv-guests-drift-'));
  afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

  it.skipIf(skip)(`rebuild to the committed bytes ${skip ?? ''}`, () => {
    execFileSync(process.execPath, ['scripts/build-guests.mjs', '--out-root', outRoot], { cwd: root, stdio: 'pipe' });
    const rebuilt = readdirSync(join(outRoot, output)).sort();
    expect(readdirSync(join(root, output)).filter((f) => f.endsWith('.elf')).sort(), `${output}: stale or missing images`).toEqual(rebuilt);
    for (const file of rebuilt) {
      const same = readFileSync(join(outRoot, output, file)).equals(readFileSync(join(root, output, file)));
      expect(same, `${output}/${file} differs from its sources; run npm run build:guests`).toBe(true);
    }
  });
});
