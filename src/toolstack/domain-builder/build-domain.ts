// xl create's domain builder (the parts of libxl and libxenguest that make a PVH guest on
// RISC-V), as the hypercalls dom0 makes, in libxl's order: create the domain in its pool,
// set vCPUs, affinity, scheduler parameters and the memory limit; populate guest RAM and
// the magic pages; load the kernel's PT_LOAD segments and the device tree; allocate the
// console and xenstore event channels and publish them in HVM params; seed grant refs 0
// and 1; point vCPU 0 at the entry; write the domain's xenstore nodes, introduce it to
// xenstored, and unpause it. A failure at any step undoes the steps before it, so nothing
// is left behind: the domain is destroyed (its memory returns), its nodes are removed.
import { randomBytes } from 'node:crypto';
import { VGCF, cpuUserRegs, vcpuGuestContext } from '../../hypervisor/abi/decl/arch-riscv.js';
import { XEN_DOMCTL, XEN_DOMCTL_CDF } from '../../hypervisor/abi/decl/domctl.js';
import { GUEST_LAYOUT, MAGIC_PAGES } from '../../hypervisor/abi/decl/guest-layout.js';
import { HVM_PARAM } from '../../hypervisor/abi/decl/hvm.js';
import { HYPERCALL } from '../../hypervisor/abi/decl/hypercalls.js';
import { XENMEM, xenMemoryReservation } from '../../hypervisor/abi/decl/memory.js';
import { XEN_SCHEDULER } from '../../hypervisor/abi/decl/scheduler.js';
import { PAGE_SIZE } from '../../hypervisor/memory/machine-ram.js';
import type { ElfImage } from '../../harts/elf.js';
import { buildGuestDeviceTree } from '../device-tree/guest-device-tree.js';
import type { Host } from '../host.js';
import { HypercallFailed } from '../privcmd.js';
import { seedGrantTable } from '../gnttab-seed.js';
import { formatUuid } from '../xen-init-dom0.js';
import { resolveCpuSet } from '../xlcfg/cpu-affinity.js';
import { type DomainSpec, affinityOfVcpu } from '../xlcfg/domain-spec.js';
import { DomainBuildError } from './build-error.js';
import { checkKernelImage } from './kernel-image.js';
import { removeDomainNodes, writeDomainNodes } from './xenstore-nodes.js';

export interface BuildOptions {
  /** Leave the domain paused (xl create -p). */
  readonly paused?: boolean;
}

export interface BuiltDomain {
  readonly domid: number;
  readonly uuid: string;
}

/** libxl's defaults for the createdomain limits a config does not set. */
const DEFAULT_LIMITS = { maxEvtchnPort: 1023, maxGrantFrames: 64, maxMaptrackFrames: 1024 };
/** libxl's LIBXL_MAXMEM_CONSTANT: slack above maxmem for the magic pages and the like. */
const MAXMEM_SLACK_KIB = 1024;
const EXTENTS_PER_CALL = 512;
const MIB = 1024 * 1024;
const DOM0 = 0;

const magicGfn = (offset: number): number => GUEST_LAYOUT.MAGIC_BASE / PAGE_SIZE + offset;

export async function buildDomain(host: Host, spec: DomainSpec, kernel: { path: string; bytes: Uint8Array }, options: BuildOptions = {}): Promise<BuiltDomain> {
  const memoryBytes = spec.memoryMiB * MIB;
  const image = checkKernelImage(kernel.path, kernel.bytes, memoryBytes);
  const poolId = await poolIdOf(host, spec.pool);
  await checkNameFree(host, spec.name);
  checkFreeMemory(host, spec);
  const handle = randomBytes(16);
  const uuid = formatUuid(handle);
  let domid: number | undefined;
  try {
    domid = createDomain(host, spec, handle, poolId);
    configureDomain(host, domid, spec, poolId);
    populate(host, domid, GUEST_LAYOUT.RAM0_BASE / PAGE_SIZE, memoryBytes / PAGE_SIZE);
    populate(host, domid, magicGfn(0), MAGIC_PAGES.NR_MAGIC_PAGES);
    const dtbAddress = loadImages(host, domid, spec, image);
    const console = { gfn: magicGfn(MAGIC_PAGES.CONSOLE_PFN_OFFSET), port: host.xc.evtchnAllocUnbound(domid, DOM0) };
    const store = { gfn: magicGfn(MAGIC_PAGES.XENSTORE_PFN_OFFSET), port: host.xc.evtchnAllocUnbound(domid, DOM0) };
    host.xc.hvmSetParam(domid, HVM_PARAM.CONSOLE_PFN, BigInt(console.gfn));
    host.xc.hvmSetParam(domid, HVM_PARAM.CONSOLE_EVTCHN, BigInt(console.port));
    host.xc.hvmSetParam(domid, HVM_PARAM.STORE_PFN, BigInt(store.gfn));
    host.xc.hvmSetParam(domid, HVM_PARAM.STORE_EVTCHN, BigInt(store.port));
    seedGrantTable(host.xc, domid, { consoleGfn: console.gfn, consoleDomid: DOM0, xenstoreGfn: store.gfn, xenstoreDomid: DOM0 });
    setBootVcpu(host, domid, image.entry, dtbAddress);
    await writeDomainNodes(host.xs, {
      domid, name: spec.name, uuid, memoryKiB: spec.memoryMiB * 1024, maxMemoryKiB: spec.maxMemoryMiB * 1024,
      vcpus: spec.vcpus, maxVcpus: spec.maxVcpus, store, console, startTime: Date.now() / 1000,
    });
    await host.xs.introduce(domid, store.gfn, store.port);
    if (options.paused !== true) host.xc.domctl(XEN_DOMCTL.unpausedomain, domid, {});
    return { domid, uuid };
  } catch (error) {
    if (domid !== undefined) await undoDomain(host, domid, uuid);
    if (error instanceof HypercallFailed) throw new DomainBuildError(`${error.message} while building domain ${spec.name}`);
    throw error;
  }
}

/** Destroys what buildDomain made so far; each part may be missing. */
async function undoDomain(host: Host, domid: number, uuid: string): Promise<void> {
  await host.xs.release(domid).catch(() => undefined);
  await removeDomainNodes(host.xs, domid, uuid);
  try {
    host.xc.destroyDomain(domid);
  } catch (error) {
    if (!(error instanceof HypercallFailed)) throw error;
  }
}

async function poolIdOf(host: Host, name: string): Promise<number> {
  for (const id of await host.xs.directory('/local/pool').catch(() => [] as string[])) {
    if ((await host.xs.read(`/local/pool/${id}/name`).catch(() => undefined)) === name) return Number(id);
  }
  throw new DomainBuildError(`cpupool '${name}' does not exist`);
}

/** Domain names are unique, as libxl checks before it makes a domain. */
async function checkNameFree(host: Host, name: string): Promise<void> {
  for (const domid of await host.xs.directory('/local/domain').catch(() => [] as string[])) {
    if ((await host.xs.read(`/local/domain/${domid}/name`).catch(() => undefined)) === name) {
      throw new DomainBuildError(`Domain with name "${name}" already exists.`);
    }
  }
}

/** The RAM, magic pages and page-table overhead must fit in free memory (no ballooning of dom0). */
function checkFreeMemory(host: Host, spec: DomainSpec): void {
  const freePages = Number(host.xc.physinfo().free_pages);
  const needPages = (spec.memoryMiB * MIB) / PAGE_SIZE + MAGIC_PAGES.NR_MAGIC_PAGES;
  if (needPages > freePages) {
    throw new DomainBuildError(
      `not enough free memory for domain '${spec.name}': it needs ${Math.ceil((needPages * PAGE_SIZE) / 1024)} KiB, ` +
        `${(freePages * PAGE_SIZE) / 1024} KiB are free`,
    );
  }
}

function createDomain(host: Host, spec: DomainSpec, handle: Uint8Array, poolId: number): number {
  const { domain } = host.xc.domctl(XEN_DOMCTL.createdomain, 0, {
    createdomain: {
      ssidref: 0, handle, flags: XEN_DOMCTL_CDF.hvm | XEN_DOMCTL_CDF.hap, iommu_opts: 0,
      max_vcpus: spec.maxVcpus, max_evtchn_port: DEFAULT_LIMITS.maxEvtchnPort, max_grant_frames: DEFAULT_LIMITS.maxGrantFrames,
      max_maptrack_frames: DEFAULT_LIMITS.maxMaptrackFrames, grant_opts: 1, vmtrace_size: 0, cpupool_id: poolId, arch: {},
    },
  });
  return domain;
}

function configureDomain(host: Host, domid: number, spec: DomainSpec, poolId: number): void {
  const { xc } = host;
  xc.domctl(XEN_DOMCTL.max_vcpus, domid, { max_vcpus: { max: spec.maxVcpus } });
  const nrCpus = xc.physinfo().nr_cpus;
  for (let vcpu = 0; vcpu < spec.maxVcpus; vcpu++) {
    xc.setVcpuAffinity(domid, vcpu, resolveCpuSet(affinityOfVcpu(spec.cpus, vcpu), nrCpus), resolveCpuSet(affinityOfVcpu(spec.cpusSoft, vcpu), nrCpus));
  }
  if (xc.cpupoolInfo(poolId).schedulerId === XEN_SCHEDULER.CREDIT2 && (spec.weight !== undefined || spec.cap !== 0)) {
    const current = xc.credit2DomainGet(domid);
    xc.credit2DomainSet(domid, { weight: spec.weight ?? current.weight, cap: spec.cap });
  }
  xc.domctl(XEN_DOMCTL.max_mem, domid, { max_mem: { max_memkb: BigInt(spec.maxMemoryMiB * 1024 + MAXMEM_SLACK_KIB) } });
}

/** populate_physmap of `pages` order-0 extents from `firstGfn`, in batches as libxenguest does. */
function populate(host: Host, domid: number, firstGfn: number, pages: number): void {
  const { privcmd } = host;
  for (let done = 0; done < pages; done += EXTENTS_PER_CALL) {
    const count = Math.min(EXTENTS_PER_CALL, pages - done);
    privcmd.withBuffers(() => {
      const list = privcmd.alloc(count * 8);
      for (let i = 0; i < count; i++) privcmd.dom0.memory.writeU64(list + i * 8, BigInt(firstGfn + done + i));
      const request = privcmd.allocStruct(xenMemoryReservation, { extent_start: BigInt(list), nr_extents: BigInt(count), extent_order: 0, mem_flags: 0, domid });
      const got = privcmd.hypercall(HYPERCALL.memory_op, XENMEM.populate_physmap, request);
      if (got !== count) throw new DomainBuildError(`could not populate guest memory of domain ${domid}: out of memory`);
    });
  }
}

/** Copies the kernel's segments and the device tree (in the last pages of RAM); returns the tree's address. */
function loadImages(host: Host, domid: number, spec: DomainSpec, image: ElfImage): number {
  const guest = host.privcmd.foreignMemory(domid);
  for (const segment of image.segments) guest.write(Number(segment.paddr), segment.data);
  const { major, minor } = host.xc.version();
  const dtb = buildGuestDeviceTree({
    memoryBytes: spec.memoryMiB * MIB, vcpus: spec.maxVcpus, bootargs: spec.cmdline, timebaseHz: host.hv.config.timebaseHz,
    xenVersion: { major, minor },
  });
  const dtbAddress = GUEST_LAYOUT.RAM0_BASE + spec.memoryMiB * MIB - Math.ceil(dtb.length / PAGE_SIZE) * PAGE_SIZE;
  const imageEnd = Math.max(...image.segments.map((s) => Number(s.paddr) + s.memsz));
  if (dtbAddress < imageEnd) throw new DomainBuildError(`the kernel leaves no room for the device tree in ${spec.memoryMiB} MiB of RAM`);
  guest.write(dtbAddress, dtb);
  return dtbAddress;
}

/** vCPU 0 online at the entry, a0 = 0 (its id) and a1 = the device tree, every other register zero. */
function setBootVcpu(host: Host, domid: number, entry: bigint, dtbAddress: number): void {
  const { privcmd } = host;
  privcmd.withBuffers(() => {
    const context = privcmd.allocStruct(vcpuGuestContext, { flags: VGCF.online });
    const regs = context + vcpuGuestContext.offsetOf('user_regs');
    privcmd.dom0.memory.writeU64(regs + cpuUserRegs.offsetOf('pc'), entry);
    privcmd.dom0.memory.writeU64(regs + cpuUserRegs.offsetOf('a1'), BigInt(dtbAddress));
    host.xc.domctl(XEN_DOMCTL.setvcpucontext, domid, { vcpucontext: { vcpu: 0, ctxt: BigInt(context) } });
  });
}
