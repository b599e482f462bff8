// The SBI a guest at VS sees (every ecall whose a7 is not Xen's hypercall EID): base,
// legacy console/timer/shutdown, TIME, IPI, RFENCE, HSM, SRST and DBCN. Results are
// SBI's (error in a0, value in a1); legacy calls return only a0.
import { SBI_BASE, SBI_DBCN, SBI_ERR, SBI_EXT, SBI_HSM, SBI_HSM_STATE, SBI_SRST, SBI_SRST_RESET, SBI_XEN } from './abi/decl/sbi.js';
import { SHUTDOWN } from './abi/decl/sched-op.js';
import { consoleOutput } from './hypercalls/console-io.js';
import type { Hypervisor } from './hypervisor.js';
import { GUEST_CSR, type GuestCpu } from './guest-cpu.js';
import type { Vcpu } from './vcpu.js';

export interface SbiResult {
  error: number;
  /** undefined for the legacy extensions, which return a0 only. */
  value: number | bigint | undefined;
}

interface SbiCall {
  hv: Hypervisor;
  vcpu: Vcpu;
  cpu: GuestCpu;
  fid: number;
  /** a0..a5 */
  args: bigint[];
}

type Extension = (call: SbiCall) => SbiResult;

const ok = (value: number | bigint = 0): SbiResult => ({ error: SBI_ERR.SUCCESS, value });
const fail = (error: number): SbiResult => ({ error, value: 0 });
const legacy = (error: number): SbiResult => ({ error, value: undefined });

function setTimer({ cpu, args }: SbiCall): void {
  cpu.writeCsr(GUEST_CSR.vstimecmp, args[0]);
}

/** The vCPUs named by an SBI hart mask (bit i = vCPU hart_mask_base + i; base -1 = all). */
function maskedVcpus(vcpu: Vcpu, mask: bigint, base: bigint): Vcpu[] | undefined {
  const all = vcpu.domain.vcpus;
  if (base === 0xffff_ffff_ffff_ffffn) return all;
  const chosen: Vcpu[] = [];
  for (let bit = 0n; bit < 64n; bit++) {
    if ((mask >> bit) & 1n) {
      const target = all[Number(base + bit)];
      if (target === undefined) return undefined;
      chosen.push(target);
    }
  }
  return chosen;
}

const BASE: Extension = ({ hv, fid, args }) => {
  switch (fid) {
    case SBI_BASE.GET_SPEC_VERSION: return ok(SBI_XEN.SPEC_VERSION);
    case SBI_BASE.GET_IMP_ID: return ok(SBI_XEN.IMPID);
    case SBI_BASE.GET_IMP_VERSION: return ok((hv.identity.major << 16) | hv.identity.minor);
    case SBI_BASE.PROBE_EXT: return ok(EXTENSIONS.has(Number(args[0])) ? 1 : 0);
    case SBI_BASE.GET_MVENDORID: case SBI_BASE.GET_MARCHID: case SBI_BASE.GET_MIMPID: return ok(0);
    default: return fail(SBI_ERR.NOT_SUPPORTED);
  }
};

const HSM: Extension = ({ vcpu, fid, args }) => {
  const target = vcpu.domain.vcpus[Number(args[0])];
  switch (fid) {
    case SBI_HSM.HART_START:
      if (target === undefined) return fail(SBI_ERR.INVALID_PARAM);
      if (target.isUp) return fail(SBI_ERR.ALREADY_AVAILABLE);
      target.startAt = { pc: args[1], a1: args[2] };
      target.initialised = true;
      target.up();
      return ok();
    case SBI_HSM.HART_STOP:
      vcpu.down();
      return ok();
    case SBI_HSM.HART_GET_STATUS:
      if (target === undefined) return fail(SBI_ERR.INVALID_PARAM);
      return ok(target.isUp ? SBI_HSM_STATE.STARTED : SBI_HSM_STATE.STOPPED);
    default:
      return fail(SBI_ERR.NOT_SUPPORTED);
  }
};

const SRST: Extension = ({ vcpu, fid, args }) => {
  if (fid !== SBI_SRST.SYSTEM_RESET) return fail(SBI_ERR.NOT_SUPPORTED);
  const type = Number(args[0]);
  if (type === SBI_SRST_RESET.TYPE_SHUTDOWN) vcpu.domain.shutdown(SHUTDOWN.poweroff);
  else if (type === SBI_SRST_RESET.TYPE_COLD_REBOOT || type === SBI_SRST_RESET.TYPE_WARM_REBOOT) vcpu.domain.shutdown(SHUTDOWN.reboot);
  else return fail(SBI_ERR.INVALID_PARAM);
  return ok();
};

const latin1 = new TextDecoder('latin1');

const DBCN: Extension = ({ hv, vcpu, fid, args }) => {
  switch (fid) {
    case SBI_DBCN.CONSOLE_WRITE: {
      const count = Number(args[0]);
      const gpa = Number(args[1] | (args[2] << 32n));
      if (!vcpu.domain.memory.isMapped(gpa, count)) return fail(SBI_ERR.INVALID_PARAM);
      consoleOutput(hv, vcpu.domain, latin1.decode(vcpu.domain.memory.read(gpa, count)));
      return ok(count);
    }
    case SBI_DBCN.CONSOLE_WRITE_BYTE:
      consoleOutput(hv, vcpu.domain, String.fromCharCode(Number(args[0] & 0xffn)));
      return ok();
    case SBI_DBCN.CONSOLE_READ:
      return ok(0);
    default:
      return fail(SBI_ERR.NOT_SUPPORTED);
  }
};

const EXTENSIONS = new Map<number, Extension>([
  [SBI_EXT.LEGACY_SET_TIMER, (call) => (setTimer(call), legacy(SBI_ERR.SUCCESS))],
  [SBI_EXT.LEGACY_CONSOLE_PUTCHAR, ({ hv, vcpu, args }) => (consoleOutput(hv, vcpu.domain, String.fromCharCode(Number(args[0] & 0xffn))), legacy(SBI_ERR.SUCCESS))],
  [SBI_EXT.LEGACY_CONSOLE_GETCHAR, () => legacy(SBI_ERR.NOT_SUPPORTED)],
  [SBI_EXT.LEGACY_SHUTDOWN, ({ vcpu }) => (vcpu.domain.shutdown(SHUTDOWN.poweroff), legacy(SBI_ERR.SUCCESS))],
  [SBI_EXT.BASE, BASE],
  [SBI_EXT.TIME, (call) => (call.fid === 0 ? (setTimer(call), ok()) : fail(SBI_ERR.NOT_SUPPORTED))],
  [SBI_EXT.IPI, ({ hv, vcpu, fid, args }) => {
    const targets = fid === 0 ? maskedVcpus(vcpu, args[0], args[1]) : undefined;
    if (targets === undefined) return fail(fid === 0 ? SBI_ERR.INVALID_PARAM : SBI_ERR.NOT_SUPPORTED);
    for (const target of targets) hv.raiseIpi(target);
    return ok();
  }],
  [SBI_EXT.RFENCE, ({ cpu, fid }) => (fid <= 6 ? (cpu.flushTlb(), ok()) : fail(SBI_ERR.NOT_SUPPORTED))],
  [SBI_EXT.HSM, HSM],
  [SBI_EXT.SRST, SRST],
  [SBI_EXT.DBCN, DBCN],
]);

/** Handles one SBI call (a7 = eid, a6 = fid, a0..a5 = arguments). */
export function handleSbi(hv: Hypervisor, vcpu: Vcpu, cpu: GuestCpu, eid: number, fid: number): SbiResult {
  const extension = EXTENSIONS.get(eid);
  if (extension === undefined) return legacy(SBI_ERR.NOT_SUPPORTED);
  const args = [10, 11, 12, 13, 14, 15].map((r) => cpu.getX(r));
  return extension({ hv, vcpu, cpu, fid, args });
}
