import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('build', () => {
  it('produces a wasm hart core that instantiates', async () => {
    const bytes = readFileSync(new URL('../dist/core.wasm', import.meta.url));
    const module = await WebAssembly.compile(bytes);
    expect(WebAssembly.Module.imports(module).some((i) => i.kind === 'memory')).toBe(true);
  });
});
