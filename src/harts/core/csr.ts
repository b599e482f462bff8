// The CSR file: raw read/write with each register's WARL masks and views (sstatus is a
// view of mstatus, sie/sip/hie/hip/vsie/vsip of mie/mip/hvip...). Privilege checks for
// CSR instructions are in csr-access.ts; these functions are also what the TypeScript
// side's readCsr/writeCsr call.
import { HB_CYCLES, HB_INSTRET, HB_TICKS, HB_IPT, HB_MTIMECMP, HB_HART_ID } from '../block-layout';
import * as B from './bits';
import { cr, cw, csrSlot, hbGet, hbSet, setRecheck } from './state';

const MSTATUS_W: i64 = B.SIE | B.MIE | B.SPIE | B.MPIE | B.SPP | B.MPP | B.MPRV | B.SUM | B.MXR | B.TVM | B.TW | B.TSR
  | B.GVA | B.MPV;
const SSTATUS_MASK: i64 = B.SIE | B.SPIE | B.SPP | B.SUM | B.MXR | B.UXL;
const VSSTATUS_W: i64 = B.SIE | B.SPIE | B.SPP | B.SUM | B.MXR;
const HSTATUS_W: i64 = B.HS_GVA | B.HS_SPV | B.HS_SPVP | B.HS_HU | B.HS_VTVM | B.HS_VTW | B.HS_VTSR;
const MEDELEG_W: i64 = 0xf0b7ff; // all but ecall-from-M and the reserved causes
const HEDELEG_W: i64 = 0xb1ff; // causes 0-8, 12, 13, 15
const MIDELEG_RO1: i64 = B.VS_INTS; // with H, the VS interrupts are always delegated past M
const MIP_W: i64 = B.SSIP | B.STIP | B.SEIP;

const INHIBIT_CY: i64 = 1; // mcountinhibit bits (TM is read-only zero)
const INHIBIT_IR: i64 = 4;

/** mcycle += k, unless mcountinhibit.CY holds it. */
export function addCycles(k: i64): void {
  if ((cr(B.CSR_MCOUNTINHIBIT) & INHIBIT_CY) == 0) hbSet(HB_CYCLES, hbGet(HB_CYCLES) + k);
}
/** minstret += k (k < 0 uncounts), unless mcountinhibit.IR holds it. */
export function addInstret(k: i64): void {
  if ((cr(B.CSR_MCOUNTINHIBIT) & INHIBIT_IR) == 0) hbSet(HB_INSTRET, hbGet(HB_INSTRET) + k);
}
/** Whether counter CSR `n` (mcycle/minstret or their user views) counts at the moment. */
export function counting(n: i32): bool {
  const inhibit = cr(B.CSR_MCOUNTINHIBIT);
  if (n == B.CSR_MCYCLE || n == B.CSR_CYCLE) return (inhibit & INHIBIT_CY) == 0;
  return (inhibit & INHIBIT_IR) == 0;
}

/** Virtual time in ticks of the platform timer. */
export function timeNow(): i64 { return <i64>(<u64>hbGet(HB_TICKS) / <u64>hbGet(HB_IPT)); }

@inline function mipWord(): usize { return csrSlot(B.CSR_MIP); }
@inline function hvipWord(): usize { return csrSlot(B.CSR_HVIP); }

/** mip as the hart sees it: posted bits, hvip, and the comparator-driven timer bits. */
export function effectiveMip(): i64 {
  let m = <i64>atomic.load<i32>(mipWord()) | (<i64>atomic.load<i32>(hvipWord()) & B.VS_INTS);
  const now = timeNow();
  if (<u64>now >= <u64>hbGet(HB_MTIMECMP)) m |= B.MTIP;
  if ((cr(B.CSR_MENVCFG) & B.STCE) != 0) {
    m &= ~B.STIP;
    if (<u64>now >= <u64>cr(B.CSR_STIMECMP)) m |= B.STIP;
    if ((cr(B.CSR_HENVCFG) & B.STCE) != 0 && <u64>(now + cr(B.CSR_HTIMEDELTA)) >= <u64>cr(B.CSR_VSTIMECMP)) m |= B.VSTIP;
  }
  return m;
}

function setBits32(slot: usize, mask: i64, value: i64): void {
  for (;;) {
    const old = atomic.load<i32>(slot);
    const nv = <i32>((<i64>old & ~mask) | (value & mask));
    if (atomic.cmpxchg<i32>(slot, old, nv) == old) return;
  }
}

export function midelegValue(): i64 { return cr(B.CSR_MIDELEG) | MIDELEG_RO1; }

@inline function isHpmCounter(n: i32): bool {
  return (n >= 0xb03 && n <= 0xb1f) || (n >= 0xc03 && n <= 0xc1f) || (n >= 0x323 && n <= 0x33f);
}

/** True for every CSR this hart implements. */
export function csrKnown(n: i32): bool {
  if (isHpmCounter(n)) return true;
  if (n >= 0x3a0 && n <= 0x3af) return (n & 1) == 0; // pmpcfg0,2,..: RV64 has no odd pmpcfg
  if (n >= 0x3b0 && n <= 0x3ef) return true; // pmpaddr*: accepted as no-ops, no regions
  switch (n) {
    case B.CSR_SSTATUS: case B.CSR_SIE: case B.CSR_STVEC: case B.CSR_SCOUNTEREN: case B.CSR_SENVCFG:
    case B.CSR_SSCRATCH: case B.CSR_SEPC: case B.CSR_SCAUSE: case B.CSR_STVAL: case B.CSR_SIP:
    case B.CSR_STIMECMP: case B.CSR_SATP:
    case B.CSR_VSSTATUS: case B.CSR_VSIE: case B.CSR_VSTVEC: case B.CSR_VSSCRATCH: case B.CSR_VSEPC:
    case B.CSR_VSCAUSE: case B.CSR_VSTVAL: case B.CSR_VSIP: case B.CSR_VSTIMECMP: case B.CSR_VSATP:
    case B.CSR_MSTATUS: case B.CSR_MISA: case B.CSR_MEDELEG: case B.CSR_MIDELEG: case B.CSR_MIE:
    case B.CSR_MTVEC: case B.CSR_MCOUNTEREN: case B.CSR_MENVCFG: case B.CSR_MCOUNTINHIBIT:
    case B.CSR_MSCRATCH: case B.CSR_MEPC: case B.CSR_MCAUSE: case B.CSR_MTVAL: case B.CSR_MIP:
    case B.CSR_MTINST: case B.CSR_MTVAL2:
    case B.CSR_HSTATUS: case B.CSR_HEDELEG: case B.CSR_HIDELEG: case B.CSR_HIE: case B.CSR_HTIMEDELTA:
    case B.CSR_HCOUNTEREN: case B.CSR_HGEIE: case B.CSR_HENVCFG: case B.CSR_HTVAL: case B.CSR_HIP:
    case B.CSR_HVIP: case B.CSR_HTINST: case B.CSR_HGATP: case B.CSR_HGEIP:
    case B.CSR_MCYCLE: case B.CSR_MINSTRET: case B.CSR_CYCLE: case B.CSR_TIME: case B.CSR_INSTRET:
    case B.CSR_MVENDORID: case B.CSR_MARCHID: case B.CSR_MIMPID: case B.CSR_MHARTID: case B.CSR_MCONFIGPTR:
    case B.CSR_TSELECT: case 0x7a1: case 0x7a2: case 0x7a3: case B.CSR_TINFO:
      return true;
  }
  return false;
}

/** Reads a CSR (number already mapped for V=1). Unknown numbers read 0; check csrKnown first. */
export function csrGet(n: i32): i64 {
  switch (n) {
    case B.CSR_MSTATUS: return cr(n) | B.UXL | B.SXL;
    case B.CSR_SSTATUS: return (cr(B.CSR_MSTATUS) | B.UXL) & SSTATUS_MASK;
    case B.CSR_VSSTATUS: return cr(n) | B.UXL;
    case B.CSR_HSTATUS: return cr(n) | B.HS_VSXL;
    case B.CSR_MISA: return B.MISA;
    case B.CSR_MIDELEG: return midelegValue();
    case B.CSR_MIP: return effectiveMip();
    case B.CSR_SIP: return effectiveMip() & midelegValue() & B.S_INTS;
    case B.CSR_HIP: return effectiveMip() & B.VS_INTS;
    case B.CSR_HVIP: return <i64>atomic.load<i32>(hvipWord()) & B.VS_INTS;
    case B.CSR_VSIP: return (effectiveMip() & cr(B.CSR_HIDELEG) & B.VS_INTS) >> 1;
    case B.CSR_SIE: return cr(B.CSR_MIE) & midelegValue() & B.S_INTS;
    case B.CSR_HIE: return cr(B.CSR_MIE) & B.VS_INTS;
    case B.CSR_VSIE: return (cr(B.CSR_MIE) & cr(B.CSR_HIDELEG) & B.VS_INTS) >> 1;
    case B.CSR_MCYCLE: case B.CSR_CYCLE: return hbGet(HB_CYCLES);
    case B.CSR_MINSTRET: case B.CSR_INSTRET: return hbGet(HB_INSTRET);
    case B.CSR_TIME: return timeNow();
    case B.CSR_MHARTID: return hbGet(HB_HART_ID);
    default: break;
  }
  if (isHpmCounter(n) || (n >= 0x3a0 && n <= 0x3ef)) return 0;
  if (n >= 0xf11 && n <= 0xf15) return 0;
  if (n >= B.CSR_TSELECT && n <= B.CSR_TINFO) return 0; // no triggers
  if (n == B.CSR_MTINST || n == B.CSR_HTINST || n == B.CSR_HGEIE || n == B.CSR_HGEIP) return 0;
  return cr(n);
}

function tvec(v: i64): i64 { return (v & 3) >= 2 ? v & ~3 : v; }
function atp(old: i64, v: i64, modeOk: bool): i64 { return modeOk ? v : old; }

/** Writes a CSR (number already mapped for V=1), applying its WARL rules. */
export function csrSet(n: i32, v: i64): void {
  switch (n) {
    case B.CSR_MSTATUS: {
      let nv = (cr(n) & ~MSTATUS_W) | (v & MSTATUS_W);
      if (((nv & B.MPP) >> B.MPP_SHIFT) == 2) nv = (nv & ~B.MPP) | (cr(n) & B.MPP); // MPP=2 is reserved
      cw(n, nv);
      break;
    }
    case B.CSR_SSTATUS: {
      const w = SSTATUS_MASK & ~B.UXL;
      cw(B.CSR_MSTATUS, (cr(B.CSR_MSTATUS) & ~w) | (v & w));
      break;
    }
    case B.CSR_VSSTATUS: cw(n, v & VSSTATUS_W); break;
    case B.CSR_HSTATUS: cw(n, v & HSTATUS_W); break;
    case B.CSR_MEDELEG: cw(n, v & MEDELEG_W); break;
    case B.CSR_HEDELEG: cw(n, v & HEDELEG_W); break;
    case B.CSR_MIDELEG: cw(n, v & B.S_INTS); break;
    case B.CSR_HIDELEG: cw(n, v & B.VS_INTS); break;
    case B.CSR_MIE: cw(n, v & B.ALL_INTS); break;
    case B.CSR_SIE: {
      const m = midelegValue() & B.S_INTS;
      cw(B.CSR_MIE, (cr(B.CSR_MIE) & ~m) | (v & m));
      break;
    }
    case B.CSR_HIE: cw(B.CSR_MIE, (cr(B.CSR_MIE) & ~B.VS_INTS) | (v & B.VS_INTS)); break;
    case B.CSR_VSIE: {
      const m = cr(B.CSR_HIDELEG) & B.VS_INTS;
      cw(B.CSR_MIE, (cr(B.CSR_MIE) & ~m) | ((v << 1) & m));
      break;
    }
    case B.CSR_MIP: {
      const stce = (cr(B.CSR_MENVCFG) & B.STCE) != 0;
      setBits32(mipWord(), stce ? MIP_W & ~B.STIP : MIP_W, v);
      setBits32(hvipWord(), B.VSSIP, v);
      break;
    }
    case B.CSR_SIP: setBits32(mipWord(), midelegValue() & B.SSIP, v); break;
    case B.CSR_HIP: setBits32(hvipWord(), B.VSSIP, v); break;
    case B.CSR_HVIP: setBits32(hvipWord(), B.VS_INTS, v); break;
    case B.CSR_VSIP: setBits32(hvipWord(), cr(B.CSR_HIDELEG) & B.VSSIP, v << 1); break;
    case B.CSR_MTVEC: case B.CSR_STVEC: case B.CSR_VSTVEC: cw(n, tvec(v)); break;
    case B.CSR_MEPC: case B.CSR_SEPC: case B.CSR_VSEPC: cw(n, v & ~1); break;
    case B.CSR_SATP: case B.CSR_VSATP: {
      const mode = v >>> 60;
      cw(n, atp(cr(n), v, mode == 0 || mode == 8)); // 16-bit ASID, 44-bit PPN
      break;
    }
    case B.CSR_HGATP: {
      const mode = v >>> 60;
      const vmidPpn = v & ((<i64>0x3fff << 44) | ((<i64>1 << 44) - 4));
      cw(n, atp(cr(n), (v & (<i64>0xf << 60)) | vmidPpn, mode == 0 || mode == 8));
      break;
    }
    case B.CSR_MENVCFG: cw(n, v & (B.STCE | B.FIOM)); break;
    case B.CSR_HENVCFG: cw(n, v & ((cr(B.CSR_MENVCFG) & B.STCE) | B.FIOM)); break;
    case B.CSR_SENVCFG: cw(n, v & B.FIOM); break;
    case B.CSR_MCOUNTEREN: case B.CSR_SCOUNTEREN: case B.CSR_HCOUNTEREN: cw(n, v & 0xffffffff); break;
    case B.CSR_MCOUNTINHIBIT: cw(n, v & (INHIBIT_CY | INHIBIT_IR)); break;
    case B.CSR_MCYCLE: hbSet(HB_CYCLES, v); break;
    case B.CSR_MINSTRET: hbSet(HB_INSTRET, v); break;
    case B.CSR_MSCRATCH: case B.CSR_SSCRATCH: case B.CSR_VSSCRATCH:
    case B.CSR_MCAUSE: case B.CSR_SCAUSE: case B.CSR_VSCAUSE:
    case B.CSR_MTVAL: case B.CSR_STVAL: case B.CSR_VSTVAL: case B.CSR_HTVAL: case B.CSR_MTVAL2:
    case B.CSR_STIMECMP: case B.CSR_VSTIMECMP: case B.CSR_HTIMEDELTA:
      cw(n, v);
      break;
    default: break; // read-only, constant, or accepted and ignored (PMP, triggers, hpm)
  }
  setRecheck(true);
}
