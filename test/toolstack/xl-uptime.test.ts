// xl uptime: "Name ID Uptime" rows (dom0 first) with the time since each domain was built,
// from /vm/<uuid>/start_time; -s prints uptime(1)-style lines; named domains only when given.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uptimeToString } from '../../src/toolstack/xl/uptime.js';
import { xl } from './boot-host.js';
import { busyGuest } from './busy-guest.js';
import { createHost, domidOf, writeConfig } from './create-support.js';

const DAY = 86400;
/** "%-33s %4s %s" with Name, ID, Uptime. */
const HEADER = `Name${' '.repeat(32)}ID Uptime`;

afterEach(() => {
  vi.useRealTimers();
});

describe('xl uptime', () => {
  it('formats as xl: days, then the hour padded to two places', () => {
    expect(uptimeToString(5, false)).toBe(' 0:00:05');
    expect(uptimeToString(3600 + 61, false)).toBe(' 1:01:01');
    expect(uptimeToString(DAY + 3600 + 61, false)).toBe('1 day,  1:01:01');
    expect(uptimeToString(3 * DAY + 23 * 3600 + 59 * 60 + 59, false)).toBe('3 days, 23:59:59');
    expect(uptimeToString(DAY + 3600 + 61, true)).toBe('1 day,  1:01');
    expect(uptimeToString(125, true)).toBe(' 0:02');
  });

  it('lists dom0 and every guest with the time since it was built', async () => {
    const dp = await createHost(2);
    await xl(dp.host, 'create', '-p', writeConfig(busyGuest('web')));
    const domid = (await domidOf(dp.host, 'web'))!;
    const built = Number(await dp.host.xs.read(`${await dp.host.xs.read(`/local/domain/${domid}/vm`)}/start_time`));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime((Math.floor(built) + DAY + 3600 + 61) * 1000);

    const { stdout, stderr, code } = await xl(dp.host, 'uptime');
    expect({ stderr, code }).toEqual({ stderr: '', code: 0 });
    const rows = stdout.split('\n');
    expect(rows[0]).toBe(HEADER);
    expect(rows[1]).toMatch(/^Domain-0 {26}\s{3}0 [ \d]\d:\d\d:\d\d$/);
    expect(rows[2]).toBe(`web${' '.repeat(30)} ${String(domid).padStart(4)} 1 day,  1:01:01`);
    expect(rows).toHaveLength(4);

    expect((await xl(dp.host, 'uptime', 'web')).stdout).toBe(`${HEADER}\nweb${' '.repeat(30)} ${String(domid).padStart(4)} 1 day,  1:01:01\n`);
    expect((await xl(dp.host, 'uptime', '-s', 'web')).stdout).toMatch(new RegExp(`^ \\d\\d:\\d\\d:\\d\\d up 1 day,  1:01, web \\(${domid}\\)\\n$`));
  });

  it('leaves out stub domains (a target domain in xenstore) unless named', async () => {
    const dp = await createHost(2);
    await xl(dp.host, 'create', '-p', writeConfig(busyGuest('guest')));
    await xl(dp.host, 'create', '-p', writeConfig(busyGuest('guest-dm')));
    const guest = (await domidOf(dp.host, 'guest'))!;
    await dp.host.xs.write(`/local/domain/${(await domidOf(dp.host, 'guest-dm'))!}/target`, String(guest));
    const names = (await xl(dp.host, 'uptime')).stdout.split('\n').slice(1, -1).map((row) => row.split(' ')[0]);
    expect(names).toEqual(['Domain-0', 'guest']);
    expect((await xl(dp.host, 'uptime', 'guest-dm')).stdout).toMatch(/^guest-dm /m);
  });

  it("skips a guest whose start time is gone, with libxl's error, and refuses unknown names", async () => {
    const dp = await createHost(2);
    await xl(dp.host, 'create', '-p', writeConfig(busyGuest('lost')));
    const domid = (await domidOf(dp.host, 'lost'))!;
    await dp.host.xs.rm(`${await dp.host.xs.read(`/local/domain/${domid}/vm`)}/start_time`);
    expect(await xl(dp.host, 'uptime', 'lost')).toEqual({
      stdout: `${HEADER}\n`,
      stderr: `libxl: error: libxl_domain.c:2231:libxl_vm_get_start_time: Domain ${domid}:Can't get start time of domain\n`,
      code: 0,
    });
    expect(await xl(dp.host, 'uptime', 'nosuch')).toEqual({ stdout: '', stderr: 'nosuch is an invalid domain identifier (rc=-6)\n', code: 1 });
  });
});
