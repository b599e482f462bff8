// xl dmesg: Xen's console ring through sysctl readconsole: the boot log and guests' console
// lines as they were written; -c prints then clears, so only later lines show next time;
// the ring keeps the last 16 KiB.
import { describe, expect, it } from 'vitest';
import { xl } from './boot-host.js';
import { busyGuest } from './busy-guest.js';
import { createHost, domidOf, runFor, writeConfig } from './create-support.js';

describe('xl dmesg', () => {
  it("shows Xen's boot log and what guests printed, as the console saw it", async () => {
    const dp = await createHost(2);
    await xl(dp.host, 'create', writeConfig(busyGuest()));
    const domid = (await domidOf(dp.host, 'busy'))!;
    await runFor(dp, () => dp.console.join('').includes(`(d${domid}) bench: empty loop: start`));
    const { stdout, stderr, code } = await xl(dp.host, 'dmesg');
    expect({ stderr, code }).toEqual({ stderr: '', code: 0 });
    expect(stdout).toMatch(/^\(XEN\) Xen version 4\.\d+/);
    expect(stdout).toContain('(XEN) Using scheduler: SMP Credit Scheduler rev2 (credit2)\n');
    expect(stdout).toContain(`(d${domid}) bench: empty loop: start\n`);
    expect(stdout).toBe(dp.console.join(''));
  });

  it('-c clears what it printed: the next dmesg shows only what came after', async () => {
    const dp = await createHost(1);
    const first = await xl(dp.host, 'dmesg', '-c');
    expect(first.stdout).toContain('(XEN) Dom0 built; unpaused\n');
    expect(await xl(dp.host, 'dmesg')).toEqual({ stdout: '', stderr: '', code: 0 });
    dp.host.hv.console.log('after the clear');
    expect((await xl(dp.host, 'dmesg')).stdout).toBe('(XEN) after the clear\n');
    expect((await xl(dp.host, 'dmesg', '--clear')).stdout).toBe('(XEN) after the clear\n');
    expect((await xl(dp.host, 'dmesg')).stdout).toBe('');
  });

  it('keeps the last 16 KiB of a longer log', async () => {
    const dp = await createHost(1);
    for (let i = 0; i < 1000; i++) dp.host.hv.console.log(`line ${String(i).padStart(4, '0')}`);
    const shown = (await xl(dp.host, 'dmesg')).stdout;
    expect(shown).toHaveLength(16384);
    expect(shown).toBe(dp.console.join('').slice(-16384));
    expect(shown.endsWith('(XEN) line 0999\n')).toBe(true);
  });

  it('takes -c only', async () => {
    const dp = await createHost(1);
    expect(await xl(dp.host, 'dmesg', '-x')).toEqual({ stdout: '', stderr: "option `x' not supported.\n", code: 2 });
    expect(await xl(dp.host, 'dmesg', '-h')).toEqual({
      stdout: 'Usage: xl [-vtT] dmesg [-c]\n\nRead and/or clear dmesg buffer.\n\nOptions:\n\n  -c                        Clear dmesg buffer as well as printing it\n',
      stderr: '', code: 0,
    });
  });
});
