import { describe, expect, it } from 'vitest';
import { parseXlCfg, type XlCfgOptions } from '../../src/toolstack/xlcfg/parse-xl-cfg.js';
import { affinityOfVcpu } from '../../src/toolstack/xlcfg/domain-spec.js';
import { XlCfgError } from '../../src/toolstack/xlcfg/source-error.js';

const MINIMAL = 'name = "guest"\nkernel = "hello.elf"\n';
const parse = (text: string, options: XlCfgOptions = {}): ReturnType<typeof parseXlCfg> => parseXlCfg(text, { file: 'guest.cfg', ...options });

function errorOf(text: string, options: XlCfgOptions = {}): string {
  try {
    parse(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(XlCfgError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('xl.cfg to DomainSpec', () => {
  it('fills xl\'s defaults for a minimal file', () => {
    const { spec, warnings } = parse(MINIMAL);
    expect(warnings).toEqual([]);
    expect(spec).toEqual({
      name: 'guest', type: 'pvh', kernel: 'hello.elf', cmdline: '', memoryMiB: 32, maxMemoryMiB: 32, vcpus: 1, maxVcpus: 1,
      cpus: { kind: 'every-vcpu', set: { kind: 'all-except', excluded: [] } },
      cpusSoft: { kind: 'every-vcpu', set: { kind: 'all-except', excluded: [] } },
      onPoweroff: 'destroy', onReboot: 'restart', onCrash: 'destroy', onWatchdog: 'destroy',
      pool: 'Pool-0', weight: undefined, cap: 0,
    });
  });

  it('reads every key of a full file', () => {
    const { spec, warnings } = parse(`# a full guest
name = "web-1"; type = "pvh"
kernel = "guests/build/hello.elf"
cmdline = "console=hvc0 quiet"
memory = 256
maxmem = "01000"
vcpus = 2
maxvcpus = 4
cpus = "0-3,^2"
cpus_soft = [ "1", 'all,^0', ]
on_poweroff = "preserve"
on_reboot = "rename-restart"
on_crash = "coredump-restart"
on_watchdog = "coredump-destroy"
pool = "fast"
weight = 512
cap = 150
`);
    expect(warnings).toEqual([]);
    expect(spec).toMatchObject({
      name: 'web-1', kernel: 'guests/build/hello.elf', cmdline: 'console=hvc0 quiet', memoryMiB: 256, maxMemoryMiB: 512,
      vcpus: 2, maxVcpus: 4, cpus: { kind: 'every-vcpu', set: { kind: 'only', cpus: [0, 1, 3] } },
      onPoweroff: 'preserve', onReboot: 'rename-restart', onCrash: 'restart', onWatchdog: 'destroy',
      pool: 'fast', weight: 512, cap: 150,
    });
    expect(affinityOfVcpu(spec.cpusSoft, 0)).toEqual({ kind: 'only', cpus: [1] });
    expect(affinityOfVcpu(spec.cpusSoft, 1)).toEqual({ kind: 'all-except', excluded: [0] });
    expect(affinityOfVcpu(spec.cpusSoft, 3)).toEqual({ kind: 'all-except', excluded: [] });
  });

  it('builds the command line the way xl does from cmdline, root and extra', () => {
    expect(parse(`${MINIMAL}extra = "console=hvc0"`).spec.cmdline).toBe('console=hvc0');
    expect(parse(`${MINIMAL}root = "/dev/xvda"\nextra = "ro"`).spec.cmdline).toBe('root=/dev/xvda ro');
    const both = parse(`${MINIMAL}extra = "ro"\ncmdline = "quiet"`);
    expect(both.spec.cmdline).toBe('quiet');
    expect(both.warnings).toEqual(['guest.cfg:3:1: warning: ignoring root= and extra= in favour of cmdline=']);
  });

  it('warns about each unknown key with its place, and still parses', () => {
    const { spec, warnings } = parse(`${MINIMAL}vif = [ "bridge=xenbr0" ]\n  uuid = "x"`);
    expect(spec.name).toBe('guest');
    expect(warnings).toEqual([
      "guest.cfg:3:1: warning: unknown key 'vif' ignored",
      "guest.cfg:4:3: warning: unknown key 'uuid' ignored",
    ]);
  });

  it('lets the last setting of a key win, and overrides win over the file', () => {
    const { spec, warnings } = parse(`${MINIMAL}vcpus = 1\nvcpus = 2\nmemory = 64`, {
      overrides: ['vcpus=3', 'name="other"', 'cpus = ["1", "2"]', 'colour="red"'],
    });
    expect(spec).toMatchObject({ vcpus: 3, maxVcpus: 3, name: 'other', memoryMiB: 64 });
    expect(affinityOfVcpu(spec.cpus, 1)).toEqual({ kind: 'only', cpus: [2] });
    expect(warnings).toEqual(["<command line>:4:1: warning: unknown key 'colour' ignored"]);
  });

  it('appends with +=: strings concatenate, lists join, a first += assigns', () => {
    const { spec, warnings } = parse(`${MINIMAL}vcpus = 2\nextra = "console=hvc0"\nextra += " quiet"\ncpus += ["0"]\ncpus += [ "1" ]`, {
      overrides: ['extra+=" debug"'],
    });
    expect(spec.cmdline).toBe('console=hvc0 quiet debug');
    expect(spec.cpus).toEqual({ kind: 'per-vcpu', sets: [{ kind: 'only', cpus: [0] }, { kind: 'only', cpus: [1] }] });
    expect(warnings).toEqual([]);
    expect(errorOf(`${MINIMAL}cpus = ["0"]\ncpus += "1"`)).toBe('guest.cfg:4:9: cpus: += cannot add a single value to a list');
    expect(errorOf(`${MINIMAL}extra = "a"\nextra += ["b"]`)).toBe('guest.cfg:4:10: extra: += cannot add a list to a single value');
  });

  it('reports a malformed override against the command line', () => {
    expect(errorOf(MINIMAL, { overrides: ['vcpus=2', 'memory=lots'] })).toBe(
      '<command line>:2:8: expected a value, found \'lots\' (strings need quotes: "lots")',
    );
  });

  it('warns when a per-vCPU list is longer than the vCPUs', () => {
    const { spec, warnings } = parse(`${MINIMAL}vcpus = 1\ncpus = ["0", "1"]`);
    expect(spec.cpus).toEqual({ kind: 'per-vcpu', sets: [{ kind: 'only', cpus: [0] }] });
    expect(warnings).toEqual(['guest.cfg:4:1: warning: cpus lists 2 entries for 1 vCPUs; the rest are ignored']);
  });

  it.each([
    ['kernel = "k"', "guest.cfg: 'name' must be set"],
    ['name = "g"', "guest.cfg: 'kernel' must be set"],
    [`${MINIMAL}memory = 0`, 'guest.cfg:3:10: memory: 0 MiB is out of range (must be 1..1042432 MiB)'],
    [`${MINIMAL}memory = 2000000`, 'guest.cfg:3:10: memory: 2000000 MiB is out of range (must be 1..1042432 MiB)'],
    [`${MINIMAL}memory = 512\nmaxmem = 256`, 'guest.cfg:3:10: memory: memory (512 MiB) must not exceed maxmem (256 MiB)'],
    [`${MINIMAL}memory = "big"`, 'guest.cfg:3:10: memory: expected an integer, found "big"'],
    [`${MINIMAL}memory = "64M"`, 'guest.cfg:3:10: memory: expected an integer, found "64M"'],
    [`${MINIMAL}memory = [1]`, 'guest.cfg:3:10: memory: expected an integer, found a list'],
    [`${MINIMAL}vcpus = 0`, 'guest.cfg:3:9: vcpus: 0 is out of range (must be 1..128)'],
    [`${MINIMAL}vcpus = 129`, 'guest.cfg:3:9: vcpus: 129 is out of range (must be 1..128)'],
    [`${MINIMAL}maxvcpus = 200`, 'guest.cfg:3:12: maxvcpus: 200 is out of range (must be 1..128)'],
    [`${MINIMAL}vcpus = 4\nmaxvcpus = 2`, 'guest.cfg:3:9: vcpus: vcpus (4) must not exceed maxvcpus (2)'],
    [`${MINIMAL}weight = 0`, 'guest.cfg:3:10: weight: 0 is out of range (must be 1..65535)'],
    [`${MINIMAL}weight = 65536`, 'guest.cfg:3:10: weight: 65536 is out of range (must be 1..65535)'],
    [`${MINIMAL}vcpus = 2\ncap = 201`, 'guest.cfg:4:7: cap: 201 is out of range (must be 0..200)'],
    ['name = ""\nkernel = "k"', 'guest.cfg:1:8: name: must not be empty'],
    ['name = "a/b"\nkernel = "k"', 'guest.cfg:1:8: name: "a/b" must not contain \'/\''],
    ['name = "Domain-0"\nkernel = "k"', 'guest.cfg:1:8: name: "Domain-0" is the control domain\'s name'],
    [`${MINIMAL}type = "hvm"`, 'guest.cfg:3:8: type: "hvm" is not supported (only "pvh" guests exist on RISC-V)'],
    [`${MINIMAL}on_crash = "explode"`, 'guest.cfg:3:12: on_crash: "explode" is not one of destroy, restart, preserve, rename-restart, coredump-destroy, coredump-restart'],
    [`${MINIMAL}pool = ""`, 'guest.cfg:3:8: pool: must not be empty'],
    [`${MINIMAL}cpus = "0-x"`, "guest.cfg:3:8: cpus: '0-x' is not a CPU number, a range like 0-3, or \"all\""],
    [`${MINIMAL}cpus = [ "1", "5-2" ]`, "guest.cfg:3:15: cpus: '5-2': the range ends before it starts"],
    [`${MINIMAL}cpus_soft = "^3"`, "guest.cfg:3:13: cpus_soft: '^3' selects no CPU"],
    [`${MINIMAL}cpus = "nodes:0"`, "guest.cfg:3:8: cpus: 'nodes:0': NUMA node affinity is not supported (the host has one node)"],
    [`${MINIMAL}cpus = "4096"`, "guest.cfg:3:8: cpus: '4096': CPU numbers go up to 4095"],
  ])('rejects %j naming the key', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});
