// Trap delivery: exceptions and interrupts routed by medeleg/mideleg and, from V=1, by
// hedeleg/hideleg, exactly as hardware does (TRAP_MODE_ARCH). In TRAP_MODE_HYPERVISOR
// there is no RISC-V code in HS-mode: whatever would leave V=1 for HS (or M) becomes an
// exit with a decoded record instead, and the TypeScript hypervisor resumes with run().
import {
  HB_EXIT_CAUSE, HB_EXIT_TVAL, HB_EXIT_GPA, HB_EXIT_INSN, HB_EXIT_PC, HB_EXIT_LEN, HB_TRAP_MODE,
  TRAP_MODE_HYPERVISOR, EXIT_ECALL_VS, EXIT_GUEST_PAGE_FAULT, EXIT_VIRTUAL_INSTRUCTION, EXIT_INTERRUPT, EXIT_TRAP,
} from '../block-layout';
import * as B from './bits';
import { addInstret, effectiveMip, midelegValue } from './csr';
import { cr, cw, getPc, getPriv, getVirt, hbGet, hbSet, setPc, setPriv, setVirt, stopWith, setRecheck } from './state';

/** Causes whose tval is a virtual address (so GVA records whether it was a guest one). */
function tvalIsAddress(cause: i64): bool {
  return cause < 64 && ((<i64>1 << cause) & 0xb0b0fb) != 0; // 0,1,3,4,5,6,7,12,13,15,20,21,23
}
function isGuestPageFault(cause: i64): bool {
  return cause == B.CAUSE_FETCH_GUEST_PAGE || cause == B.CAUSE_LOAD_GUEST_PAGE || cause == B.CAUSE_STORE_GUEST_PAGE;
}

function vectorPc(tvec: i64, cause: i64, interrupt: bool): i64 {
  const base = tvec & ~3;
  return interrupt && (tvec & 3) == 1 ? base + (cause << 2) : base;
}

function enterM(cause: i64, tval: i64, gpa: i64, interrupt: bool): void {
  const priv = getPriv();
  const virt = getVirt();
  cw(B.CSR_MEPC, getPc());
  cw(B.CSR_MCAUSE, interrupt ? cause | B.INTERRUPT : cause);
  cw(B.CSR_MTVAL, tval);
  cw(B.CSR_MTVAL2, !interrupt && isGuestPageFault(cause) ? gpa >>> 2 : 0);
  let s = cr(B.CSR_MSTATUS);
  s &= ~(B.MPV | B.GVA | B.MPP | B.MPIE | B.MIE);
  if (virt) s |= B.MPV;
  if (virt && !interrupt && tvalIsAddress(cause)) s |= B.GVA;
  s |= (<i64>priv << B.MPP_SHIFT);
  if ((cr(B.CSR_MSTATUS) & B.MIE) != 0) s |= B.MPIE;
  cw(B.CSR_MSTATUS, s);
  setPriv(3);
  setVirt(false);
  setPc(vectorPc(cr(B.CSR_MTVEC), cause, interrupt));
}

function enterHS(cause: i64, tval: i64, gpa: i64, interrupt: bool): void {
  const priv = getPriv();
  const virt = getVirt();
  cw(B.CSR_SEPC, getPc());
  cw(B.CSR_SCAUSE, interrupt ? cause | B.INTERRUPT : cause);
  cw(B.CSR_STVAL, tval);
  cw(B.CSR_HTVAL, !interrupt && isGuestPageFault(cause) ? gpa >>> 2 : 0);
  let h = cr(B.CSR_HSTATUS) & ~(B.HS_SPV | B.HS_GVA);
  if (virt) h = (h & ~B.HS_SPVP) | B.HS_SPV | (priv != 0 ? B.HS_SPVP : 0);
  if (virt && !interrupt && tvalIsAddress(cause)) h |= B.HS_GVA;
  cw(B.CSR_HSTATUS, h);
  let s = cr(B.CSR_MSTATUS) & ~(B.SPP | B.SPIE | B.SIE);
  if (priv != 0) s |= B.SPP;
  if ((cr(B.CSR_MSTATUS) & B.SIE) != 0) s |= B.SPIE;
  cw(B.CSR_MSTATUS, s);
  setPriv(1);
  setVirt(false);
  setPc(vectorPc(cr(B.CSR_STVEC), cause, interrupt));
}

function enterVS(cause: i64, tval: i64, interrupt: bool): void {
  const guestCause = interrupt ? cause - 1 : cause; // VSSI/VSTI/VSEI appear as SSI/STI/SEI
  cw(B.CSR_VSEPC, getPc());
  cw(B.CSR_VSCAUSE, interrupt ? guestCause | B.INTERRUPT : guestCause);
  cw(B.CSR_VSTVAL, tval);
  let s = cr(B.CSR_VSSTATUS) & ~(B.SPP | B.SPIE | B.SIE);
  if (getPriv() != 0) s |= B.SPP;
  if ((cr(B.CSR_VSSTATUS) & B.SIE) != 0) s |= B.SPIE;
  cw(B.CSR_VSSTATUS, s);
  setPriv(1);
  setPc(vectorPc(cr(B.CSR_VSTVEC), guestCause, interrupt));
}

function exitToHypervisor(cause: i64, tval: i64, gpa: i64, insn: u32, len: i32, interrupt: bool): void {
  hbSet(HB_EXIT_CAUSE, interrupt ? cause | B.INTERRUPT : cause);
  hbSet(HB_EXIT_TVAL, tval);
  hbSet(HB_EXIT_GPA, gpa);
  hbSet(HB_EXIT_INSN, <i64>insn);
  hbSet(HB_EXIT_PC, getPc());
  hbSet(HB_EXIT_LEN, <i64>len);
  let reason = EXIT_TRAP;
  if (interrupt) reason = EXIT_INTERRUPT;
  else if (cause == B.CAUSE_ECALL_VS) reason = EXIT_ECALL_VS;
  else if (isGuestPageFault(cause)) reason = EXIT_GUEST_PAGE_FAULT;
  else if (cause == B.CAUSE_VIRTUAL_INSTRUCTION) reason = EXIT_VIRTUAL_INSTRUCTION;
  stopWith(reason);
}

@inline function hypervisorMode(): bool { return hbGet(HB_TRAP_MODE) == TRAP_MODE_HYPERVISOR; }

/**
 * Takes a synchronous exception for the instruction at the block's pc. The instruction
 * was already counted by the interpreter, so it is uncounted here (it did not retire).
 */
export function raiseException(cause: i64, tval: i64, gpa: i64, insn: u32, len: i32): void {
  addInstret(-1);
  const priv = getPriv();
  const virt = getVirt();
  const toS = priv != 3 && ((cr(B.CSR_MEDELEG) >> cause) & 1) != 0;
  const toVS = toS && virt && ((cr(B.CSR_HEDELEG) >> cause) & 1) != 0;
  if (toVS) enterVS(cause, tval, false);
  else if (virt && hypervisorMode()) exitToHypervisor(cause, tval, gpa, insn, len, false);
  else if (toS) enterHS(cause, tval, gpa, false);
  else enterM(cause, tval, gpa, false);
  setRecheck(true);
}

// Interrupt priority: MEI, MSI, MTI, SEI, SSI, STI, VSEI, VSSI, VSTI.
function highest(bits: i64): i64 {
  if ((bits & B.MEIP) != 0) return 11;
  if ((bits & B.MSIP) != 0) return 3;
  if ((bits & B.MTIP) != 0) return 7;
  if ((bits & B.SEIP) != 0) return 9;
  if ((bits & B.SSIP) != 0) return 1;
  if ((bits & B.STIP) != 0) return 5;
  if ((bits & B.VSEIP) != 0) return 10;
  if ((bits & B.VSSIP) != 0) return 2;
  return 6;
}

/** Delivers the highest-priority pending and enabled interrupt, if any. True when one was taken. */
export function checkInterrupts(): bool {
  const pending = effectiveMip() & cr(B.CSR_MIE);
  if (pending == 0) return false;
  const priv = getPriv();
  const virt = getVirt();
  const mstatus = cr(B.CSR_MSTATUS);
  const mideleg = midelegValue();
  const hideleg = cr(B.CSR_HIDELEG) & B.VS_INTS;
  const toM = pending & ~mideleg;
  if (toM != 0 && (priv != 3 || (mstatus & B.MIE) != 0)) {
    const c = highest(toM);
    if (virt && hypervisorMode()) exitToHypervisor(c, 0, 0, 0, 0, true);
    else enterM(c, 0, 0, true);
    return true;
  }
  const toHS = pending & mideleg & ~hideleg;
  if (toHS != 0 && (virt || priv == 0 || (priv == 1 && (mstatus & B.SIE) != 0))) {
    const c = highest(toHS);
    if (virt && hypervisorMode()) exitToHypervisor(c, 0, 0, 0, 0, true);
    else enterHS(c, 0, 0, true);
    return true;
  }
  const toVS = pending & mideleg & hideleg;
  if (toVS != 0 && virt && (priv == 0 || (cr(B.CSR_VSSTATUS) & B.SIE) != 0)) {
    enterVS(highest(toVS), 0, true);
    return true;
  }
  return false;
}

/** mret: back to MPP (and MPV). */
export function mret(): void {
  const s = cr(B.CSR_MSTATUS);
  const mpp = <i32>((s & B.MPP) >> B.MPP_SHIFT);
  let ns = s & ~(B.MIE | B.MPP | B.MPV);
  if ((s & B.MPIE) != 0) ns |= B.MIE;
  ns |= B.MPIE;
  if (mpp != 3) ns &= ~B.MPRV;
  cw(B.CSR_MSTATUS, ns);
  setPriv(mpp);
  setVirt(mpp != 3 && (s & B.MPV) != 0);
  setPc(cr(B.CSR_MEPC));
}

/** sret from HS-mode (to SPP, SPV) or, with V=1, from VS-mode (to vsstatus.SPP). */
export function sret(): void {
  if (getVirt()) {
    const s = cr(B.CSR_VSSTATUS);
    let ns = s & ~(B.SIE | B.SPP);
    if ((s & B.SPIE) != 0) ns |= B.SIE;
    cw(B.CSR_VSSTATUS, ns | B.SPIE);
    setPriv((s & B.SPP) != 0 ? 1 : 0);
    setPc(cr(B.CSR_VSEPC));
    return;
  }
  const s = cr(B.CSR_MSTATUS);
  const h = cr(B.CSR_HSTATUS);
  let ns = s & ~(B.SIE | B.SPP | B.MPRV);
  if ((s & B.SPIE) != 0) ns |= B.SIE;
  cw(B.CSR_MSTATUS, ns | B.SPIE);
  cw(B.CSR_HSTATUS, h & ~B.HS_SPV);
  setPriv((s & B.SPP) != 0 ? 1 : 0);
  setVirt((h & B.HS_SPV) != 0);
  setPc(cr(B.CSR_SEPC));
}
