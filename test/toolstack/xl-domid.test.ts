// xl domid: a domain name to its domid, the inverse of xl domname; an unknown name gets
// xl's message and exit 1.
import { describe, expect, it } from 'vitest';
import { xl } from './boot-host.js';
import { busyGuest } from './busy-guest.js';
import { createHost, domidOf, writeConfig } from './create-support.js';

describe('xl domid', () => {
  it('gives the domid of a name, and xl domname gives the name back', async () => {
    const dp = await createHost(2);
    await xl(dp.host, 'create', '-p', writeConfig(busyGuest('alpha')));
    const domid = (await domidOf(dp.host, 'alpha'))!;
    expect(await xl(dp.host, 'domid', 'alpha')).toEqual({ stdout: `${domid}\n`, stderr: '', code: 0 });
    expect(await xl(dp.host, 'domid', 'Domain-0')).toEqual({ stdout: '0\n', stderr: '', code: 0 });
    expect((await xl(dp.host, 'domname', (await xl(dp.host, 'domid', 'alpha')).stdout.trim())).stdout).toBe('alpha\n');
  });

  it('refuses a name no domain has (a domid is not a name)', async () => {
    const dp = await createHost(1);
    expect(await xl(dp.host, 'domid', 'nosuch')).toEqual({
      stdout: '', stderr: "Can't get domid of domain name 'nosuch', maybe this domain does not exist.\n", code: 1,
    });
    expect((await xl(dp.host, 'domid', '0')).code).toBe(1);
    expect(await xl(dp.host, 'domid')).toMatchObject({ stderr: "'xl domid' requires at least 1 argument.\n\n", code: 2 });
  });
});
