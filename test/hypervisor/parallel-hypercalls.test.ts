// The all-hypercalls C guest on the data plane: every check it makes of the fast paths
// (served on the hart) and the slow paths (served by the main thread on the saved
// registers) passes, in both execution modes.
import { afterEach, describe, expect, it } from 'vitest';
import { HVM_PARAM, HVMOP, xenHvmParam } from '../../src/hypervisor/abi/decl/hvm.js';
import { GUEST_LAYOUT } from '../../src/hypervisor/abi/decl/guest-layout.js';
import { HYPERCALL } from '../../src/hypervisor/abi/decl/hypercalls.js';
import type { ExecutionMode } from '../../src/hypervisor/dataplane/guest-harts.js';
import { type DataPlaneHost, consoleLines, dataPlaneHost, launchProgram, runUntil } from './parallel-host.js';

const MAGIC_PFN = BigInt(GUEST_LAYOUT.MAGIC_BASE / 4096);
let dp: DataPlaneHost | undefined;
afterEach(() => dp?.host.shutdown());

function setHvmParam(h: DataPlaneHost, domid: number, index: number, value: bigint): void {
  const { privcmd } = h.host;
  privcmd.withBuffers(() => privcmd.hypercall(HYPERCALL.hvm_op, HVMOP.set_param, privcmd.allocStruct(xenHvmParam, { domid, pad: 0, index, value })));
}

describe.each<[ExecutionMode, number]>([['deterministic', 1_000_000], ['parallel', 20_000]])('the all-hypercalls guest, %s mode', (mode, limit) => {
  it('passes every check and powers off', async () => {
    dp = await dataPlaneHost(mode, 1);
    const h = dp;
    const domain = await launchProgram(h, 'hypercalls', {
      vcpus: 2,
      setup: (d) => {
        setHvmParam(h, d.domid, HVM_PARAM.STORE_PFN, MAGIC_PFN + 1n);
        setHvmParam(h, d.domid, HVM_PARAM.CONSOLE_PFN, MAGIC_PFN);
      },
    });
    await runUntil(h, () => domain.state !== 'running', limit);
    const lines = consoleLines(h, domain.domid);
    expect(lines.filter((line) => line.startsWith('not ok'))).toEqual([]);
    const plan = Number(lines.find((l) => /^1\.\.\d+$/.test(l))?.slice(3));
    expect(plan).toBeGreaterThan(120);
    expect(lines).toContain(`# ${plan} passed, 0 failed`);
    expect(domain.state).toBe('shutdown');
  });
});
