// Small guests assembled for the data-plane tests: a spinner that counts forever, and a
// sleeper that blocks on its Xen timer and then waits in wfi for its SBI timer, noting
// the guest time around each sleep.
import { SCHEDOP, SHUTDOWN } from '../../src/hypervisor/abi/decl/sched-op.js';
import { VCPUOP } from '../../src/hypervisor/abi/decl/vcpu.js';
import { HYPERCALL, XEN_HYPERCALL } from '../../src/hypervisor/abi/decl/hypercalls.js';
import { SBI_EXT } from '../../src/hypervisor/abi/decl/sbi.js';
import type { Domain } from '../../src/hypervisor/domain.js';
import { Asm } from '../harts/support/asm.js';
import { writeElf } from '../harts/support/elf-writer.js';

const CSR_TIME = 0xc01;
const CSR_SIE = 0x104;
const SIE_STIE = 1 << 5;

type Arg = number | string;
type Reg = Parameters<Asm['li']>[0];

/** ecall with a7 = Xen's EID, a6 = nr, a1.. = args (numbers or label addresses); result in a0. */
function hypercall(asm: Asm, nr: number, ...args: Arg[]): Asm {
  asm.li('a7', XEN_HYPERCALL.EID).li('a6', nr);
  args.forEach((arg, i) => {
    const reg = (['a1', 'a2', 'a3', 'a4', 'a5'] as const)[i]!;
    if (typeof arg === 'number') asm.li(reg, arg);
    else asm.la(reg, arg);
  });
  return asm.ecall();
}

/** rd = rs × 100 (timebase ticks to ns), through shifts. */
function ticksToNs(asm: Asm, rd: Reg, rs: Reg, scratch: Reg): Asm {
  return asm.slli(rd, rs, 6).slli(scratch, rs, 5).add(rd, rd, scratch).slli(scratch, rs, 2).add(rd, rd, scratch);
}

function image(asm: Asm): Uint8Array {
  return writeElf({ entry: asm.base, segments: [{ paddr: asm.base, data: asm.assemble() }] });
}

/** Counts in `count` forever; every 2048 iterations it also calls xen_version (a fast path). */
export function spinner(): { elf: Uint8Array; count: bigint } {
  const asm = new Asm(0x8000_0000n);
  asm.la('s1', 'count').li('s2', 0);
  asm.label('loop').addi('s2', 's2', 1).sd('s2', 's1', 0);
  asm.andi('t0', 's2', 0x7ff).bne('t0', 'zero', 'loop');
  hypercall(asm, HYPERCALL.xen_version, 0, 0);
  asm.j('loop');
  asm.align(4096).label('count').dwords(1);
  return { elf: image(asm), count: asm.address('count') };
}

export interface SleeperResults {
  /** Guest time (ticks) before arming the Xen timer, and the deadline it armed (ns). */
  before: bigint;
  deadlineNs: bigint;
  /** Guest time after sched_op block returned. */
  afterBlock: bigint;
  /** Guest time after wfi returned (the SBI timer was armed at afterBlock + sbiDelay). */
  afterWfi: bigint;
}

/** Sleeps `xenDelayNs` in sched_op block (Xen singleshot timer), then `sbiDelayTicks` in wfi (SBI timer), then powers off. */
export function sleeper(xenDelayNs: number, sbiDelayTicks: number): { elf: Uint8Array; read(domain: Domain): SleeperResults } {
  const asm = new Asm(0x8000_0000n);
  asm.la('s1', 'results');
  asm.csrr('s2', CSR_TIME).sd('s2', 's1', 0);
  ticksToNs(asm, 't1', 's2', 't2').li('t2', xenDelayNs).add('t1', 't1', 't2');
  asm.la('t3', 'timer').sd('t1', 't3', 0).sd('t1', 's1', 8);
  hypercall(asm, HYPERCALL.vcpu_op, VCPUOP.set_singleshot_timer, 0, 'timer');
  hypercall(asm, HYPERCALL.sched_op, SCHEDOP.block, 0);
  asm.csrr('s3', CSR_TIME).sd('s3', 's1', 16);
  // SBI set_timer(now + delay) with the guest's timer interrupt enabled (sstatus.SIE stays clear).
  asm.li('t0', SIE_STIE).csrs(CSR_SIE, 't0');
  asm.li('t0', sbiDelayTicks).add('a0', 's3', 't0').li('a7', SBI_EXT.TIME).li('a6', 0).ecall();
  asm.wfi();
  asm.csrr('s4', CSR_TIME).sd('s4', 's1', 24);
  hypercall(asm, HYPERCALL.sched_op, SCHEDOP.shutdown, 'reason');
  asm.label('hang').j('hang');
  asm.align(8).label('timer').dwords(2);
  asm.align(8).label('reason').word(SHUTDOWN.poweroff).word(0);
  asm.align(8).label('results').dwords(4);
  const results = Number(asm.address('results'));
  return {
    elf: image(asm),
    read: (domain) => {
      const v = (i: number) => domain.memory.readU64(results + i * 8);
      return { before: v(0), deadlineNs: v(1), afterBlock: v(2), afterWfi: v(3) };
    },
  };
}
