// xl rename: the new name shows in xl list, xl domid and both xenstore name nodes
// (/local/domain/<id>/name and /vm/<uuid>/name); a name another domain has, an unknown
// domain, or one that does not exist leave every name as it was.
import { describe, expect, it } from 'vitest';
import { xl } from './boot-host.js';
import { busyGuest } from './busy-guest.js';
import { createHost, domidOf, writeConfig } from './create-support.js';

describe('xl rename', () => {
  it('renames a domain in xl list, xl domid and xenstore', async () => {
    const dp = await createHost(2);
    await xl(dp.host, 'create', '-p', writeConfig(busyGuest('before')));
    const domid = (await domidOf(dp.host, 'before'))!;
    const vm = await dp.host.xs.read(`/local/domain/${domid}/vm`);
    expect(await xl(dp.host, 'rename', 'before', 'after')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect((await xl(dp.host, 'list')).stdout).toMatch(new RegExp(`^after\\s+${domid}\\s`, 'm'));
    expect((await xl(dp.host, 'list')).stdout).not.toMatch(/^before /m);
    expect(await dp.host.xs.read(`/local/domain/${domid}/name`)).toBe('after');
    expect(await dp.host.xs.read(`${vm}/name`)).toBe('after');
    expect((await xl(dp.host, 'domid', 'after')).stdout).toBe(`${domid}\n`);
    expect((await xl(dp.host, 'rename', String(domid), 'again')).code).toBe(0);
    expect((await xl(dp.host, 'domname', String(domid))).stdout).toBe('again\n');
  });

  it("refuses another domain's name and unknown domains, changing nothing", async () => {
    const dp = await createHost(2);
    await xl(dp.host, 'create', '-p', writeConfig(busyGuest('one')));
    await xl(dp.host, 'create', '-p', writeConfig(busyGuest('two')));
    const two = (await domidOf(dp.host, 'two'))!;
    expect(await xl(dp.host, 'rename', 'two', 'one')).toEqual({
      stdout: '',
      stderr: `libxl: error: libxl_domain.c:81:libxl__domain_rename: Domain ${two}:Domain with name "one" already exists.\nCan't rename domain 'two'.\n`,
      code: 1,
    });
    expect(await xl(dp.host, 'rename', 'three', 'four')).toEqual({ stdout: '', stderr: 'three is an invalid domain identifier (rc=-6)\n', code: 1 });
    expect(await xl(dp.host, 'rename', '42', 'four')).toEqual({ stdout: '', stderr: "Can't rename domain '42'.\n", code: 1 });
    expect(await dp.host.xs.read('/local/domain/42/name').catch(() => undefined)).toBeUndefined();
    expect((await xl(dp.host, 'domid', 'two')).stdout).toBe(`${two}\n`);
    expect(await xl(dp.host, 'rename', 'two')).toMatchObject({ stderr: "'xl rename' requires at least 2 arguments.\n\n", code: 2 });
  });
});
