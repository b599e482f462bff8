#!/usr/bin/env node
// Regenerates the guests' C headers and docs/abi.md from the ABI declarations in
// src/hypervisor/abi (run after `npm run build:ts`; `npm run gen:abi` does both).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { generatedAbiFiles } = await import(new URL('../dist/hypervisor/abi/generate.js', import.meta.url).href);

for (const [path, text] of generatedAbiFiles()) {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`wrote ${path}`);
}
