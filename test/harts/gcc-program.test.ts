// A C program built by the cross compiler: several segments (.text, .data, .bss), a real
// symbol table, per-hart stacks, a spinlock around the UART and the test finisher.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runElf } from '../../src/harts/run-elf.js';
import { missingTools } from '../support/tools.js';

const START = `
  .section .text.start
  .globl _start
_start:
  la sp, stacks
  addi t0, a0, 1
  slli t0, t0, 12
  add sp, sp, t0
  call main
1: wfi
  j 1b
  .bss
  .align 12
stacks: .space 4096 * 4
`;

const LINK = `
ENTRY(_start)
SECTIONS {
  . = 0x80000000;
  .text : { *(.text.start) *(.text .text.*) }
  .rodata : { *(.rodata .rodata.* .srodata .srodata.*) }
  .data : { *(.data .data.* .sdata .sdata.*) }
  .bss : { *(.bss .bss.* .sbss .sbss.* COMMON) }
}
`;

const MAIN = `
#include <stdint.h>
#define UART ((volatile uint8_t *)0x10000000)
#define FINISHER ((volatile uint32_t *)0x100000)
static volatile int lock;
static volatile long arrived;
static long greeting_count = 100;          /* .data */
static long per_hart[4];                    /* .bss */

static void puts_locked(const char *s) {
  while (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE)) {}
  while (*s) *UART = *s++;
  __atomic_store_n(&lock, 0, __ATOMIC_RELEASE);
}

void main(long hart) {
  char line[] = "hart ? ready\\n";
  line[5] = '0' + hart;
  for (long i = 0; i < greeting_count; i++) per_hart[hart] += i;
  puts_locked(line);
  __atomic_fetch_add(&arrived, 1, __ATOMIC_SEQ_CST);
  if (hart != 0) return;
  while (arrived != HARTS) {}
  for (long h = 0; h < HARTS; h++) if (per_hart[h] != 4950) *FINISHER = (2 << 16) | 0x3333;
  *FINISHER = 0x5555;
}
`;

const skip = missingTools('riscv64-unknown-elf-gcc');

function build(harts: number): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'xenrv-gcc-'));
  writeFileSync(join(dir, 'start.S'), START);
  writeFileSync(join(dir, 'main.c'), MAIN);
  writeFileSync(join(dir, 'link.ld'), LINK);
  const elf = join(dir, 'prog.elf');
  execFileSync('riscv64-unknown-elf-gcc', [
    '-march=rv64imac_zicsr', '-mabi=lp64', '-mcmodel=medany', '-O2', '-nostdlib', '-nostartfiles', '-ffreestanding',
    `-DHARTS=${harts}`, '-T', join(dir, 'link.ld'), '-o', elf, join(dir, 'start.S'), join(dir, 'main.c'),
  ]);
  return readFileSync(elf);
}

describe('a cross-compiled C program', () => {
  it.skipIf(skip)(`greets from every hart and passes through the finisher ${skip ?? ''}`, async () => {
    for (const deterministic of [false, true]) {
      const result = await runElf({ elf: build(3), harts: 3, deterministic });
      expect(result).toMatchObject({ verdict: 'pass', exitCode: 0 });
      expect(result.output.split('\n').filter(Boolean).sort()).toEqual(['hart 0 ready', 'hart 1 ready', 'hart 2 ready']);
    }
  });
});
