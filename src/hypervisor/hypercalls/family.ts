// The shape of the hypercall table: every hypercall and sub-op with its XSM check, its
// kind and its path (DESIGN §1).
//
// - xsm: Xen's dummy-policy action at the check. 'hook': any domain; 'target': the domain
//   itself or a privileged one; 'dm_priv': a privileged domain (or the target's device
//   model); 'xs_priv': a privileged domain or the xenstore domain; 'priv': privileged
//   domains only.
// - kind: 'logical' operations mean the same whatever the virtualisation mechanism
//   (query or control a domain, version, console); 'mechanistic' ones exist to wire a
//   guest to the mechanism (shared pages, vcpu_info, physmap, timers, batching).
// - path: 'fast' runs in the hart's worker on published state; 'slow' changes global
//   state and is a message to the control plane.
import type { Hypervisor } from '../hypervisor.js';
import type { Vcpu } from '../vcpu.js';

export type XsmAction = 'hook' | 'target' | 'dm_priv' | 'xs_priv' | 'priv';
export type HypercallKind = 'logical' | 'mechanistic';
export type HypercallPath = 'fast' | 'slow';

export interface Annotation {
  readonly xsm: XsmAction;
  readonly kind: HypercallKind;
  readonly path: HypercallPath;
}

/** A hypercall entry point: arguments a1..a5 as the guest passed them (unsigned). */
export type HypercallHandler = (hv: Hypervisor, caller: Vcpu, a1: number, a2: number, a3: number, a4: number, a5: number) => number;

export interface SubOp<H> extends Annotation {
  readonly nr: number;
  readonly name: string;
  readonly handler: H;
}

export interface HypercallFamily {
  readonly nr: number;
  readonly name: string;
  /** Argument names, a1 first. */
  readonly args: readonly string[];
  readonly handler: HypercallHandler;
  /** The sub-ops, for families that have them. */
  readonly subops?: readonly SubOp<unknown>[];
  /** The annotation of a family without sub-ops. */
  readonly annotation?: Annotation;
}

/** A dense array indexed by sub-op number, for O(1) dispatch. */
export function subopTable<H>(subops: readonly SubOp<H>[]): readonly (SubOp<H> | undefined)[] {
  const table: (SubOp<H> | undefined)[] = [];
  for (const op of subops) {
    if (table[op.nr] !== undefined) throw new Error(`sub-op ${op.nr} declared twice (${op.name})`);
    table[op.nr] = op;
  }
  return table;
}

/** Looks a sub-op up by number; undefined for unknown or non-integer numbers. */
export function findSubop<H>(table: readonly (SubOp<H> | undefined)[], nr: number): SubOp<H> | undefined {
  return Number.isInteger(nr) && nr >= 0 && nr < table.length ? table[nr] : undefined;
}
