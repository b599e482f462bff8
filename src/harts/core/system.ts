// SYSTEM-opcode instructions: CSR access (with the privilege, counter-enable, TVM/VTVM and
// V=1 rules), ecall/ebreak, mret/sret, wfi, sfence.vma and hfence.*. Each leaves the block's
// pc at the next instruction or takes the exception itself.
import { EXIT_WFI } from '../block-layout';
import * as B from './bits';
import { counting, csrGet, csrKnown, csrSet, effectiveMip } from './csr';
import { requestTlbFlush } from './mmu';
import { raiseException, mret, sret } from './trap';
import { cr, getPc, getPriv, getVirt, setPc, setRecheck, stopWith, xr, xw } from './state';

const OK = 0;
const ILLEGAL = 1;
const VIRTUAL = 2;

/** CSR numbers that V=1 redirects to their VS counterparts. */
function mapForVirt(n: i32): i32 {
  switch (n) {
    case B.CSR_SSTATUS: return B.CSR_VSSTATUS;
    case B.CSR_SIE: return B.CSR_VSIE;
    case B.CSR_STVEC: return B.CSR_VSTVEC;
    case B.CSR_SSCRATCH: return B.CSR_VSSCRATCH;
    case B.CSR_SEPC: return B.CSR_VSEPC;
    case B.CSR_SCAUSE: return B.CSR_VSCAUSE;
    case B.CSR_STVAL: return B.CSR_VSTVAL;
    case B.CSR_SIP: return B.CSR_VSIP;
    case B.CSR_STIMECMP: return B.CSR_VSTIMECMP;
    case B.CSR_SATP: return B.CSR_VSATP;
    default: return n;
  }
}

function counterCheck(bit: i32, priv: i32, virt: bool): i32 {
  if (priv < 3 && ((cr(B.CSR_MCOUNTEREN) >> bit) & 1) == 0) return ILLEGAL;
  if (virt && ((cr(B.CSR_HCOUNTEREN) >> bit) & 1) == 0) return VIRTUAL;
  if (priv == 0 && ((cr(B.CSR_SCOUNTEREN) >> bit) & 1) == 0) return virt ? VIRTUAL : ILLEGAL;
  return OK;
}

function csrAccess(n: i32, write: bool): i32 {
  if (!csrKnown(n)) return ILLEGAL;
  const priv = getPriv();
  const virt = getVirt();
  if (write && (n >> 10) == 3) return ILLEGAL;
  const required = (n >> 8) & 3;
  const level = priv == 3 ? 3 : virt ? priv : priv == 1 ? 2 : 0; // HS may use H-level CSRs
  if (required > level) return virt && required <= 2 ? VIRTUAL : ILLEGAL;
  if (n >= B.CSR_CYCLE && n <= 0xc1f) return counterCheck(n & 31, priv, virt);
  const mstatus = cr(B.CSR_MSTATUS);
  if (n == B.CSR_SATP || n == B.CSR_HGATP) {
    if (virt) return (cr(B.CSR_HSTATUS) & B.HS_VTVM) != 0 ? VIRTUAL : OK;
    if (priv == 1 && (mstatus & B.TVM) != 0) return ILLEGAL;
  }
  if (n == B.CSR_STIMECMP) {
    if (priv < 3 && ((cr(B.CSR_MCOUNTEREN) >> 1) & 1) == 0) return ILLEGAL;
    if ((cr(B.CSR_MENVCFG) & B.STCE) == 0) return ILLEGAL;
    if (virt && (((cr(B.CSR_HCOUNTEREN) >> 1) & 1) == 0 || (cr(B.CSR_HENVCFG) & B.STCE) == 0)) return VIRTUAL;
  }
  if (n == B.CSR_VSTIMECMP && (cr(B.CSR_MENVCFG) & B.STCE) == 0) return ILLEGAL;
  return OK;
}

function fail(kind: i32, insn: u32, len: i32): void {
  if (kind == VIRTUAL) raiseException(B.CAUSE_VIRTUAL_INSTRUCTION, <i64>insn, 0, insn, len);
  else raiseException(B.CAUSE_ILLEGAL, <i64>insn, 0, insn, len);
}

function execCsr(insn: u32, raw: u32, len: i32): void {
  const f3 = (insn >> 12) & 7;
  const rd = (insn >> 7) & 31;
  const rs1 = (insn >> 15) & 31;
  const n = <i32>(insn >>> 20);
  const op = f3 & 3;
  const write = op == 1 || rs1 != 0;
  const check = csrAccess(n, write);
  if (check != OK) { fail(check, raw, len); return; }
  const src = f3 >= 5 ? <i64>rs1 : xr(rs1);
  const target = getVirt() ? mapForVirt(n) : n;
  let old = csrGet(target);
  // The counters already include this instruction: it reads the count before it.
  const counter = target == B.CSR_MINSTRET || target == B.CSR_INSTRET || target == B.CSR_MCYCLE || target == B.CSR_CYCLE;
  if (counter && counting(target)) old -= 1;
  if (target == B.CSR_TIME && getVirt()) old += cr(B.CSR_HTIMEDELTA); // the guest's time
  if (write) csrSet(target, op == 1 ? src : op == 2 ? old | src : old & ~src);
  xw(rd, old);
  xw(0, 0);
  setPc(getPc() + len);
}

function execPrivileged(insn: u32, raw: u32, len: i32): void {
  const priv = getPriv();
  const virt = getVirt();
  const mstatus = cr(B.CSR_MSTATUS);
  const hstatus = cr(B.CSR_HSTATUS);
  const f7 = insn >>> 25;
  if (insn == 0x00000073) { // ecall
    const cause = priv == 3 ? B.CAUSE_ECALL_M : priv == 0 ? B.CAUSE_ECALL_U : virt ? B.CAUSE_ECALL_VS : B.CAUSE_ECALL_S;
    raiseException(cause, 0, 0, raw, len);
    return;
  }
  if (insn == 0x00100073) { raiseException(B.CAUSE_BREAKPOINT, getPc(), 0, raw, len); return; }
  if (insn == 0x30200073) { // mret
    if (priv != 3) { fail(ILLEGAL, raw, len); return; }
    mret();
    setRecheck(true);
    return;
  }
  if (insn == 0x10200073) { // sret
    if (priv == 0) { fail(virt ? VIRTUAL : ILLEGAL, raw, len); return; }
    if (!virt && priv == 1 && (mstatus & B.TSR) != 0) { fail(ILLEGAL, raw, len); return; }
    if (virt && (hstatus & B.HS_VTSR) != 0) { fail(VIRTUAL, raw, len); return; }
    sret();
    setRecheck(true);
    return;
  }
  if (insn == 0x10500073) { // wfi
    if (priv != 3 && (mstatus & B.TW) != 0) { fail(ILLEGAL, raw, len); return; }
    if (virt && (priv == 0 || (hstatus & B.HS_VTW) != 0)) { fail(VIRTUAL, raw, len); return; }
    if (!virt && priv == 0) { fail(ILLEGAL, raw, len); return; }
    setPc(getPc() + len);
    if ((effectiveMip() & cr(B.CSR_MIE)) == 0) stopWith(EXIT_WFI);
    setRecheck(true);
    return;
  }
  if ((insn & 0x00007fff) == 0x73 && (f7 == 0x09 || f7 == 0x11 || f7 == 0x31)) { // sfence.vma, hfence.vvma/gvma
    if (f7 == 0x09) {
      if (priv == 0) { fail(virt ? VIRTUAL : ILLEGAL, raw, len); return; }
      if (virt && (hstatus & B.HS_VTVM) != 0) { fail(VIRTUAL, raw, len); return; }
      if (!virt && priv == 1 && (mstatus & B.TVM) != 0) { fail(ILLEGAL, raw, len); return; }
    } else {
      if (virt) { fail(VIRTUAL, raw, len); return; }
      if (priv == 0 || (f7 == 0x31 && priv == 1 && (mstatus & B.TVM) != 0)) { fail(ILLEGAL, raw, len); return; }
    }
    requestTlbFlush();
    setPc(getPc() + len);
    return;
  }
  fail(ILLEGAL, raw, len);
}

/** Executes one SYSTEM instruction (`insn` expanded, `raw` as fetched). */
export function execSystem(insn: u32, raw: u32, len: i32): void {
  const f3 = (insn >> 12) & 7;
  if (f3 == 0) execPrivileged(insn, raw, len);
  else if (f3 == 4) fail(ILLEGAL, raw, len);
  else execCsr(insn, raw, len);
}
