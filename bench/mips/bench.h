/* Shared parts of the MIPS kernels. The benchmark patches `bench_iterations` and
   `bench_harts` in a copy of the ELF (found through the symbol table) before each run. */
#ifndef XENRV_BENCH_H
#define XENRV_BENCH_H

/* s0 = the iteration count (clobbers t0). */
#define LOAD_ITERATIONS                                                     \
  la t0, bench_iterations;                                                  \
  ld s0, 0(t0)

/* Harts at or beyond bench_harts park (clobbers t0, t1). */
#define PARK_EXTRA_HARTS                                                    \
  la t0, bench_harts;                                                       \
  ld t1, 0(t0);                                                             \
  bgeu a0, t1, park_hart

/* Every hart reports done; hart 0 waits for all of them, then passes. */
#define FINISH_ALL_HARTS                                                    \
  la t0, bench_done;                                                        \
  li t1, 1;                                                                 \
  amoadd.d.aqrl zero, t1, (t0);                                             \
  bnez a0, park_hart;                                                       \
  la t1, bench_harts;                                                       \
  ld t1, 0(t1);                                                             \
8:                                                                          \
  ld t2, 0(t0);                                                             \
  bne t2, t1, 8b;                                                           \
  TEST_PASS

#define BENCH_PARAMETERS(default_iterations)                                \
  .data;                                                                    \
  .align 3;                                                                 \
  .globl bench_iterations, bench_harts;                                     \
bench_iterations: .dword default_iterations;                                \
bench_harts: .dword 1;                                                      \
  .align 6;                                                                 \
bench_done: .dword 0

#endif /* XENRV_BENCH_H */
