// Real guest code on an emulated hart at VS: the domain builder makes the domain through
// domctl and memory_op, the guest's ecalls reach the dispatcher through the exit handler.
import { describe, expect, it } from 'vitest';
import { SHUTDOWN } from '../../src/hypervisor/abi/decl/sched-op.js';
import { Asm } from '../harts/support/asm.js';
import { writeElf } from '../harts/support/elf-writer.js';
import { dataPlaneHost, launch, runUntil } from './parallel-host.js';

const EID = 0x0a00_0007;

/** a6 = nr, a1.. = args, ecall; a0 = result. */
function hypercall(asm: Asm, nr: number, ...args: (number | string)[]): Asm {
  asm.li('a7', EID).li('a6', nr);
  args.forEach((arg, i) => {
    const reg = (['a1', 'a2', 'a3', 'a4', 'a5'] as const)[i];
    if (typeof arg === 'number') asm.li(reg, arg);
    else asm.la(reg, arg);
  });
  return asm.ecall();
}

function text(asm: Asm, label: string, value: string): Asm {
  asm.align(8).label(label);
  const bytes = new TextEncoder().encode(value);
  for (let i = 0; i < bytes.length; i += 4) asm.word(bytes[i] | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24));
  return asm;
}

describe('a VS-mode guest calling Xen', () => {
  it('prints through console_io, reads xen_version, is denied sysctl, and shuts down with its reason', async () => {
    const dp = await dataPlaneHost('deterministic', 1);
    const { host } = dp;
    const asm = new Asm(0x8000_0000n);
    hypercall(asm, 18, 0, 12, 'hello');                 // console_io write "hello guest\n"
    asm.la('s1', 'results').sd('a0', 's1', 0);
    hypercall(asm, 17, 0, 0);                           // xen_version(XENVER_version)
    asm.sd('a0', 's1', 8);
    hypercall(asm, 35, 'sysctl');                       // sysctl from a domU
    asm.sd('a0', 's1', 16);
    asm.li('a7', 0x10).li('a6', 1).ecall();             // SBI base: implementation id
    asm.sd('a1', 's1', 24);
    asm.li('t0', 10_000).label('burn').addi('t0', 't0', -1).bne('t0', 'zero', 'burn');
    hypercall(asm, 29, 2, 'reason');                    // SCHEDOP_shutdown(reboot)
    asm.label('spin').j('spin');
    text(asm, 'hello', 'hello guest\n');
    asm.align(8).label('sysctl').word(3).word(0x15).dwords(16);
    asm.align(8).label('reason').word(SHUTDOWN.reboot).word(0);
    asm.align(8).label('results').dwords(4);
    const elf = writeElf({ entry: asm.base, segments: [{ paddr: asm.base, data: asm.assemble() }] });

    const domain = await launch(dp, elf);
    expect(domain.state).toBe('running');
    await runUntil(dp, () => domain.state !== 'running', 10_000);

    expect(domain.state).toBe('shutdown');
    expect(domain.lifecycle.shutdownCode).toBe(SHUTDOWN.reboot);
    expect(host.hv.console.contents()).toContain(`(d${domain.domid}) hello guest\n`);
    const results = domain.memory.read(Number(asm.address('results')), 32);
    const view = new DataView(results.buffer);
    expect(view.getBigInt64(0, true)).toBe(0n);
    expect(view.getBigInt64(8, true)).toBe(BigInt((4 << 16) | 18));
    expect(view.getBigInt64(16, true)).toBe(-1n); // -EPERM
    expect(view.getBigInt64(24, true)).toBe(7n);
    // About 20 000 instructions at 1 GHz: the vCPU's running time, in virtual ns.
    expect(domain.vcpus[0].cpuTime()).toBeGreaterThanOrEqual(19_000);
    expect(domain.vcpus[0].cpuTime()).toBeLessThan(25_000);
  });
});
