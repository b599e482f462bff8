// xl domname: a domid to its xenstore name, reading the id as strtol does; unknown ids and
// text that is no number get xl's messages and exit 1.
import { describe, expect, it } from 'vitest';
import { parseDomid } from '../../src/toolstack/xl/domname.js';
import { xl } from './boot-host.js';
import { busyGuest } from './busy-guest.js';
import { createHost, domidOf, writeConfig } from './create-support.js';

describe('xl domname', () => {
  it('gives the name of a domid, and xl domid gives the domid back', async () => {
    const dp = await createHost(2);
    await xl(dp.host, 'create', '-p', writeConfig(busyGuest('beta')));
    const domid = (await domidOf(dp.host, 'beta'))!;
    expect(await xl(dp.host, 'domname', String(domid))).toEqual({ stdout: 'beta\n', stderr: '', code: 0 });
    expect(await xl(dp.host, 'domname', '0')).toEqual({ stdout: 'Domain-0\n', stderr: '', code: 0 });
    expect((await xl(dp.host, 'domid', (await xl(dp.host, 'domname', String(domid))).stdout.trim())).stdout).toBe(`${domid}\n`);
  });

  it('reads the id as strtol: blanks, a sign, digits up to the first other character', () => {
    expect(parseDomid('7')).toBe(7);
    expect(parseDomid('  12abc')).toBe(12);
    expect(parseDomid('-1')).toBe(0xffffffff);
    expect(parseDomid('abc')).toBeUndefined();
    expect(parseDomid('')).toBeUndefined();
  });

  it('refuses ids without digits and ids no domain has', async () => {
    const dp = await createHost(1);
    expect(await xl(dp.host, 'domname', 'abc')).toEqual({ stdout: '', stderr: 'Invalid domain id.\n\n', code: 1 });
    expect(await xl(dp.host, 'domname', '42')).toEqual({
      stdout: '', stderr: "Can't get domain name of domain id '42', maybe this domain does not exist.\n", code: 1,
    });
    expect(await xl(dp.host, 'domname', '0x')).toEqual({ stdout: 'Domain-0\n', stderr: '', code: 0 });
  });
});
