// Each shutdown reason, asked for by a guest at VS, shows in `xl list` as its letter of
// "-rscwS" after the 's' (spec §5.2; poweroff's letter is '-'), and every domain stays listed after its shutdown.
import { describe, expect, it } from 'vitest';
import { bootGuestHost, consoleLines, runGuests, startGuest, stateOf, xlList } from './support/guest-host.js';

const CASES = [
  { name: 'poweroff', bootargs: 'reason=poweroff', state: '---s--' },
  { name: 'reboot', bootargs: 'reason=reboot', state: '---sr-' },
  { name: 'suspend', bootargs: 'reason=suspend', state: '---ss-' },
  { name: 'crash', bootargs: 'reason=crash', state: '---sc-' },
  { name: 'watchdog', bootargs: 'reason=watchdog', state: '---sw-' },
  { name: 'soft_reset', bootargs: 'reason=soft_reset', state: '---sS-' },
  { name: 'sbi-poweroff', bootargs: 'reason=poweroff via=sbi', state: '---s--' },
  { name: 'sbi-reboot', bootargs: 'reason=reboot via=sbi', state: '---sr-' },
  { name: 'code-then-poweroff', bootargs: 'reason=poweroff code=suspend', state: '---ss-' },
  { name: 'trap', bootargs: 'reason=poweroff via=trap', state: '---sc-' },
];

describe('the shutdown guest', () => {
  it('shows each reason as its xl list letter, with every domain preserved', async () => {
    const gh = await bootGuestHost(CASES.length);
    const guests = [];
    for (const c of CASES) guests.push(await startGuest(gh, 'shutdown', { bootargs: c.bootargs, name: c.name }));
    await runGuests(gh, guests);

    const list = await xlList(gh);
    expect(list.split('\n').filter((l) => l !== '')).toHaveLength(CASES.length + 2); // header, Domain-0
    expect(stateOf(list, 'Domain-0')).toBe('r-----');
    for (const c of CASES) expect(`${c.name}: ${stateOf(list, c.name)}`).toBe(`${c.name}: ${c.state}`);
  });

  it('reports an unexpected trap on the console before crashing', async () => {
    const gh = await bootGuestHost();
    const guest = await startGuest(gh, 'shutdown', { bootargs: 'via=trap' });
    await runGuests(gh, [guest]);
    const lines = consoleLines(gh, guest.domain.domid);
    expect(lines[0]).toBe('shutting down: poweroff via trap');
    expect(lines[1]).toMatch(/^unexpected trap: exception illegal instruction \(scause 0x2\) at sepc 0x8000[0-9a-f]{4}, stval 0x0$/);
    expect(guest.domain.lifecycle.shutdownCode).toBe(3);
  });

  it('takes the reason from SCHEDOP_shutdown_code when one was set', async () => {
    const gh = await bootGuestHost();
    const guest = await startGuest(gh, 'shutdown', { bootargs: 'reason=poweroff code=reboot' });
    await runGuests(gh, [guest]);
    expect(consoleLines(gh, guest.domain.domid)).toEqual(['shutdown_code reboot: 0', 'shutting down: poweroff via sched_op']);
    expect(stateOf(await xlList(gh), 'shutdown')).toBe('---sr-');
  });
});
