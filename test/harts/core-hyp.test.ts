import { describe, expect, it } from 'vitest';
import { rv, li, encode, poke, testMachine, PageTables, PTE, CSR, ExitReason, type TestMachine } from './core-support.js';

const SV39 = 8n << 60n;
const SV39X4 = 8n << 60n;
const G_ROOT = 0x8020_0000n; // 16 KiB aligned
const VS_TABLES = 0x8030_0000n;
const GUEST_CODE = 0x8000_1000n; // GPA = PA (identity gigapage)
const UNMAPPED_GPA = 0xc000_1000n;

/** A guest at V=1: G-stage identity-maps GPA 2..3 GiB; VS-stage maps VA 0x1000 → code, VA 0x2000 → unmapped GPA. */
function guest(t: TestMachine, program: number[], vsStage = true): void {
  const g = new PageTables(t.machine, G_ROOT);
  const gRoot = g.alloc(16384n);
  g.map(gRoot, 0x8000_0000n, 0x8000_0000n, PTE.R | PTE.W | PTE.X | PTE.U | PTE.A | PTE.D, 2, true);
  t.hart.writeCsr(CSR.hgatp, SV39X4 | (5n << 44n) | (gRoot >> 12n));
  if (vsStage) {
    const vs = new PageTables(t.machine, VS_TABLES);
    const root = vs.alloc();
    vs.map(root, 0x1000n, GUEST_CODE, PTE.R | PTE.X | PTE.A);
    vs.map(root, 0x2000n, UNMAPPED_GPA, PTE.R | PTE.W | PTE.A | PTE.D);
    t.hart.writeCsr(CSR.vsatp, SV39 | (root >> 12n));
  }
  poke(t.machine, GUEST_CODE, encode(program));
  t.hart.privilege = 1;
  t.hart.virt = true;
  t.hart.pc = vsStage ? 0x1000n : GUEST_CODE;
}

describe('hart core: H extension, hypervisor-exit mode', () => {
  it('exits on ecall from VS and on a guest-page fault with the GPA and the decoded load', async () => {
    const t = await testMachine();
    t.hart.trapMode = 'hypervisor';
    guest(t, [rv.addi(17, 0, 0x123), rv.ecall(), ...li(10, 0x2000n), rv.lw(11, 10, 0x24), rv.sd(11, 10, 0x30), rv.wfi()]);
    expect(t.hart.run(1000)).toBe(ExitReason.EcallFromVS);
    expect(t.hart.exit.cause).toBe(10n);
    expect(t.hart.exit.pc).toBe(0x1004n);
    expect(t.hart.getX(17)).toBe(0x123n);
    t.hart.completeMmio();
    expect(t.hart.run(1000)).toBe(ExitReason.GuestPageFault);
    expect(t.hart.exit.cause).toBe(21n);
    expect(t.hart.exit.gpa).toBe(UNMAPPED_GPA + 0x24n);
    expect(t.hart.exit.tval).toBe(0x2024n);
    expect(t.hart.exit.access).toMatchObject({ paddr: UNMAPPED_GPA + 0x24n, size: 4, store: false, rd: 11, signed: true });
    t.hart.completeMmio(0xdead_beefn);
    expect(t.hart.getX(11)).toBe(0xffff_ffff_dead_beefn);
    expect(t.hart.run(1000)).toBe(ExitReason.GuestPageFault);
    expect(t.hart.exit.cause).toBe(23n);
    expect(t.hart.exit.access).toMatchObject({ paddr: UNMAPPED_GPA + 0x30n, size: 8, store: true, value: 0xffff_ffff_dead_beefn });
    t.hart.completeMmio();
    expect(t.hart.run(1000)).toBe(ExitReason.Wfi);
    expect(t.hart.virt).toBe(true);
  });

  it('delivers delegated faults inside the guest and injects VSSIP through hvip', async () => {
    const t = await testMachine();
    t.hart.trapMode = 'hypervisor';
    // Guest: vstvec → handler (ecall); touch unmapped VA 0x3000 (VS-stage page fault, delegated).
    const handler = 0x1000n + 0x100n;
    const code = [...li(5, handler), rv.csrrw(0, CSR.stvec, 5), ...li(10, 0x3000n), rv.ld(11, 10, 0)];
    while (code.length < 0x40) code.push(rv.nop());
    code.push(rv.ecall(), rv.wfi());
    guest(t, code);
    t.hart.writeCsr(CSR.medeleg, 1n << 13n);
    t.hart.writeCsr(CSR.hedeleg, 1n << 13n);
    expect(t.hart.run(1000)).toBe(ExitReason.EcallFromVS);
    expect(t.hart.exit.pc).toBe(handler);
    expect(t.hart.readCsr(CSR.vscause)).toBe(13n);
    expect(t.hart.readCsr(CSR.vstval)).toBe(0x3000n);
    expect(t.hart.readCsr(CSR.vsepc)).toBe(0x1000n + 4n * BigInt(li(5, handler).length + 1 + li(10, 0x3000n).length));
    // Interrupt: hideleg VSSI, guest sie.SSIE and sstatus.SIE; hvip.VSSIP posted from "another thread".
    t.hart.completeMmio();
    t.hart.writeCsr(CSR.hideleg, 1n << 2n);
    t.hart.writeCsr(CSR.vsie, 1n << 1n);
    t.hart.writeCsr(CSR.vsstatus, 1n << 1n);
    t.machine.setInterruptPending(0, 2, true);
    expect(t.hart.readCsr(CSR.vsip)).toBe(2n);
    expect(t.hart.run(1000)).toBe(ExitReason.EcallFromVS);
    expect(t.hart.readCsr(CSR.vscause)).toBe((1n << 63n) | 1n);
    expect(t.hart.exit.pc).toBe(handler);
  });

  it('exits with VirtualInstruction for hfence in VS and with Wfi for wfi', async () => {
    const t = await testMachine();
    t.hart.trapMode = 'hypervisor';
    guest(t, [rv.hfenceGvma(), rv.wfi()], false);
    expect(t.hart.run(100)).toBe(ExitReason.VirtualInstruction);
    expect(t.hart.exit.insn).toBe(rv.hfenceGvma());
    t.hart.completeMmio();
    expect(t.hart.run(100)).toBe(ExitReason.Wfi);
  });
});

describe('hart core: timers at V=1 (Sstc)', () => {
  it('fires the guest timer when time + htimedelta reaches vstimecmp, exactly', async () => {
    const t = await testMachine();
    t.hart.trapMode = 'hypervisor';
    const handler = GUEST_CODE + 0x100n;
    poke(t.machine, handler, encode([rv.csrrs(20, CSR.time, 0), rv.ecall()]));
    guest(t, [rv.addi(5, 5, 1), rv.jal(0, -4)], false);
    t.hart.writeCsr(CSR.menvcfg, 1n << 63n);
    t.hart.writeCsr(CSR.henvcfg, 1n << 63n);
    t.hart.writeCsr(CSR.mcounteren, 2n);
    t.hart.writeCsr(CSR.hcounteren, 2n);
    t.hart.writeCsr(CSR.htimedelta, 1000n);
    t.hart.writeCsr(CSR.vstimecmp, 1030n); // guest time 1030 = host time 30 = 3000 instructions
    t.hart.writeCsr(CSR.hideleg, 1n << 6n);
    t.hart.writeCsr(CSR.vsie, 1n << 5n);
    t.hart.writeCsr(CSR.vsstatus, 1n << 1n);
    t.hart.writeCsr(CSR.vstvec, handler);
    expect(t.hart.run(100_000)).toBe(ExitReason.EcallFromVS);
    expect(t.hart.readCsr(CSR.vscause)).toBe((1n << 63n) | 5n);
    expect(t.hart.getX(5)).toBe(1500n); // 3000 instructions of the two-instruction loop
    expect(t.hart.getX(20)).toBe(1030n); // the guest reads time + htimedelta
  });

  it('exits with Interrupt when an HS/M interrupt arrives at V=1', async () => {
    const t = await testMachine();
    t.hart.trapMode = 'hypervisor';
    guest(t, [rv.addi(5, 5, 1), rv.jal(0, -4)], false);
    t.hart.writeCsr(CSR.mie, 1n << 7n);
    t.machine.setTimerCompare(0, 'mtimecmp', 7n);
    expect(t.hart.run(100_000)).toBe(ExitReason.Interrupt);
    expect(t.hart.exit.cause).toBe((1n << 63n) | 7n);
    expect(t.hart.instret).toBe(700n);
    expect(t.hart.virt).toBe(true);
  });
});

describe('hart core: H extension, architectural mode', () => {
  it('traps a guest-page fault from VS to M with mtval2 = GPA >> 2, GVA and MPV', async () => {
    const t = await testMachine();
    poke(t.machine, 0x8000_0000n, encode([rv.wfi()]));
    t.hart.writeCsr(CSR.mtvec, 0x8000_0000n);
    guest(t, [...li(10, 0x2000n), rv.ld(11, 10, 8)]);
    expect(t.hart.run(100)).toBe(ExitReason.Wfi);
    expect(t.hart.readCsr(CSR.mcause)).toBe(21n);
    expect(t.hart.readCsr(CSR.mtval)).toBe(0x2008n);
    expect(t.hart.readCsr(CSR.mtval2)).toBe((UNMAPPED_GPA + 8n) >> 2n);
    const mstatus = t.hart.readCsr(CSR.mstatus);
    expect((mstatus >> 39n) & 1n).toBe(1n); // MPV
    expect((mstatus >> 38n) & 1n).toBe(1n); // GVA
    expect(t.hart.virt).toBe(false);
  });

  it('enters VS with mret (MPV=1) and routes ecall from VS to HS when medeleg says so', async () => {
    const t = await testMachine();
    const hsHandler = 0x8000_0800n;
    poke(t.machine, hsHandler, encode([rv.wfi()]));
    guest(t, [rv.ecall()], false);
    t.hart.virt = false;
    t.hart.privilege = 3;
    t.hart.writeCsr(CSR.medeleg, 1n << 10n);
    t.hart.writeCsr(CSR.stvec, hsHandler);
    t.hart.writeCsr(CSR.mepc, GUEST_CODE);
    t.hart.writeCsr(CSR.mstatus, (1n << 39n) | (1n << 11n)); // MPV, MPP = S
    poke(t.machine, 0x8000_0000n, encode([rv.mret()]));
    t.hart.pc = 0x8000_0000n;
    expect(t.hart.run(100)).toBe(ExitReason.Wfi);
    expect(t.hart.readCsr(CSR.scause)).toBe(10n);
    expect(t.hart.readCsr(CSR.sepc)).toBe(GUEST_CODE);
    expect((t.hart.readCsr(CSR.hstatus) >> 7n) & 1n).toBe(1n); // SPV
    expect(t.hart.privilege).toBe(1);
    expect(t.hart.virt).toBe(false);
  });
});
