// Operand access for a decoded slot `d` (layout in decode.ts), through a local copy of the
// hart block address, and the implicit pc of the fetch loops.
import { HB_TLB, TLB_BYTES, TLB_ENTRIES } from '../block-layout';
import { SLOT_LEN, SLOT_RD, SLOT_RS1, SLOT_RS2, SLOT_IMM } from './decode';

@inline export function rs1(hb: usize, d: usize): i64 { return load<i64>(hb + <usize>load<u16>(d, SLOT_RS1)); }
@inline export function rs2(hb: usize, d: usize): i64 { return load<i64>(hb + <usize>load<u16>(d, SLOT_RS2)); }
@inline export function imm(d: usize): i64 { return <i64>load<i32>(d, SLOT_IMM); }
/** The immediate as a host-pointer displacement (branch and jump offsets). */
@inline export function disp(d: usize): usize { return <usize>load<i32>(d, SLOT_IMM); }
@inline export function len(d: usize): usize { return <usize>load<u8>(d, SLOT_LEN); }
@inline export function setRd(hb: usize, d: usize, v: i64): void { store<i64>(hb + <usize>load<u16>(d, SLOT_RD), v); }
/** The guest pc of host address `hp` in the page at pageVa/pageHost. */
@inline export function pcOf(pageVa: i64, pageHost: usize, hp: usize): i64 { return pageVa + <i64><i32>(hp - pageHost); }
@inline export function tlbAt(hb: usize, acc: i32, vaddr: i64): usize {
  return hb + HB_TLB + <usize>acc * TLB_BYTES + ((<usize>(vaddr >> 12) & (TLB_ENTRIES - 1)) << 4);
}
