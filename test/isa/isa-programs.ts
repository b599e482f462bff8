// The committed ISA test ELFs and what is known about each on the reference (QEMU 7.2).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const isaBuildDir = fileURLToPath(new URL('../../guests/isa/build/', import.meta.url));

export interface IsaProgram {
  readonly name: string;
  readonly path: string;
  /** Harts the program runs with (SMP programs need several). */
  readonly harts: number;
}

/** Programs that need more than one hart. */
const smpHarts: Record<string, number> = { smp_amoadd: 4, smp_lrsc: 4 };

/**
 * Where QEMU 7.2 departs from the specification, the case it stops at (its exit code), and
 * why. Every other program passes on QEMU.
 */
export const qemuDeviations: Record<string, { readonly failsAt: number; readonly reason: string }> = {
  amo_faults: { failsAt: 1, reason: 'reports load causes (4, 5) for AMO faults; a misaligned SC fails without a trap' },
  priv_strict: { failsAt: 1, reason: 'medeleg[11] writable, CSRRS/C with a zero register not a write, mepc[0] kept, 16 hpmcounters, MPRV kept by mret' },
  hext: { failsAt: 95, reason: 'VTVM ignored for satp, VU supervisor-CSR access illegal instead of virtual, mstatus.GVA kept, AMO guest-page fault reported as load' },
  counters: { failsAt: 10, reason: 'instret is not an exact count of retired instructions without -icount' },
};

export function isaPrograms(): IsaProgram[] {
  return readdirSync(isaBuildDir)
    .filter((f) => f.endsWith('.elf'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.elf$/, '');
      return { name, path: isaBuildDir + f, harts: smpHarts[name] ?? 1 };
    });
}

export function readProgram(program: IsaProgram): Uint8Array {
  return new Uint8Array(readFileSync(program.path));
}
