// The running time a guest reads with VCPUOP_get_runstate_info is the Time(s) xl vcpu-list
// prints for its vCPUs (and getvcpuinfo's cpu_time), for a 2-vCPU cpuburn on two harts.
import { afterEach, describe, expect, it } from 'vitest';
import { type DataPlaneHost, dataPlaneHost } from '../hypervisor/parallel-host.js';
import { xl } from '../toolstack/boot-host.js';
import { burned, create, runUntilStopped } from './sched-guests.js';

let hosts: DataPlaneHost[] = [];
afterEach(() => {
  for (const dp of hosts) dp.host.shutdown();
  hosts = [];
});

describe('runstate times', () => {
  it('agree between the guest, xl vcpu-list and getvcpuinfo', async () => {
    const dp = await dataPlaneHost('deterministic', 2);
    hosts.push(dp);
    const domid = await create(dp, 'cpuburn', 'burn', 'vcpus=2', 'on_poweroff="preserve"', 'extra="burn_ms=140"');
    expect(await runUntilStopped(dp, [domid], 1_000_000)).toBe(true);
    const guest = burned(dp, domid);
    expect(guest.map((v) => v.vcpu)).toEqual([0, 1]);

    const { stdout } = await xl(dp.host, 'vcpu-list', 'burn');
    const xlSeconds = stdout.split('\n').filter((line) => line.startsWith('burn ')).map((line) => Number(line.trim().split(/\s+/)[5]));
    expect(xlSeconds).toEqual([0.1, 0.1]);
    for (const { vcpu, running } of guest) {
      expect(Math.abs(xlSeconds[vcpu] - running / 1e9)).toBeLessThanOrEqual(0.05);
      // After it read them, vCPU 0 ran on for a few µs to print and shut down; vCPU 1 was down.
      const cpuTime = Number(dp.host.xc.vcpuInfo(domid, vcpu).cpuTimeNs);
      expect(cpuTime).toBeGreaterThanOrEqual(running);
      expect(cpuTime - running).toBeLessThan(100_000);
    }
  });
});
