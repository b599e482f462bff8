// The smallest C guest, built with the guest runtime, runs at VS through the real
// hypervisor: its printf reaches Xen's console, it reads the device tree, it powers off.
import { describe, expect, it } from 'vitest';
import { bootGuestHost, consoleLines, runGuests, startGuest, stateOf, xlList } from './support/guest-host.js';

describe('the hello guest', () => {
  it('prints what it read from the device tree and powers off', async () => {
    const gh = await bootGuestHost();
    const guest = await startGuest(gh, 'hello', { memoryBytes: 2 * 1024 * 1024, bootargs: 'greeting=yes' });
    await runGuests(gh, [guest]);
    expect(consoleLines(gh, guest.domain.domid)).toEqual([
      'hello from a xenrv guest on Xen 4.18 (SBI implementation 7)',
      'device tree: 1 vCPU(s), 2048 KiB of RAM at 0x80000000, timebase 10000000 Hz, bootargs "greeting=yes"',
    ]);
    expect(guest.domain.state).toBe('shutdown');
    expect(stateOf(await xlList(gh), 'hello')).toBe('---s--');
  });

  it('boots without a device tree (a1 = 0)', async () => {
    const gh = await bootGuestHost();
    const guest = await startGuest(gh, 'hello', { noDeviceTree: true });
    await runGuests(gh, [guest]);
    expect(consoleLines(gh, guest.domain.domid)).toContain('no device tree');
    expect(guest.domain.lifecycle.shutdownCode).toBe(0);
  });
});
