// The PV console end to end: the console-echo guest on its console ring, the backend in
// dom0 (host.consoles) and `xl console` sessions attached to it.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { destroyDomain } from '../../src/toolstack/domain-builder/destroy-domain.js';
import { attachConsole } from '../../src/toolstack/xl/console.js';
import { collectOutput } from '../../src/toolstack/xl/output.js';
import { runXl } from '../../src/toolstack/xl/xl.js';
import { type Guest, type GuestHost, bootGuestHost, runGuests, startGuest } from '../guests/support/guest-host.js';
import { createHost, domidOf, runFor } from '../toolstack/create-support.js';
import { terminal } from './terminal.js';

const GREETING = "console-echo: type a line, 'quit' ends\n";

async function echoGuest(): Promise<{ gh: GuestHost; guest: Guest; domid: number }> {
  const gh = await bootGuestHost(2);
  const guest = await startGuest(gh, 'console-echo');
  return { gh, guest, domid: guest.domain.domid };
}

/** Runs the harts until the guest is idle (waiting for input) or stopped. */
async function settle(gh: GuestHost, guest: Guest): Promise<void> {
  await runGuests(gh, [guest], 50_000);
}

describe('PV console', () => {
  it('echoes typed lines back through the backend, and the guest powers off on quit', async () => {
    const { gh, guest, domid } = await echoGuest();
    const term = terminal();
    const session = attachConsole(gh.host, domid, term);
    await term.whenReading();
    await settle(gh, guest);
    term.type('hello console\n');
    await settle(gh, guest);
    term.type('second line\r');
    await settle(gh, guest);
    expect(term.stdout).toBe(`${GREETING}echo: hello console\necho: second line\n`);
    term.type('quit\n');
    await settle(gh, guest);
    expect(guest.domain.state).toBe('shutdown');
    expect(term.stdout.endsWith('console-echo: bye\n')).toBe(true);
    term.type('\x1d');
    expect(await session).toBe(0);
  });

  it('keeps output written before anyone attached and shows it to a later session', async () => {
    const { gh, guest, domid } = await echoGuest();
    await settle(gh, guest);
    expect(gh.host.consoles.get(domid)?.keptOutput().toString()).toBe(GREETING);
    const first = terminal();
    const firstSession = attachConsole(gh.host, domid, first);
    await first.whenReading();
    first.type('one\n');
    await settle(gh, guest);
    first.type('\x1d');
    expect(await firstSession).toBe(0);
    const later = terminal();
    void attachConsole(gh.host, domid, later);
    await later.whenReading();
    expect(later.stdout).toBe(`${GREETING}echo: one\n`);
  });

  it('detaches on Ctrl-]: the session ends, typing after it no longer reaches the guest, the guest runs on', async () => {
    const { gh, guest, domid } = await echoGuest();
    const term = terminal();
    const session = attachConsole(gh.host, domid, term);
    await term.whenReading();
    await settle(gh, guest);
    term.type('before\x1dafter\n');
    expect(await session).toBe(0);
    expect(term.reading).toBe(false);
    await settle(gh, guest);
    expect(guest.domain.state).toBe('running');
    const again = terminal();
    const second = attachConsole(gh.host, domid, again);
    await again.whenReading();
    again.type('\n');
    await settle(gh, guest);
    // "before" reached the guest and ended with the next Enter; nothing of "after" did.
    expect(again.stdout).toBe(`${GREETING}echo: before\n`);
    again.type('\x1d');
    await second;
  });

  it('ends the session when the domain is destroyed (XS_RELEASE, @releaseDomain)', async () => {
    const { gh, guest, domid } = await echoGuest();
    const term = terminal();
    const session = attachConsole(gh.host, domid, term);
    await settle(gh, guest);
    await destroyDomain(gh.host, domid);
    expect(await session).toBe(0);
    expect(gh.host.consoles.get(domid)).toBeUndefined();
  });

  it('xl console attaches by name and reads the keyboard of the caller', async () => {
    const { gh, guest } = await echoGuest();
    const term = terminal();
    const code = runXl(gh.host, ['console', 'console-echo'], term);
    await term.whenReading();
    await settle(gh, guest);
    term.type('by name\n');
    await settle(gh, guest);
    term.type('\x1d');
    expect(await code).toBe(0);
    expect(term.stdout).toBe(`${GREETING}echo: by name\n`);
  });

  it('xl console with the keyboard at end of file shows the kept output and returns', async () => {
    const { gh, guest } = await echoGuest();
    await settle(gh, guest);
    const output = collectOutput();
    expect(await runXl(gh.host, ['console', 'console-echo'], output)).toBe(0);
    expect(output.stdout).toBe(GREETING);
  });

  it('a guest made by xl create from its shipped xl.cfg talks through xl console', async () => {
    const dp = await createHost(2);
    const cfg = fileURLToPath(new URL('../../guests/console-echo/console-echo.cfg', import.meta.url));
    const created = collectOutput();
    expect(await runXl(dp.host, ['create', cfg], created)).toBe(0);
    const domid = await domidOf(dp.host, 'console-echo');
    const term = terminal();
    const session = runXl(dp.host, ['console', 'console-echo'], term);
    await term.whenReading();
    term.type('from xl\nquit\n');
    expect(await runFor(dp, () => dp.host.hv.domain(domid ?? -1)?.state === 'shutdown')).toBe(true);
    expect(term.stdout).toBe(`${GREETING}echo: from xl\nconsole-echo: bye\n`);
    term.type('\x1d');
    expect(await session).toBe(0);
  });

  it.each([
    // Arm-style domains are all HVM containers; dom0 has no /libxl/0/type, so libxl warns.
    [['console', '0'], "libxl: warning: libxl_dom.c:49:libxl__domain_type: unable to get domain type for domid=0, assuming HVM\nCan't specify Domain-0\n", 22],
    [['console', 'nosuch'], 'nosuch is an invalid domain identifier (rc=-6)\n', 1],
    [['console', '42'], 'libxl: error: libxl_dom.c:37:libxl__domain_type: unable to get domain type for domid=42\nUnable to attach console\n', 1],
    [['console', '-t', 'serial', 'console-echo'], 'xenconsole: Could not read tty from store: No such file or directory\n', 2],
    [['console', '-n', '1', 'console-echo'], 'xenconsole: Could not read tty from store: No such file or directory\n', 2],
    [['console', '-t', 'tty', 'console-echo'], 'console type supported are: pv, serial, vuart\n', 1],
  ])('xl %j fails as xl does', async (argv, stderr, exit) => {
    const { gh } = await echoGuest();
    const output = collectOutput();
    expect(await runXl(gh.host, argv, output)).toBe(exit);
    expect(output.stderr).toBe(stderr);
  });
});

describe('PV console, hart workers', () => {
  it('echoes typed lines while the guest runs on another thread', async () => {
    const gh = await bootGuestHost(2, { mode: 'parallel' });
    try {
      const guest = await startGuest(gh, 'console-echo');
      const term = terminal();
      const session = attachConsole(gh.host, guest.domain.domid, term);
      await term.whenReading();
      term.type('across threads\nquit\n');
      expect(await runGuests(gh, [guest], 60_000)).toBe(true);
      expect(term.stdout).toBe(`${GREETING}echo: across threads\nconsole-echo: bye\n`);
      term.type('\x1d');
      expect(await session).toBe(0);
    } finally {
      await gh.host.harts?.stop();
    }
  });
});
