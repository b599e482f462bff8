// Compiles the AssemblyScript hart core to dist/core.wasm (run by `npm ci` through `prepare`).
// The core imports the machine's shared memory; its own static data sits below 64 KiB
// (--memoryBase 0 and no mutable statics), under the layout in src/harts/block-layout.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'dist'), { recursive: true });
execFileSync(process.execPath, [
  join(root, 'node_modules/assemblyscript/bin/asc.js'),
  join(root, 'src/harts/core/index.ts'),
  '-o', join(root, 'dist/core.wasm'),
  '-O3', '--runtime', 'stub', '--noAssert',
  '--importMemory', '--sharedMemory', '--enable', 'threads',
  '--memoryBase', '0', '--initialMemory', '1', '--maximumMemory', '65536',
], { stdio: 'inherit', cwd: root });
