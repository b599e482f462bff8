// Two harts in two worker threads race on one word with amoadd.d and an LR/SC loop: the
// totals must be exact, as on hardware. Workers load the built core (npm run build first).
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { MachineMemory } from '../../src/harts/machine-memory.js';
import { rv, li, encode, poke, peek64, RAM_BASE } from './core-support.js';

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  const { MachineMemory } = await import(workerData.machineUrl);
  const { Hart } = await import(workerData.hartUrl);
  const machine = MachineMemory.attach(workerData.memory, workerData.config);
  const hart = await Hart.load(machine, workerData.hartId);
  hart.reset(BigInt(workerData.pc), BigInt(workerData.hartId));
  let reason;
  do { reason = hart.run(100000); } while (reason === 0);
  parentPort.postMessage({ reason, instret: hart.instret.toString() });
})().catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));
`;

const COUNTER = RAM_BASE + 0x10_0000n;
const ROUNDS = 100_000;

describe('hart core: SMP atomics across worker threads', () => {
  it('amoadd.d and LR/SC increments from two racing harts add up exactly', async () => {
    const config = { harts: 2, ramBytes: 4 << 20, instructionsPerTick: 100 };
    const machine = MachineMemory.create(config);
    const program = [
      ...li(5, COUNTER), rv.addi(6, 5, 8), ...li(7, BigInt(ROUNDS)), rv.addi(28, 0, 1),
      rv.amoadd(true, 0, 5, 28), // loop:
      rv.lr(true, 29, 6), // retry:
      rv.addi(29, 29, 1),
      rv.sc(true, 30, 6, 29),
      rv.bne(30, 0, -12),
      rv.addi(7, 7, -1),
      rv.bne(7, 0, -24),
      rv.wfi(),
    ];
    poke(machine, RAM_BASE, encode(program));
    const dist = new URL('../../dist/harts/', import.meta.url);
    const results = await Promise.all([0, 1].map((hartId) => new Promise<{ reason?: number; error?: string }>((resolve, reject) => {
      const worker = new Worker(WORKER, {
        eval: true,
        workerData: {
          memory: machine.memory, config, hartId, pc: RAM_BASE.toString(),
          machineUrl: new URL('machine-memory.js', dist).href, hartUrl: new URL('hart.js', dist).href,
        },
      });
      worker.once('message', (m: { reason?: number; error?: string }) => { void worker.terminate(); resolve(m); });
      worker.once('error', reject);
    })));
    for (const r of results) expect(r.error ?? r.reason).toBe(2); // ExitReason.Wfi
    expect(peek64(machine, COUNTER)).toBe(BigInt(2 * ROUNDS));
    expect(peek64(machine, COUNTER + 8n)).toBe(BigInt(2 * ROUNDS));
  });
});
