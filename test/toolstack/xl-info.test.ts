import { describe, expect, it } from 'vitest';
import { smallHost, xl } from './boot-host.js';

const FIELDS = [
  'host', 'release', 'version', 'machine', 'nr_cpus', 'max_cpu_id', 'nr_nodes', 'cores_per_socket', 'threads_per_core',
  'cpu_mhz', 'hw_caps', 'virt_caps', 'total_memory', 'free_memory', 'sharing_freed_memory', 'sharing_used_memory',
  'outstanding_claims', 'free_cpus', 'xen_major', 'xen_minor', 'xen_extra', 'xen_version', 'xen_caps', 'xen_scheduler',
  'xen_pagesize', 'platform_params', 'xen_changeset', 'xen_commandline', 'cc_compiler', 'cc_compile_by',
  'cc_compile_domain', 'cc_compile_date', 'build_id', 'xend_config_format',
];

describe('xl info', () => {
  it('prints every field in xl order, labels padded to 23 columns', async () => {
    const host = await smallHost({ nrCpus: 3, scheduler: 'null', commandLine: 'sched=null dom0_max_vcpus=1' });
    const { stdout, code } = await xl(host, 'info');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.slice(0, 23).trimEnd())).toEqual(FIELDS);
    for (const line of lines) expect(line[23]).toBe(':');
    const value = (name: string) => lines.find((l) => l.startsWith(`${name.padEnd(23)}:`))?.slice(24).replace(/^ /, '');
    const pi = host.xc.physinfo();
    const free = host.hv.frames.freeFrames;
    expect(value('nr_cpus')).toBe('3');
    expect(value('max_cpu_id')).toBe('2');
    expect(value('cpu_mhz')).toBe('10.000');
    expect(value('hw_caps')).toBe(Array(8).fill('00000000').join(':'));
    expect(lines.find((l) => l.startsWith('virt_caps'))).toBe('virt_caps              : hvm hap gnttab-v1');
    expect(value('total_memory')).toBe(String(Number(pi.total_pages) / 256));
    expect(value('free_memory')).toBe(String(Math.floor(free / 256)));
    expect(value('free_cpus')).toBe('0');
    expect(value('xen_version')).toBe(`4.18${host.hv.identity.extraVersion}`);
    expect(value('xen_caps')).toBe('xen-3.0-riscv64');
    expect(value('xen_scheduler')).toBe('null');
    expect(value('xen_pagesize')).toBe('4096');
    expect(value('platform_params')).toBe('virt_start=0x0');
    expect(value('xen_commandline')).toBe('sched=null dom0_max_vcpus=1');
    expect(value('build_id')).toMatch(/^[0-9a-f]{40}$/);
    expect(value('xend_config_format')).toBe('4');
  });

  it('prints one value for `xl info FIELD`, and fails for an unknown field', async () => {
    const host = await smallHost();
    expect(await xl(host, 'info', 'xen_caps')).toEqual({ stdout: 'xen-3.0-riscv64\n', stderr: '', code: 0 });
    expect((await xl(host, 'info', 'virt_caps')).stdout).toBe('hvm hap gnttab-v1\n');
    const bad = await xl(host, 'info', 'nonsense');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no field 'nonsense'/);
  });

  it('really asks Xen: the values follow the hypercalls, not constants', async () => {
    const host = await smallHost();
    const before = (await xl(host, 'info', 'free_memory')).stdout;
    const d = host.hv.createDomain({ ssidref: 0, handle: new Uint8Array(16), flags: 3, maxVcpus: 1, maxEvtchnPort: 0, maxGrantFrames: 1, maxMaptrackFrames: 1, cpupool: 0 });
    if (typeof d === 'number') throw new Error('create failed');
    d.maxPages = 1024;
    d.populate(0x80000, 1024);
    const after = Number((await xl(host, 'info', 'free_memory')).stdout);
    expect(after).toBe(Math.floor(host.hv.frames.freeFrames / 256));
    expect(after).toBeLessThanOrEqual(Number(before) - 4);
  });
});
