// xl cpupool-list: one row per pool with its CPU count, scheduler and domain count, or its
// CPU list with -c, in xl's column layout.
import { describe, expect, it } from 'vitest';
import { smallHost, xl } from './boot-host.js';

describe('xl cpupool-list', () => {
  it('prints Pool-0 with its CPUs, scheduler and domains', async () => {
    const host = await smallHost({ nrCpus: 4, scheduler: 'null' });
    expect(await xl(host, 'cpupool-list')).toEqual({
      code: 0, stderr: '',
      stdout: 'Name               CPUs   Sched     Active   Domain count\nPool-0               4      null       y          1\n',
    });
  });

  it('lists the CPUs with -c, and one named pool', async () => {
    const host = await smallHost({ nrCpus: 4 });
    expect((await xl(host, 'cpupool-list', '-c', 'Pool-0')).stdout).toBe('Name               CPU list\nPool-0             0,1,2,3\n');
    expect((await xl(host, 'cpupool-list', 'Pool-0')).stdout).toContain('Pool-0               4   credit2       y          1\n');
  });

  it('refuses an unknown pool or option', async () => {
    const host = await smallHost();
    expect(await xl(host, 'cpupool-list', 'nosuch')).toMatchObject({ code: 1, stderr: "cpupool 'nosuch' does not exist\n" });
    expect(await xl(host, 'cpupool-list', '-z')).toMatchObject({ code: 1, stderr: expect.stringMatching(/unknown option '-z'/) });
  });
});
