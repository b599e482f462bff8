/* Pointer chasing over CHASE_PAGES 4 KiB pages: node i lives in page (i * 167) mod 512 at a
   64-byte slot that moves with i, and holds the virtual address of node i + 1 (the last
   points back to the first), so consecutive loads touch scattered pages. */
#ifndef XENRV_CHASE_H
#define XENRV_CHASE_H

#define CHASE_PAGES 512
#define CHASE_VA 0x40000000

/* Builds the ring in `chase_area` (physical) for virtual base CHASE_VA (M-mode). */
#define BUILD_CHASE_RING                                                    \
  la s2, chase_area;                                                        \
  li s3, 0;                                                                 \
7:                                                                          \
  CHASE_OFFSET(s3, t0);                                                     \
  addi s4, s3, 1;                                                           \
  li t1, CHASE_PAGES;                                                       \
  bne s4, t1, 6f;                                                           \
  li s4, 0;                                                                 \
6:                                                                          \
  CHASE_OFFSET(s4, t1);                                                     \
  li t2, CHASE_VA;                                                          \
  add t1, t1, t2;                                                           \
  add t0, t0, s2;                                                           \
  sd t1, 0(t0);                                                             \
  addi s3, s3, 1;                                                           \
  li t1, CHASE_PAGES;                                                       \
  bne s3, t1, 7b

/* out = byte offset of node i: ((i * 167) % 512) * 4096 + (i % 64) * 64. Clobbers t3. */
#define CHASE_OFFSET(i, out)                                                \
  li t3, 167;                                                               \
  mul out, i, t3;                                                           \
  andi out, out, CHASE_PAGES - 1;                                           \
  slli out, out, 12;                                                        \
  andi t3, i, 63;                                                           \
  slli t3, t3, 6;                                                           \
  add out, out, t3

/* s0 iterations of 4 dependent loads from CHASE_VA (6 instructions each). */
#define CHASE_LOOP                                                          \
  li a0, CHASE_VA;                                                          \
5:                                                                          \
  ld a0, 0(a0);                                                             \
  ld a0, 0(a0);                                                             \
  ld a0, 0(a0);                                                             \
  ld a0, 0(a0);                                                             \
  addi s0, s0, -1;                                                          \
  bnez s0, 5b

/* leaf PTE for physical `reg` (page-aligned) with flags, into `out`. */
#define LEAF(out, reg, flags)                                               \
  srli out, reg, 12;                                                        \
  slli out, out, PTE_PPN_SHIFT;                                             \
  ori out, out, flags

/* Map CHASE_PAGES pages of chase_area at CHASE_VA: root[1] -> l1, l1[0] -> l0, and the 1 GiB
   identity of RAM at root[2] (flags_gb) so the code keeps running. */
#define MAP_CHASE(root, l1, l0, flags_page, flags_gb)                       \
  la t0, l1;                                                                \
  LEAF(t1, t0, PTE_V);                                                      \
  la t2, root;                                                              \
  sd t1, 8(t2);                                                             \
  li t1, (0x80000000 >> 12 << PTE_PPN_SHIFT) | (flags_gb);                  \
  sd t1, 16(t2);                                                            \
  la t0, l0;                                                                \
  LEAF(t1, t0, PTE_V);                                                      \
  la t2, l1;                                                                \
  sd t1, 0(t2);                                                             \
  la s2, chase_area;                                                        \
  la s3, l0;                                                                \
  li s4, CHASE_PAGES;                                                       \
4:                                                                          \
  LEAF(t1, s2, flags_page);                                                 \
  sd t1, 0(s3);                                                             \
  li t0, 4096;                                                              \
  add s2, s2, t0;                                                           \
  addi s3, s3, 8;                                                           \
  addi s4, s4, -1;                                                          \
  bnez s4, 4b

#endif /* XENRV_CHASE_H */
