// Address translation: Sv39 for S/U, and for V=1 the VS-stage (Sv39 from vsatp) over the
// G-stage (Sv39x4 from hgatp). Results are cached per access type in a direct-mapped soft
// TLB in the hart block; an entry maps a virtual page to (wasm offset - virtual page), so a
// hit costs one compare and one add. The TLBs hold only RAM pages.
// Entries are tagged with a translation-context id in the low bits of the page address: a
// context is everything a translation depends on (privilege, V, effective MPRV mode, SUM/MXR,
// satp with its ASID, vsatp, hgatp with its VMID). Up to TLB_CONTEXTS contexts live side by
// side, so traps between U and S or switches between address spaces do not flush;
// sfence.vma, hfence.* and flushTlb() flush everything.
import {
  HB_TLB, TLB_BYTES, TLB_ENTRIES, HB_TLB_CTX, HB_TLB_VICTIM, HB_TLB_CONTEXTS, TLB_CONTEXTS, HB_WATCH, HB_FLUSH_REQ,
} from '../block-layout';
import {
  ACC_FETCH, ACC_STORE, CSR_HGATP, CSR_MSTATUS, CSR_SATP, CSR_VSATP, CSR_VSSTATUS, MPP, MPP_SHIFT, MPRV,
  MPV, MXR, PTE_A, PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X, SUM,
  CAUSE_FETCH_ACCESS, CAUSE_LOAD_ACCESS, CAUSE_STORE_ACCESS, CAUSE_FETCH_PAGE, CAUSE_LOAD_PAGE,
  CAUSE_STORE_PAGE, CAUSE_FETCH_GUEST_PAGE, CAUSE_LOAD_GUEST_PAGE, CAUSE_STORE_GUEST_PAGE,
} from './bits';
import { HB, cr, getPriv, getVirt, ramHost } from './state';

/** Fault of the last failed translate(): cause, and the guest-physical address for guest-page faults. */
export let xlCause: i64 = 0;
export let xlGpa: i64 = 0;
/** Id of the current translation context: the low bits of every TLB tag filled under it. */
export let tlbCtx: i64 = 0;

const PPN_MASK: i64 = (<i64>1 << 44) - 1;
const INVALID_TAG: i64 = -1;
const KEY_WORDS = 4;

@inline export function tlbEntry(acc: i32, vaddr: i64): usize {
  return HB + HB_TLB + <usize>acc * TLB_BYTES + ((<usize>(vaddr >> 12) & (TLB_ENTRIES - 1)) << 4);
}

@inline function keySlot(ctx: i64, word: i32): usize {
  return HB + HB_TLB_CONTEXTS + ((<usize>ctx * KEY_WORDS + <usize>word) << 3);
}

/** Invalidates every entry of every context and forgets the contexts. */
export function tlbFlush(): void {
  for (let i = 0; i < 3 * TLB_ENTRIES; i++) store<i64>(HB + HB_TLB + (<usize>i << 4), INVALID_TAG);
  for (let c = 0; c < TLB_CONTEXTS; c++) store<i64>(keySlot(c, 0), INVALID_TAG);
}

/** Invalidates the entries of one context (when its slot is recycled). */
function tlbFlushContext(ctx: i64): void {
  for (let i = 0; i < 3 * TLB_ENTRIES; i++) {
    const e = HB + HB_TLB + (<usize>i << 4);
    if ((load<i64>(e) & 0xfff) == ctx) store<i64>(e, INVALID_TAG);
  }
}

/** Caches a successful translation of a RAM page (never the page of the watched HTIF word for stores). */
export function tlbFill(acc: i32, vaddr: i64, paddr: i64): void {
  const host = ramHost(paddr & ~0xfff, 4096);
  if (host == 0) return;
  if (acc == ACC_STORE && ((load<i64>(HB + HB_WATCH) ^ paddr) & ~0xfff) == 0) return;
  const e = tlbEntry(acc, vaddr);
  store<i64>(e, (vaddr & ~0xfff) | tlbCtx);
  store<i64>(e + 8, <i64>host - (vaddr & ~0xfff));
}

/** Selects (or allocates) the context id for the current translation state; honours flush requests. */
export function syncTlbContext(): void {
  if (atomic.load<i32>(HB + HB_FLUSH_REQ) != 0) {
    atomic.store<i32>(HB + HB_FLUSH_REQ, 0);
    tlbFlush();
  }
  const priv = getPriv();
  const mstatus = cr(CSR_MSTATUS);
  const mprv = priv == 3 && (mstatus & MPRV) != 0 ? mstatus & (MPRV | MPP | MPV) : 0;
  const k0 = <i64>priv | (getVirt() ? 4 : 0) | mprv | (mstatus & (SUM | MXR)) | ((cr(CSR_VSSTATUS) & (SUM | MXR)) << 24);
  const k1 = cr(CSR_SATP);
  const k2 = cr(CSR_VSATP);
  const k3 = cr(CSR_HGATP);
  for (let c: i64 = 0; c < TLB_CONTEXTS; c++) {
    if (load<i64>(keySlot(c, 0)) == k0 && load<i64>(keySlot(c, 1)) == k1 && load<i64>(keySlot(c, 2)) == k2
      && load<i64>(keySlot(c, 3)) == k3) {
      tlbCtx = c;
      store<i64>(HB + HB_TLB_CTX, c);
      return;
    }
  }
  const victim = load<i64>(HB + HB_TLB_VICTIM) % TLB_CONTEXTS;
  store<i64>(HB + HB_TLB_VICTIM, victim + 1);
  tlbFlushContext(victim);
  store<i64>(keySlot(victim, 0), k0); store<i64>(keySlot(victim, 1), k1);
  store<i64>(keySlot(victim, 2), k2); store<i64>(keySlot(victim, 3), k3);
  tlbCtx = victim;
  store<i64>(HB + HB_TLB_CTX, victim);
}

/** sfence.vma / hfence.*: drop every cached translation at the next context sync. */
export function requestTlbFlush(): void { atomic.store<i32>(HB + HB_FLUSH_REQ, 1); }

@inline function pageFault(acc: i32): i64 { return acc == ACC_FETCH ? CAUSE_FETCH_PAGE : acc == ACC_STORE ? CAUSE_STORE_PAGE : CAUSE_LOAD_PAGE; }
@inline function guestPageFault(acc: i32): i64 {
  return acc == ACC_FETCH ? CAUSE_FETCH_GUEST_PAGE : acc == ACC_STORE ? CAUSE_STORE_GUEST_PAGE : CAUSE_LOAD_GUEST_PAGE;
}
@inline export function accessFault(acc: i32): i64 {
  return acc == ACC_FETCH ? CAUSE_FETCH_ACCESS : acc == ACC_STORE ? CAUSE_STORE_ACCESS : CAUSE_LOAD_ACCESS;
}

function fail(cause: i64, gpa: i64): i64 { xlCause = cause; xlGpa = gpa; return -1; }

/**
 * G-stage (Sv39x4) translation of a guest-physical address; checked as a U-mode access.
 * `acc` is the kind of the original access (which guest-page fault to raise); `write` says
 * whether this access writes (a store, or a VS-stage A/D update).
 */
function gStage(gpa: i64, acc: i32, write: bool): i64 {
  const hgatp = cr(CSR_HGATP);
  if ((hgatp >>> 60) == 0) return gpa;
  if ((gpa >>> 41) != 0) return fail(guestPageFault(acc), gpa);
  const mxr = (cr(CSR_MSTATUS) & MXR) != 0;
  for (;;) {
    let table = (hgatp & PPN_MASK & ~3) << 12;
    let level = 2;
    let pte: i64 = 0;
    let host: usize = 0;
    for (;;) {
      const index = level == 2 ? (gpa >> 30) & 0x7ff : (gpa >> (12 + 9 * level)) & 0x1ff;
      host = ramHost(table + (index << 3), 8);
      if (host == 0) return fail(accessFault(acc), gpa);
      pte = atomic.load<i64>(host);
      if ((pte & PTE_V) == 0 || ((pte & (PTE_R | PTE_W)) == PTE_W) || (pte >>> 54) != 0) return fail(guestPageFault(acc), gpa);
      if ((pte & (PTE_R | PTE_X)) != 0) break;
      if (level == 0) return fail(guestPageFault(acc), gpa);
      level--;
      table = ((pte >> 10) & PPN_MASK) << 12;
    }
    const ppn = (pte >> 10) & PPN_MASK;
    const ok = (pte & PTE_U) != 0 && (write ? (pte & PTE_W) != 0
      : acc == ACC_FETCH ? (pte & PTE_X) != 0 : (pte & PTE_R) != 0 || (mxr && (pte & PTE_X) != 0));
    if (!ok) return fail(guestPageFault(acc), gpa);
    const lowMask: i64 = (<i64>1 << (9 * level)) - 1;
    if ((ppn & lowMask) != 0) return fail(guestPageFault(acc), gpa);
    const want = pte | PTE_A | (write ? PTE_D : 0);
    if (want != pte && atomic.cmpxchg<i64>(host, pte, want) != pte) continue; // raced: walk again
    return (((ppn & ~lowMask) | ((gpa >> 12) & lowMask)) << 12) | (gpa & 0xfff);
  }
}

/**
 * Sv39 walk of `vaddr` under the root page number `root`. With `guest`, the table addresses
 * are guest-physical and go through the G-stage; the result is then a guest-physical address.
 */
function sv39(vaddr: i64, acc: i32, root: i64, user: bool, sum: bool, mxr: bool, guest: bool): i64 {
  if (((vaddr << 25) >> 25) != vaddr) return fail(pageFault(acc), 0);
  for (;;) {
    let table = root << 12;
    let level = 2;
    let pte: i64 = 0;
    let host: usize = 0;
    let pteGpa: i64 = 0;
    for (;;) {
      let pteAddr = table + (((vaddr >> (12 + 9 * level)) & 0x1ff) << 3);
      if (guest) {
        pteGpa = pteAddr;
        pteAddr = gStage(pteAddr, acc, false);
        if (pteAddr == -1) return -1;
      }
      host = ramHost(pteAddr, 8);
      if (host == 0) return fail(accessFault(acc), 0);
      pte = atomic.load<i64>(host);
      if ((pte & PTE_V) == 0 || ((pte & (PTE_R | PTE_W)) == PTE_W) || (pte >>> 54) != 0) return fail(pageFault(acc), 0);
      if ((pte & (PTE_R | PTE_X)) != 0) break;
      if (level == 0) return fail(pageFault(acc), 0);
      level--;
      table = ((pte >> 10) & PPN_MASK) << 12;
    }
    const ppn = (pte >> 10) & PPN_MASK;
    const userPage = (pte & PTE_U) != 0;
    if (user ? !userPage : userPage && (acc == ACC_FETCH || !sum)) return fail(pageFault(acc), 0);
    const write = acc == ACC_STORE;
    const ok = write ? (pte & PTE_W) != 0
      : acc == ACC_FETCH ? (pte & PTE_X) != 0 : (pte & PTE_R) != 0 || (mxr && (pte & PTE_X) != 0);
    if (!ok) return fail(pageFault(acc), 0);
    const lowMask: i64 = (<i64>1 << (9 * level)) - 1;
    if ((ppn & lowMask) != 0) return fail(pageFault(acc), 0);
    const want = pte | PTE_A | (write ? PTE_D : 0);
    if (want != pte) {
      if (guest && gStage(pteGpa, acc, true) == -1) return -1; // the A/D update writes through the G-stage
      if (atomic.cmpxchg<i64>(host, pte, want) != pte) continue;
    }
    return (((ppn & ~lowMask) | ((vaddr >> 12) & lowMask)) << 12) | (vaddr & 0xfff);
  }
}

/**
 * Translates `vaddr` for an access of kind `acc` under the current privilege (loads and
 * stores honour mstatus.MPRV). Returns the physical address, or -1 with xlCause/xlGpa set.
 */
export function translate(vaddr: i64, acc: i32): i64 {
  let priv = getPriv();
  let virt = getVirt();
  const mstatus = cr(CSR_MSTATUS);
  if (acc != ACC_FETCH && priv == 3 && (mstatus & MPRV) != 0) {
    priv = <i32>((mstatus & MPP) >> MPP_SHIFT);
    virt = priv != 3 && (mstatus & MPV) != 0;
  }
  if (priv == 3) return vaddr;
  if (!virt) {
    const satp = cr(CSR_SATP);
    if ((satp >>> 60) == 0) return vaddr;
    return sv39(vaddr, acc, satp & PPN_MASK, priv == 0, (mstatus & SUM) != 0, (mstatus & MXR) != 0, false);
  }
  const vsatp = cr(CSR_VSATP);
  let gpa = vaddr;
  if ((vsatp >>> 60) != 0) {
    const vsstatus = cr(CSR_VSSTATUS);
    gpa = sv39(vaddr, acc, vsatp & PPN_MASK, priv == 0, (vsstatus & SUM) != 0,
      ((vsstatus | mstatus) & MXR) != 0, true);
    if (gpa == -1) return -1;
  }
  return gStage(gpa, acc, acc == ACC_STORE);
}
