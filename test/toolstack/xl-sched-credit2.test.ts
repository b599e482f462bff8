// xl sched-credit2: per-domain weight and cap and the pool ratelimit, shown in xl's layout
// and set through the real domctl/sysctl scheduler_op, with xl's argument checks.
import { describe, expect, it } from 'vitest';
import { smallHost, xl } from './boot-host.js';

const HEADER = 'Name                                ID Weight  Cap';

describe('xl sched-credit2', () => {
  it('lists each credit2 pool with its ratelimit and its domains', async () => {
    const host = await smallHost();
    const { stdout, code } = await xl(host, 'sched-credit2');
    expect(code).toBe(0);
    expect(stdout).toBe(`Cpupool Pool-0: ratelimit=1000us\n${HEADER}\nDomain-0                             0    256    0\n`);
  });

  it('sets a domain\'s weight and cap, keeping what is not given', async () => {
    const host = await smallHost();
    expect((await xl(host, 'sched-credit2', '-d', 'Domain-0', '-w', '512')).code).toBe(0);
    expect((await xl(host, 'sched-credit2', '-d', '0', '-c=50')).code).toBe(0);
    expect(host.hv.domain(0)?.schedParams).toMatchObject({ weight: 512, cap: 50 });
    expect((await xl(host, 'sched-credit2', '-d', '0')).stdout).toBe(`${HEADER}\nDomain-0                             0    512   50\n`);
  });

  it('refuses a weight out of range, a cap over 100 per vCPU, and -w without a domain', async () => {
    const host = await smallHost();
    expect(await xl(host, 'sched-credit2', '-d', '0', '-w', '0')).toMatchObject({ code: 1, stderr: 'Cpu weight out of range, valid range is from 1 to 65535\n' });
    expect(await xl(host, 'sched-credit2', '-d', '0', '-c', '101')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^xl sched-credit2: /) });
    expect(await xl(host, 'sched-credit2', '-w', '300')).toMatchObject({ code: 1, stderr: 'Must specify a domain.\n' });
    expect(await xl(host, 'sched-credit2', '-p', 'Pool-0', '-d', '0')).toMatchObject({ code: 1 });
    expect(await xl(host, 'sched-credit2', '-x')).toMatchObject({ code: 1, stderr: expect.stringMatching(/unknown option '-x'/) });
    expect(host.hv.domain(0)?.schedParams).toMatchObject({ weight: 256, cap: 0 });
  });

  it('shows and sets the pool ratelimit with -s and -r', async () => {
    const host = await smallHost();
    expect((await xl(host, 'sched-credit2', '-s')).stdout).toBe('Cpupool Pool-0: ratelimit=1000us\n');
    expect((await xl(host, 'sched-credit2', '-s', '-r', '300')).code).toBe(0);
    expect((await xl(host, 'sched-credit2', '-s', '-p', 'Pool-0')).stdout).toBe('Cpupool Pool-0: ratelimit=300us\n');
    expect(host.hv.pools[0].schedParams.ratelimitUs).toBe(300);
    expect((await xl(host, 'sched-credit2', '-s', '-r', '50')).code).toBe(1);
    expect(host.hv.pools[0].schedParams.ratelimitUs).toBe(300);
  });

  it('prints nothing for a host whose pool runs another scheduler', async () => {
    const host = await smallHost({ scheduler: 'null' });
    expect(await xl(host, 'sched-credit2')).toMatchObject({ code: 0, stdout: '' });
    expect((await xl(host, 'sched-credit2', '-s')).code).toBe(1);
  });
});
