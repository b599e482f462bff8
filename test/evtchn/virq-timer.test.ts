// VIRQ_TIMER on the data plane: a guest that bound it wakes from sched_op block at its
// Xen timer with the timer's port pending and the event upcall (sip.SSIP) raised; a guest
// that did not bind it gets the timer interrupt (sip.STIP) as before.
import { afterEach, describe, expect, it } from 'vitest';
import { EVTCHNOP } from '../../src/hypervisor/abi/decl/event-channel.js';
import { HYPERCALL, XEN_HYPERCALL } from '../../src/hypervisor/abi/decl/hypercalls.js';
import { SCHEDOP, SHUTDOWN } from '../../src/hypervisor/abi/decl/sched-op.js';
import { VCPUOP } from '../../src/hypervisor/abi/decl/vcpu.js';
import { VIRQ } from '../../src/hypervisor/abi/decl/xen.js';
import type { ExecutionMode } from '../../src/hypervisor/dataplane/guest-harts.js';
import { Asm } from '../harts/support/asm.js';
import { writeElf } from '../harts/support/elf-writer.js';
import { type DataPlaneHost, dataPlaneHost, launch, runUntil } from '../hypervisor/parallel-host.js';

const CSR_TIME = 0xc01;
const CSR_SIP = 0x144;
const SIP_SSIP = 1n << 1n;
const SIP_STIP = 1n << 5n;

function hypercall(asm: Asm, nr: number, ...args: (number | string)[]): Asm {
  asm.li('a7', XEN_HYPERCALL.EID).li('a6', nr);
  args.forEach((arg, i) => {
    const reg = (['a1', 'a2', 'a3', 'a4', 'a5'] as const)[i]!;
    if (typeof arg === 'number') asm.li(reg, arg);
    else asm.la(reg, arg);
  });
  return asm.ecall();
}

/** Optionally binds VIRQ_TIMER, arms the Xen timer 1 ms ahead, blocks, then records sip and powers off. */
function timerGuest(bindVirq: boolean): { elf: Uint8Array; results: number; boundPort: number } {
  const asm = new Asm(0x8000_0000n);
  asm.la('s1', 'results');
  if (bindVirq) {
    hypercall(asm, HYPERCALL.event_channel_op, EVTCHNOP.bind_virq, 'bind');
    asm.sd('a0', 's1', 0);
  }
  // deadline = time × 100 ns (64 + 32 + 4, by shifts) + 1 ms
  asm.csrr('t1', CSR_TIME).slli('t0', 't1', 6).slli('t2', 't1', 5).add('t0', 't0', 't2').slli('t2', 't1', 2).add('t0', 't0', 't2');
  asm.li('t1', 1_000_000).add('t0', 't0', 't1');
  asm.la('t2', 'timer').sd('t0', 't2', 0);
  hypercall(asm, HYPERCALL.vcpu_op, VCPUOP.set_singleshot_timer, 0, 'timer');
  hypercall(asm, HYPERCALL.sched_op, SCHEDOP.block, 0);
  asm.csrr('t0', CSR_SIP).sd('t0', 's1', 8);
  hypercall(asm, HYPERCALL.sched_op, SCHEDOP.shutdown, 'reason');
  asm.label('hang').j('hang');
  asm.align(8).label('bind').word(VIRQ.TIMER).word(0).word(0).word(0);
  asm.align(8).label('timer').dwords(2);
  asm.align(8).label('reason').word(SHUTDOWN.poweroff).word(0);
  asm.align(8).label('results').dwords(2);
  return { elf: writeElf({ entry: asm.base, segments: [{ paddr: asm.base, data: asm.assemble() }] }), results: Number(asm.address('results')), boundPort: Number(asm.address('bind')) + 8 };
}

let hosts: DataPlaneHost[] = [];
afterEach(() => {
  for (const dp of hosts) dp.host.shutdown();
  hosts = [];
});

describe.each<[ExecutionMode, number]>([['deterministic', 100_000], ['parallel', 10_000]])('VIRQ_TIMER, %s mode', (mode, limit) => {
  it('a bound VIRQ_TIMER turns the Xen timer into an event: port pending, upcall raised, no timer interrupt', async () => {
    const dp = await dataPlaneHost(mode, 2);
    hosts.push(dp);
    const guest = timerGuest(true);
    const domain = await launch(dp, guest.elf);
    expect(await runUntil(dp, () => domain.state === 'shutdown', limit)).toBe(true);
    expect(domain.memory.readU64(guest.results)).toBe(0n);
    const port = domain.memory.readU32(guest.boundPort);
    // The first free port: the builder took two for the console and xenstore.
    expect(port).toBe(3);
    const events = dp.host.hv.events;
    expect(events.twoLevel.isPending(domain, port)).toBe(true);
    const sip = domain.memory.readU64(guest.results + 8);
    expect(sip & SIP_SSIP).toBe(SIP_SSIP);
    expect(sip & SIP_STIP).toBe(0n);
  });

  it('without VIRQ_TIMER the Xen timer injects the timer interrupt', async () => {
    const dp = await dataPlaneHost(mode, 2);
    hosts.push(dp);
    const guest = timerGuest(false);
    const domain = await launch(dp, guest.elf);
    expect(await runUntil(dp, () => domain.state === 'shutdown', limit)).toBe(true);
    const sip = domain.memory.readU64(guest.results + 8);
    expect(sip & SIP_STIP).toBe(SIP_STIP);
    expect(sip & SIP_SSIP).toBe(0n);
  });
});
