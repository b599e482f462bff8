// The minimal way to start a guest ELF as a domU (the full `xl create` comes later): the
// toolstack's hypercalls in order — createdomain, max_vcpus, max_mem, populate_physmap —
// then the PT_LOAD segments copied into the new domain's RAM, vCPU 0's context (pc = the
// entry, a0 = vCPU id, a1 = the device tree's address when one is given) and the unpause.
import { VGCF, cpuUserRegs, vcpuGuestContext } from '../hypervisor/abi/decl/arch-riscv.js';
import { XEN_DOMCTL, XEN_DOMCTL_CDF } from '../hypervisor/abi/decl/domctl.js';
import { GUEST_LAYOUT } from '../hypervisor/abi/decl/guest-layout.js';
import { HYPERCALL } from '../hypervisor/abi/decl/hypercalls.js';
import { XENMEM, xenMemoryReservation } from '../hypervisor/abi/decl/memory.js';
import type { Domain } from '../hypervisor/domain.js';
import { PAGE_SIZE } from '../hypervisor/memory/machine-ram.js';
import { parseElf } from '../harts/elf.js';
import { HypercallFailed, type Privcmd } from './privcmd.js';
import type { Xc } from './xc.js';

export interface GuestSpec {
  elf: Uint8Array;
  memoryBytes: number;
  vcpus: number;
  /** A flattened device tree, placed in the last pages of the guest's RAM. */
  deviceTree?: Uint8Array;
  /** Leave the domain paused (the caller sets it up further, then unpauses it). */
  paused?: boolean;
}

const EXTENTS_PER_CALL = 512;

function populate(privcmd: Privcmd, domid: number, firstGfn: number, pages: number): void {
  for (let done = 0; done < pages; done += EXTENTS_PER_CALL) {
    const count = Math.min(EXTENTS_PER_CALL, pages - done);
    privcmd.withBuffers(() => {
      const list = privcmd.alloc(count * 8);
      for (let i = 0; i < count; i++) privcmd.dom0.memory.writeU64(list + i * 8, BigInt(firstGfn + done + i));
      const request = privcmd.allocStruct(xenMemoryReservation, { extent_start: BigInt(list), nr_extents: BigInt(count), extent_order: 0, mem_flags: 0, domid });
      const got = privcmd.hypercall(HYPERCALL.memory_op, XENMEM.populate_physmap, request);
      if (got !== count) throw new HypercallFailed('populate_physmap', got < 0 ? -got : 12);
    });
  }
}

export function launchGuest(xc: Xc, spec: GuestSpec): Domain {
  const { privcmd } = xc;
  const image = parseElf(spec.elf);
  const ramBase = GUEST_LAYOUT.RAM0_BASE;
  const pages = spec.memoryBytes / PAGE_SIZE;
  for (const segment of image.segments) {
    const start = Number(segment.paddr);
    if (start < ramBase || start + segment.memsz > ramBase + spec.memoryBytes) {
      throw new Error(`segment at 0x${start.toString(16)} (${segment.memsz} bytes) is outside the guest's RAM`);
    }
  }
  const { domain: domid } = xc.domctl(XEN_DOMCTL.createdomain, 0, {
    createdomain: {
      ssidref: 0, handle: new Uint8Array(16), flags: XEN_DOMCTL_CDF.hvm | XEN_DOMCTL_CDF.hap, iommu_opts: 0,
      max_vcpus: spec.vcpus, max_evtchn_port: 1023, max_grant_frames: -1, max_maptrack_frames: -1, grant_opts: 1,
      vmtrace_size: 0, cpupool_id: 0, arch: {},
    },
  });
  xc.domctl(XEN_DOMCTL.max_vcpus, domid, { max_vcpus: { max: spec.vcpus } });
  xc.domctl(XEN_DOMCTL.max_mem, domid, { max_mem: { max_memkb: BigInt(spec.memoryBytes / 1024) } });
  populate(privcmd, domid, ramBase / PAGE_SIZE, pages);
  const guest = privcmd.foreignMemory(domid);
  for (const segment of image.segments) guest.write(Number(segment.paddr), segment.data);
  const dtb = spec.deviceTree;
  const dtbAddress = dtb === undefined ? 0 : ramBase + spec.memoryBytes - Math.ceil(dtb.length / PAGE_SIZE) * PAGE_SIZE;
  if (dtb !== undefined) guest.write(dtbAddress, dtb);
  privcmd.withBuffers(() => {
    // Online, pc at the entry, every other register zero but a1: a0 = 0 is vCPU 0's id.
    const context = privcmd.allocStruct(vcpuGuestContext, { flags: VGCF.online });
    const regs = context + vcpuGuestContext.offsetOf('user_regs');
    privcmd.dom0.memory.writeU64(regs + cpuUserRegs.offsetOf('pc'), image.entry);
    privcmd.dom0.memory.writeU64(regs + cpuUserRegs.offsetOf('a1'), BigInt(dtbAddress));
    xc.domctl(XEN_DOMCTL.setvcpucontext, domid, { vcpucontext: { vcpu: 0, ctxt: BigInt(context) } });
  });
  if (spec.paused !== true) xc.domctl(XEN_DOMCTL.unpausedomain, domid, {});
  const domain = xc.privcmd.hv.domain(domid);
  if (domain === undefined) throw new Error('the new domain vanished');
  return domain;
}
