// Bare-metal test programs built with the test assembler, linked at 0x8000_0000 with a
// `tohost` word, like the riscv-tests images.
import { Asm } from './asm.js';
import { writeElf } from './elf-writer.js';

export const UART = 0x1000_0000;
export const FINISHER = 0x0010_0000;

/** Wrap assembled code into an ELF with tohost/fromhost symbols at the labels of that name. */
export function elfOf(asm: Asm): Uint8Array {
  const symbols: Record<string, bigint> = {};
  for (const name of ['tohost', 'fromhost']) {
    try {
      symbols[name] = asm.address(name);
    } catch {
      // the program has no such word
    }
  }
  return writeElf({ entry: asm.base, segments: [{ paddr: asm.base, data: asm.assemble() }], symbols });
}

/** `tohost = value` then spin (t6 scratch). */
export function exitWith(asm: Asm, value: number): Asm {
  const spin = `exit_spin_${asm.here}`;
  return asm.li('t6', value).la('t5', 'tohost').sd('t6', 't5').label(spin).j(spin);
}

/** Appends the HTIF words (8-byte aligned). */
export function htifWords(asm: Asm): Asm {
  return asm.align(64).label('tohost').dwords(1).label('fromhost').dwords(1);
}

/** Prints the 64-bit value in a0 as 16 hex digits and a newline on the UART (uses t0-t3). */
export function printHexRoutine(asm: Asm): Asm {
  return asm.label('print_hex')
    .la32('t0', UART)
    .li('t1', 60)
    .label('print_hex_digit')
    .srl('t2', 'a0', 't1')
    .andi('t2', 't2', 15)
    .li('t3', 10)
    .blt('t2', 't3', 'print_hex_decimal')
    .addi('t2', 't2', 'a'.charCodeAt(0) - 10 - '0'.charCodeAt(0))
    .label('print_hex_decimal')
    .addi('t2', 't2', '0'.charCodeAt(0))
    .sb('t2', 't0')
    .addi('t1', 't1', -4)
    .bge('t1', 'zero', 'print_hex_digit')
    .li('t2', 10)
    .sb('t2', 't0')
    .ret();
}
