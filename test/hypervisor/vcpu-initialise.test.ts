// VCPUOP_initialise: a domU starts one of its own vCPUs from a vcpu_guest_context it wrote,
// once; VCPUOP_up (or VGCF_online in the context) brings it up.
import { describe, expect, it } from 'vitest';
import { VGCF, cpuUserRegs, vcpuGuestContext } from '../../src/hypervisor/abi/decl/arch-riscv.js';
import { XenErrno } from '../../src/hypervisor/abi/decl/errno.js';
import { HYPERCALL } from '../../src/hypervisor/abi/decl/hypercalls.js';
import { VCPUOP } from '../../src/hypervisor/abi/decl/vcpu.js';
import { createDomU, testHost } from './test-host.js';

const RAM = 0x8000_0000;
const ARG = RAM + 0x1000;

function setup() {
  const host = testHost();
  const domU = createDomU(host, 3);
  domU.maxPages = 64;
  domU.populate(RAM / 4096, 16);
  domU.vcpus[0].initialised = true;
  domU.vcpus[0].up();
  domU.unpauseByController();
  const call = (nr: number, ...args: number[]) => host.hv.dispatch(domU.vcpus[0], nr, ...args);
  /** Writes a context with `pc`, `sp` and `flags` at ARG. */
  const context = (pc: bigint, sp: bigint, flags = 0) => {
    const bytes = new Uint8Array(vcpuGuestContext.size);
    const view = new DataView(bytes.buffer);
    const regs = vcpuGuestContext.offsetOf('user_regs');
    view.setUint32(vcpuGuestContext.offsetOf('flags'), flags, true);
    view.setBigUint64(regs + cpuUserRegs.offsetOf('pc'), pc, true);
    view.setBigUint64(regs + cpuUserRegs.offsetOf('sp'), sp, true);
    domU.memory.write(ARG, bytes);
    return bytes;
  };
  return { domU, call, context };
}

describe('vcpu_op initialise', () => {
  it('keeps the context, leaves the vCPU down until up, and refuses a second time', () => {
    const { domU, call, context } = setup();
    const bytes = context(0x8000_2000n, 0x8000_8000n);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.initialise, 1, ARG)).toBe(0);
    const vcpu = domU.vcpus[1];
    expect(vcpu.guestContext).toEqual(bytes);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.is_up, 1)).toBe(0);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.up, 1)).toBe(0);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.is_up, 1)).toBe(1);
    expect(vcpu.state).toBe('runnable');
    context(0x8000_3000n, 0n);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.initialise, 1, ARG)).toBe(-XenErrno.EEXIST);
    expect(vcpu.guestContext).toEqual(bytes);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.initialise, 0, ARG)).toBe(-XenErrno.EEXIST);
  });

  it('brings the vCPU up at once with VGCF_online', () => {
    const { call, context } = setup();
    context(0x8000_2000n, 0x8000_8000n, VGCF.online);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.initialise, 2, ARG)).toBe(0);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.is_up, 2)).toBe(1);
  });

  it('gives -EFAULT for a context in unmapped memory and -ENOENT for a vCPU it does not have', () => {
    const { domU, call } = setup();
    expect(call(HYPERCALL.vcpu_op, VCPUOP.initialise, 1, 0x10)).toBe(-XenErrno.EFAULT);
    expect(domU.vcpus[1].initialised).toBe(false);
    expect(call(HYPERCALL.vcpu_op, VCPUOP.initialise, 3, ARG)).toBe(-XenErrno.ENOENT);
  });
});
