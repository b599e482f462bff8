// Arithmetic helpers for the M extension: RISC-V defines division by zero and overflow
// (wasm would trap), and the high multiplies need a 128-bit product built from 32-bit halves.
// Inlined, so the hot loop stays free of calls.

@inline export function mulhu(a: i64, b: i64): i64 {
  const aLo = a & 0xffffffff, aHi = <i64>(<u64>a >> 32);
  const bLo = b & 0xffffffff, bHi = <i64>(<u64>b >> 32);
  const ll = <u64>(aLo * bLo), lh = <u64>(aLo * bHi), hl = <u64>(aHi * bLo), hh = <u64>(aHi * bHi);
  const mid = (ll >> 32) + (lh & 0xffffffff) + (hl & 0xffffffff);
  return <i64>(hh + (lh >> 32) + (hl >> 32) + (mid >> 32));
}
@inline export function mulh(a: i64, b: i64): i64 { return mulhu(a, b) - (a < 0 ? b : 0) - (b < 0 ? a : 0); }
@inline export function mulhsu(a: i64, b: i64): i64 { return mulhu(a, b) - (a < 0 ? b : 0); }

@inline export function div(a: i64, b: i64): i64 {
  if (b == 0) return -1;
  if (a == i64.MIN_VALUE && b == -1) return a;
  return a / b;
}
@inline export function divu(a: i64, b: i64): i64 { return b == 0 ? -1 : <i64>(<u64>a / <u64>b); }
@inline export function rem(a: i64, b: i64): i64 {
  if (b == 0) return a;
  if (a == i64.MIN_VALUE && b == -1) return 0;
  return a % b;
}
@inline export function remu(a: i64, b: i64): i64 { return b == 0 ? a : <i64>(<u64>a % <u64>b); }

@inline export function divw(a: i64, b: i64): i64 {
  const x = <i32>a, y = <i32>b;
  if (y == 0) return -1;
  if (x == i32.MIN_VALUE && y == -1) return <i64>x;
  return <i64>(x / y);
}
@inline export function divuw(a: i64, b: i64): i64 {
  const x = <u32>a, y = <u32>b;
  return y == 0 ? -1 : <i64><i32>(x / y);
}
@inline export function remw(a: i64, b: i64): i64 {
  const x = <i32>a, y = <i32>b;
  if (y == 0) return <i64>x;
  if (x == i32.MIN_VALUE && y == -1) return 0;
  return <i64>(x % y);
}
@inline export function remuw(a: i64, b: i64): i64 {
  const x = <u32>a, y = <u32>b;
  return <i64><i32>(y == 0 ? x : x % y);
}
