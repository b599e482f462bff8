#!/usr/bin/env node
// `npm run bench -- <name> [options]`: runs bench/<name>.mjs with the options.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('../bench/', import.meta.url));
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.replace(/\.mjs$/, ''))
  .sort();
const [name, ...args] = process.argv.slice(2);

if (!name || !existsSync(`${benchDir}${name}.mjs`)) {
  process.stderr.write(`usage: npm run bench -- <name> [options]\nbenchmarks: ${available.join(', ')}\n`);
  process.exit(name ? 1 : 0);
}
const run = spawnSync(process.execPath, [`${benchDir}${name}.mjs`, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
