// A real C guest reads the device tree built from an xl.cfg: the guest runtime's own FDT
// reader finds the memory, the vCPUs, the timebase and the command line in it.
import { describe, expect, it } from 'vitest';
import { Hart } from '../../src/harts/hart.js';
import { GuestRunner } from '../../src/hypervisor/guest-runner.js';
import { XEN_IDENTITY } from '../../src/hypervisor/host-config.js';
import { buildGuestDeviceTree } from '../../src/toolstack/device-tree/guest-device-tree.js';
import { launchGuest } from '../../src/toolstack/guest-launcher.js';
import { parseXlCfg } from '../../src/toolstack/xlcfg/parse-xl-cfg.js';
import { bootGuestHost, consoleLines, guestImage, runGuests } from '../guests/support/guest-host.js';

const MIB = 2 ** 20;

describe('a guest booted with the domU device tree', () => {
  it('finds in it what the xl.cfg asked for', async () => {
    const { spec } = parseXlCfg('name = "hello"\nkernel = "hello.elf"\nmemory = 2\nvcpus = 2\nextra = "greeting=yes quiet"\n', { file: 'hello.cfg' });
    const gh = await bootGuestHost();
    const deviceTree = buildGuestDeviceTree({
      memoryBytes: spec.memoryMiB * MIB, vcpus: spec.maxVcpus, bootargs: spec.cmdline,
      timebaseHz: gh.host.hv.config.timebaseHz, xenVersion: XEN_IDENTITY,
    });
    const domain = launchGuest(gh.host.xc, { elf: guestImage('hello'), memoryBytes: spec.memoryMiB * MIB, vcpus: spec.maxVcpus, deviceTree });
    const harts = await Promise.all(Array.from({ length: spec.maxVcpus }, (_, i) => Hart.load(gh.host.machine, i)));
    runGuests([{ program: 'hello', domain, runner: new GuestRunner(gh.host.hv, harts), harts }]);
    expect(consoleLines(gh, domain.domid)).toContain(
      'device tree: 2 vCPU(s), 2048 KiB of RAM at 0x80000000, timebase 10000000 Hz, bootargs "greeting=yes quiet"',
    );
    expect(domain.state).toBe('shutdown');
  });
});
