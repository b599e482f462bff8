// The crash guest executes an illegal instruction: the runtime reports the trap and the
// domain shuts down with reason crash; `xl create`'s on_crash action follows: destroy
// leaves nothing, preserve keeps it in state crashed.
import { afterEach, describe, expect, it } from 'vitest';
import { type DataPlaneHost, consoleLines, dataPlaneHost } from '../hypervisor/parallel-host.js';
import { xl } from '../toolstack/boot-host.js';
import { create, runUntilStopped } from '../sched/sched-guests.js';

let hosts: DataPlaneHost[] = [];
afterEach(() => {
  for (const dp of hosts) dp.host.shutdown();
  hosts = [];
});

async function host(): Promise<DataPlaneHost> {
  const dp = await dataPlaneHost('deterministic', 1);
  hosts.push(dp);
  return dp;
}

describe('the crash guest', () => {
  it('crashes on its illegal instruction and, with on_crash=destroy, is gone', async () => {
    const dp = await host();
    const domid = await create(dp, 'crash', 'crash');
    expect(await runUntilStopped(dp, [domid])).toBe(true);
    const [said, trap] = consoleLines(dp, domid);
    expect(said).toBe('crash: executing an illegal instruction');
    expect(trap).toMatch(/^unexpected trap: exception illegal instruction \(scause 0x2\) at sepc 0x8[0-9a-f]{7}, stval 0x0$/);
    expect(dp.host.hv.domain(domid)).toBeUndefined();
    expect((await xl(dp.host, 'list')).stdout).not.toMatch(/^crash /m);
  });

  it('stays in state crashed with on_crash=preserve', async () => {
    const dp = await host();
    const domid = await create(dp, 'crash', 'crash', 'on_crash="preserve"', 'extra="after_ms=3"');
    expect(await runUntilStopped(dp, [domid])).toBe(true);
    expect(dp.host.hv.domain(domid)?.state).toBe('shutdown');
    expect((await xl(dp.host, 'list', 'crash')).stdout).toMatch(/^crash\s+\d+\s+2\s+1\s+---sc-\s/m);
    // It lived the 3 ms it was asked to before crashing.
    expect(Number(dp.host.xc.vcpuInfo(domid, 0).cpuTimeNs)).toBeLessThan(1_000_000);
    expect(dp.host.hv.clock.now()).toBeGreaterThanOrEqual(3_000_000);
  });
});

