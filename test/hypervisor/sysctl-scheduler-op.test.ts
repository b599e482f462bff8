// sysctl scheduler_op: credit2's pool-wide ratelimit, read and set through dom0's privcmd
// as xl sched-credit2 -s does, with Xen's bounds; schedulers without pool parameters refuse.
import { describe, expect, it } from 'vitest';
import { XenErrno } from '../../src/hypervisor/abi/decl/errno.js';
import { HypercallFailed } from '../../src/toolstack/privcmd.js';
import { testHost } from './test-host.js';

function errno(body: () => unknown): number | undefined {
  try {
    body();
  } catch (error) {
    if (error instanceof HypercallFailed) return error.errno;
    throw error;
  }
  return undefined;
}

describe('sysctl scheduler_op', () => {
  it('reads and sets the credit2 ratelimit of Pool-0: default 1000 µs, 0 turns it off', () => {
    const { xc, hv } = testHost({ scheduler: 'credit2' });
    expect(xc.credit2RatelimitUs(0)).toBe(1000);
    xc.setCredit2RatelimitUs(0, 250);
    expect(xc.credit2RatelimitUs(0)).toBe(250);
    expect(hv.pools[0].schedParams.ratelimitUs).toBe(250);
    xc.setCredit2RatelimitUs(0, 0);
    expect(xc.credit2RatelimitUs(0)).toBe(0);
  });

  it('refuses a ratelimit outside 100..500000 µs and keeps the old one', () => {
    const { xc } = testHost({ scheduler: 'credit2' });
    expect(errno(() => xc.setCredit2RatelimitUs(0, 99))).toBe(XenErrno.EINVAL);
    expect(errno(() => xc.setCredit2RatelimitUs(0, 500_001))).toBe(XenErrno.EINVAL);
    expect(xc.credit2RatelimitUs(0)).toBe(1000);
    xc.setCredit2RatelimitUs(0, 500_000);
    expect(xc.credit2RatelimitUs(0)).toBe(500_000);
  });

  it('refuses an unknown pool, and a pool whose scheduler is not the one named', () => {
    const { xc } = testHost({ scheduler: 'null' });
    expect(errno(() => xc.credit2RatelimitUs(0))).toBe(XenErrno.EINVAL);
    expect(errno(() => xc.credit2RatelimitUs(7))).toBe(XenErrno.ESRCH);
  });
});
