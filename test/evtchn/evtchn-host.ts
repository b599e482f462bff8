// Guests for event channel tests: domUs whose calls go through the dispatcher with their
// arguments in their own memory, and which read the 2-level state where a guest does:
// the shared_info page they mapped and the vcpu_info areas they registered.
import { HYPERCALL } from '../../src/hypervisor/abi/decl/hypercalls.js';
import { XENMAPSPACE, XENMEM, xenAddToPhysmap } from '../../src/hypervisor/abi/decl/memory.js';
import { sharedInfo, vcpuInfo } from '../../src/hypervisor/abi/decl/shared-info.js';
import { VCPUOP, vcpuRegisterVcpuInfo } from '../../src/hypervisor/abi/decl/vcpu.js';
import { DOMID } from '../../src/hypervisor/abi/decl/xen.js';
import type { Domain } from '../../src/hypervisor/domain.js';
import { type TestHost, createDomU, testHost } from '../hypervisor/test-host.js';

const RAM = 0x8000_0000;
const ARG = RAM + 0x1000;
const SHARED_INFO = RAM + 0x4000;
const VCPU_INFOS = RAM + 0x5000;

/** Anything with an encode(): a struct declaration. */
interface Encodable {
  encode(value: never): Uint8Array;
  readonly size: number;
}

export class Guest {
  constructor(readonly host: TestHost, readonly domain: Domain) {}

  get domid(): number {
    return this.domain.domid;
  }

  /** event_channel_op(cmd, &arg) from vCPU `vcpu`, the argument encoded at a fixed place in guest RAM. */
  evtchn<S extends Encodable>(cmd: number, struct: S, value: Parameters<S['encode']>[0], vcpu = 0): number {
    this.domain.memory.write(ARG, struct.encode(value as never));
    return this.host.hv.dispatch(this.domain.vcpus[vcpu]!, HYPERCALL.event_channel_op, cmd, ARG);
  }

  /** A u32 OUT field of the last argument. */
  out32(offset: number): number {
    return this.domain.memory.readU32(ARG + offset);
  }

  /** The last argument's bytes. */
  argument(size: number): Uint8Array {
    return this.domain.memory.read(ARG, size);
  }

  pending(port: number): boolean {
    return this.bit(SHARED_INFO + sharedInfo.offsetOf('evtchn_pending'), port);
  }

  masked(port: number): boolean {
    return this.bit(SHARED_INFO + sharedInfo.offsetOf('evtchn_mask'), port);
  }

  /** The guest masks a port itself, as a kernel does (a plain write to its shared page). */
  mask(port: number): void {
    const at = SHARED_INFO + sharedInfo.offsetOf('evtchn_mask') + Math.floor(port / 64) * 8;
    this.domain.memory.writeU64(at, this.domain.memory.readU64(at) | (1n << BigInt(port % 64)));
  }

  /** The guest's handler consumes a port: clears its pending bit. */
  clearPending(port: number): void {
    const at = SHARED_INFO + sharedInfo.offsetOf('evtchn_pending') + Math.floor(port / 64) * 8;
    this.domain.memory.writeU64(at, this.domain.memory.readU64(at) & ~(1n << BigInt(port % 64)));
  }

  /** evtchn_pending_sel of vCPU `vcpu`. */
  selector(vcpu = 0): bigint {
    return this.domain.memory.readU64(this.vcpuInfo(vcpu) + vcpuInfo.offsetOf('evtchn_pending_sel'));
  }

  upcallPending(vcpu = 0): number {
    return this.domain.memory.readU8(this.vcpuInfo(vcpu) + vcpuInfo.offsetOf('evtchn_upcall_pending'));
  }

  /** What the guest's upcall handler does first: clear upcall_pending and the selector. */
  acknowledge(vcpu = 0): void {
    this.domain.memory.writeU8(this.vcpuInfo(vcpu) + vcpuInfo.offsetOf('evtchn_upcall_pending'), 0);
    this.domain.memory.writeU64(this.vcpuInfo(vcpu) + vcpuInfo.offsetOf('evtchn_pending_sel'), 0n);
    this.domain.vcpus[vcpu]!.upcallRaised = false;
  }

  /** Registers vcpu_info areas for vCPUs 1.. (vCPU 0 keeps its slot in shared_info); clears what registering marked. */
  registerVcpuInfos(): void {
    for (let v = 1; v < this.domain.vcpus.length; v++) {
      const gpa = VCPU_INFOS + v * 64;
      this.domain.memory.write(ARG, vcpuRegisterVcpuInfo.encode({ mfn: BigInt(Math.floor(gpa / 4096)), offset: gpa % 4096, rsvd: 0 }));
      if (this.host.hv.dispatch(this.domain.vcpus[v]!, HYPERCALL.vcpu_op, VCPUOP.register_vcpu_info, v, ARG) !== 0) {
        throw new Error('register_vcpu_info failed');
      }
      this.acknowledge(v);
    }
  }

  private vcpuInfo(vcpu: number): number {
    return vcpu === 0 ? SHARED_INFO : VCPU_INFOS + vcpu * 64;
  }

  private bit(base: number, port: number): boolean {
    return ((this.domain.memory.readU64(base + Math.floor(port / 64) * 8) >> BigInt(port % 64)) & 1n) === 1n;
  }
}

/** A host with two running domUs of `vcpus` vCPUs, each with shared_info mapped. */
export function twoGuests(vcpus = 2): { host: TestHost; a: Guest; b: Guest } {
  const host = testHost();
  const make = (): Guest => {
    const domain = createDomU(host, vcpus);
    domain.maxPages = 64;
    domain.populate(RAM / 4096, 16);
    for (const v of domain.vcpus) {
      v.initialised = true;
      v.up();
    }
    domain.unpauseByController();
    domain.memory.write(ARG, xenAddToPhysmap.encode({ domid: DOMID.SELF, size: 0, space: XENMAPSPACE.shared_info, idx: 0n, gpfn: BigInt(SHARED_INFO / 4096) }));
    if (host.hv.dispatch(domain.vcpus[0]!, HYPERCALL.memory_op, XENMEM.add_to_physmap, ARG) !== 0) throw new Error('shared_info not mapped');
    return new Guest(host, domain);
  };
  return { host, a: make(), b: make() };
}
