// Hard and soft affinity tests shared by the policies: Xen's two-step "balance" looks for
// a CPU in soft ∩ hard affinity first, then in hard affinity alone.
import type { CpuMask } from '../vcpu.js';
import type { SchedUnit } from './policy.js';

export function inMask(mask: CpuMask, cpu: number): boolean {
  return ((mask[cpu >> 3] ?? 0) & (1 << (cpu & 7))) !== 0;
}

/** The unit may run on `cpu` (hard affinity). */
export function allows(unit: SchedUnit, cpu: number): boolean {
  return inMask(unit.vcpu.hardAffinity, cpu);
}

/** The unit prefers `cpu` (soft affinity, within its hard affinity). */
export function prefers(unit: SchedUnit, cpu: number): boolean {
  return allows(unit, cpu) && inMask(unit.vcpu.softAffinity, cpu);
}

/** The first of `cpus` that passes `ok`, trying soft affinity before hard. */
export function balancedPick(unit: SchedUnit, cpus: readonly number[], ok: (cpu: number) => boolean): number | undefined {
  return cpus.find((cpu) => prefers(unit, cpu) && ok(cpu)) ?? cpus.find((cpu) => allows(unit, cpu) && ok(cpu));
}
