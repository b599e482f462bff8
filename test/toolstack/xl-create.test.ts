// `xl create` end to end on deterministic harts: real guests boot from the domain builder,
// the supervisor applies on_* actions, and every failure leaves the host as it was.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeElf } from '../harts/support/elf-writer.js';
import { consoleLines } from '../hypervisor/parallel-host.js';
import { xl } from './boot-host.js';
import { createHost, domidOf, guestElf, hostFootprint, runFor, settle, writeConfig } from './create-support.js';

const hello = (extra: string[] = []): string[] => ['name = "hello"', `kernel = "${guestElf('hello')}"`, 'memory = 2', 'extra = "greeting=yes"', ...extra];
const PAGES_PER_MIB = 256n;

describe('xl create', () => {
  it('boots hello: its text on the console, then on_poweroff=destroy leaves no trace', async () => {
    const dp = await createHost();
    const before = await hostFootprint(dp.host);
    const created = await xl(dp.host, 'create', writeConfig(hello()));
    expect(created).toMatchObject({ code: 0, stderr: expect.stringMatching(/^Parsing config from .*guest\.cfg\n$/) });
    const domid = await domidOf(dp.host, 'hello');
    expect(domid).toBeDefined();
    expect((await xl(dp.host, 'list', 'hello')).stdout).toMatch(/^hello\s+\d+\s+2\s+1\s/m);
    expect(await runFor(dp, () => dp.host.hv.domain(domid as number) === undefined)).toBe(true);
    expect(consoleLines(dp, domid as number)).toEqual([
      'hello from a xenrv guest on Xen 4.18 (SBI implementation 7)',
      'device tree: 1 vCPU(s), 2048 KiB of RAM at 0x80000000, timebase 10000000 Hz, bootargs "greeting=yes"',
    ]);
    expect((await xl(dp.host, 'list')).stdout).not.toMatch(/^hello /m);
    expect(await hostFootprint(dp.host)).toEqual(before);
  });

  it("-c shows the guest's text on its console until it is gone, then xl list no longer shows it", async () => {
    const dp = await createHost();
    const config = fileURLToPath(new URL('../../guests/hello/hello.cfg', import.meta.url));
    let finished = false;
    const session = xl(dp.host, 'create', '-c', config).finally(() => (finished = true));
    let domid: number | undefined;
    while (domid === undefined) {
      await new Promise((resolve) => setImmediate(resolve));
      domid = await domidOf(dp.host, 'hello');
    }
    expect(await runFor(dp, () => dp.host.hv.domain(domid) === undefined)).toBe(true);
    await settle(dp.host);
    expect(finished).toBe(true);
    const { code, stdout } = await session;
    expect(code).toBe(0);
    expect(stdout).toBe(
      'hello from a xenrv guest on Xen 4.18 (SBI implementation 7)\n' +
      'device tree: 1 vCPU(s), 1024 KiB of RAM at 0x80000000, timebase 10000000 Hz, bootargs "greeting"\n',
    );
    expect((await xl(dp.host, 'list')).stdout).not.toMatch(/^hello /m);
  });

  it('takes free memory by the domain size (RAM + 4 magic pages) and returns it to the page', async () => {
    const dp = await createHost();
    const free = (): bigint => BigInt(dp.host.xc.physinfo().free_pages);
    const before = free();
    expect((await xl(dp.host, 'create', '-p', writeConfig(hello(['memory = 8'])))).code).toBe(0);
    const domain = dp.host.hv.domain((await domidOf(dp.host, 'hello')) as number);
    expect(domain?.totPages).toBe(8 * 256 + 4);
    // Besides its pages the domain holds Xen's: G-stage tables, shared_info, grant frames.
    expect(before - free()).toBeGreaterThanOrEqual(8n * PAGES_PER_MIB + 4n);
    expect((await xl(dp.host, 'destroy', 'hello')).code).toBe(0);
    await settle(dp.host);
    expect(free()).toBe(before);
  });

  it('writes the nodes libxl writes and introduces the domain to xenstored', async () => {
    const dp = await createHost();
    await xl(dp.host, 'create', '-p', writeConfig(hello(['vcpus = 2', 'maxvcpus = 3'])));
    const domid = (await domidOf(dp.host, 'hello')) as number;
    const home = `/local/domain/${domid}`;
    const read = (path: string) => dp.host.xs.read(`${home}/${path}`);
    expect(await read('domid')).toBe(String(domid));
    expect(await read('memory/target')).toBe('2048');
    expect(await read('cpu/1/availability')).toBe('online');
    expect(await read('cpu/2/availability')).toBe('offline');
    expect(await read('console/type')).toBe('xenconsoled');
    expect(Number(await read('store/ring-ref'))).toBe(0x39001);
    expect(Number(await read('console/ring-ref'))).toBe(0x39000);
    expect(await dp.host.xs.getPerms(`${home}/name`)).toEqual(['n0', `r${domid}`]);
    expect(await dp.host.xs.getPerms(`${home}/device`)).toEqual([`n${domid}`]);
    expect(dp.host.xenstored.domains.isIntroduced(domid)).toBe(true);
    expect(await dp.host.xs.read(`/vm/${(await read('vm')).slice(4)}/name`)).toBe('hello');
  });

  it('-p leaves the guest paused until xl unpause', async () => {
    const dp = await createHost();
    await xl(dp.host, 'create', '-p', writeConfig(hello()));
    const domid = (await domidOf(dp.host, 'hello')) as number;
    await runFor(dp, () => false, 2000);
    expect(consoleLines(dp, domid)).toEqual([]);
    expect((await xl(dp.host, 'list', 'hello')).stdout).toMatch(/--p---/);
  });

  it('on_poweroff=preserve keeps the guest in state s', async () => {
    const dp = await createHost();
    await xl(dp.host, 'create', writeConfig(hello(['on_poweroff = "preserve"'])));
    const domid = (await domidOf(dp.host, 'hello')) as number;
    await runFor(dp, () => dp.host.hv.domain(domid)?.state === 'shutdown');
    const row = (await xl(dp.host, 'list', 'hello')).stdout.split('\n')[1];
    expect(row.trim().split(/\s+/)[4]).toBe('---s--');
  });

  it('on_crash=restart brings the crashing guest back with a new domid; destroy leaves it gone', async () => {
    const dp = await createHost();
    const cfg = ['name = "crasher"', `kernel = "${guestElf('shutdown')}"`, 'memory = 2', 'extra = "reason=crash via=trap"', 'on_crash = "restart"'];
    await xl(dp.host, 'create', writeConfig(cfg));
    const first = (await domidOf(dp.host, 'crasher')) as number;
    expect(await runFor(dp, () => dp.host.hv.domain(first) === undefined)).toBe(true);
    const second = await domidOf(dp.host, 'crasher');
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect((await xl(dp.host, 'destroy', 'crasher')).code).toBe(0);
    await settle(dp.host);
    expect(await domidOf(dp.host, 'crasher')).toBeUndefined();
    expect(dp.host.hv.domains().map((d) => d.domid)).toEqual([0]);
  });

  it('applies KEY=VALUE overrides after the file', async () => {
    const dp = await createHost();
    await xl(dp.host, 'create', '-p', writeConfig(hello()), 'memory=4', 'name="other"');
    const domid = (await domidOf(dp.host, 'other')) as number;
    expect(await dp.host.xs.read(`/local/domain/${domid}/memory/target`)).toBe('4096');
  });
});

describe('xl create failures leave nothing behind', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['a malformed config', () => ['name = "bad"', 'memory = = 2'], /guest\.cfg:2:\d+: /],
    ['a value out of range', () => ['name = "bad"', `kernel = "${guestElf('hello')}"`, 'vcpus = 0'], /guest\.cfg:3:\d+: .*vcpus/],
    ['a kernel that is not an RV64 ELF', () => ['name = "bad"', `kernel = "${fileURLToPath(import.meta.url)}"`], /libxl: error: kernel .* is not an RV64 ELF image/],
    ['a missing kernel', () => ['name = "bad"', 'kernel = "no-such-kernel.elf"'], /libxl: error: cannot read kernel 'no-such-kernel.elf': No such file or directory/],
    ['more memory than is free', () => ['name = "bad"', `kernel = "${guestElf('hello')}"`, 'memory = 512'], /libxl: error: not enough free memory for domain 'bad'/],
  ];
  for (const [what, settings, message] of cases) {
    it(`${what}: exit 1, a clear error, the host unchanged`, async () => {
      const dp = await createHost();
      const before = await hostFootprint(dp.host);
      const result = await xl(dp.host, 'create', writeConfig(settings()));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      await settle(dp.host);
      expect(await hostFootprint(dp.host)).toEqual(before);
    });
  }

  it('a name already in use is refused', async () => {
    const dp = await createHost();
    await xl(dp.host, 'create', '-p', writeConfig(hello()));
    const before = await hostFootprint(dp.host);
    const again = await xl(dp.host, 'create', writeConfig(hello()));
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('Domain with name "hello" already exists.') });
    expect(await hostFootprint(dp.host)).toEqual(before);
  });

  it('a failure half way through (no room left for the device tree) undoes every step', async () => {
    const dp = await createHost();
    const before = await hostFootprint(dp.host);
    // A kernel filling all of its 1 MiB of RAM: the domain exists and is populated and
    // loaded before the builder finds no place for the device tree.
    const kernel = join(mkdtempSync(join(tmpdir(), 'xenrv-kernel-')), 'fat.elf');
    writeFileSync(kernel, writeElf({ entry: 0x80000000n, segments: [{ paddr: 0x80000000n, data: new Uint8Array(16), memsz: 1024 * 1024 }] }));
    const result = await xl(dp.host, 'create', writeConfig(['name = "fat"', `kernel = "${kernel}"`, 'memory = 1']));
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('libxl: error: the kernel leaves no room for the device tree in 1 MiB of RAM') });
    await settle(dp.host);
    expect(await hostFootprint(dp.host)).toEqual(before);
  });

  it('a missing config file', async () => {
    const dp = await createHost();
    const result = await xl(dp.host, 'create', 'no-such.cfg');
    expect(result).toMatchObject({ code: 1, stderr: 'Parsing config from no-such.cfg\nFailed to read config file: no-such.cfg: No such file or directory\n' });
  });
});
