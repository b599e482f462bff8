// A real C guest reads the device tree `xl create` built from its xl.cfg: the guest
// runtime's own FDT reader finds the memory, the vCPUs, the timebase and the command line.
import { describe, expect, it } from 'vitest';
import { consoleLines } from '../hypervisor/parallel-host.js';
import { xl } from './boot-host.js';
import { createHost, domidOf, guestElf, runFor, writeConfig } from './create-support.js';

describe('a guest booted with the domU device tree', () => {
  it('finds in it what the xl.cfg asked for', async () => {
    const dp = await createHost();
    const cfg = writeConfig(['name = "hello"', `kernel = "${guestElf('hello')}"`, 'memory = 2', 'vcpus = 2', 'extra = "greeting=yes quiet"', 'on_poweroff = "preserve"']);
    expect((await xl(dp.host, 'create', cfg)).code).toBe(0);
    const domid = (await domidOf(dp.host, 'hello')) as number;
    expect(await runFor(dp, () => dp.host.hv.domain(domid)?.state === 'shutdown')).toBe(true);
    expect(consoleLines(dp, domid)).toContain(
      'device tree: 2 vCPU(s), 2048 KiB of RAM at 0x80000000, timebase 10000000 Hz, bootargs "greeting=yes quiet"',
    );
  });
});
