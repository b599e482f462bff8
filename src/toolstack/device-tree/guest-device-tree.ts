// The device tree a domU boots with: its RAM, its vCPUs (each with a local interrupt
// controller), the SBI timer (compatible "riscv,timer", as the downstream toolstack emits),
// the kernel command line and the Xen hypervisor node a PV-aware kernel looks for
// (compatible "xen,xen"; reg = the grant-table region; the event upcall interrupt).
//
// The upcall is a per-hart local interrupt, so the hypervisor node names it with
// `interrupts-extended`: one <&cpuN-intc XEN_UPCALL_IRQ> pair per vCPU (each cpu-intc has
// #interrupt-cells = 1 and phandle N + 1). A kernel that maps only the first entry gets the
// same local interrupt number, which its per-hart interrupt domain shares across harts.
import { GUEST_LAYOUT, XEN_UPCALL } from '../../hypervisor/abi/decl/guest-layout.js';
import { EMPTY, cells, doubleCells, strings } from './fdt-values.js';
import { type FdtNode, encodeFdt } from './fdt-writer.js';

export interface GuestDeviceTreeSpec {
  /** Guest RAM in bytes, placed from GUEST_RAM0_BASE and spilling into RAM1. */
  readonly memoryBytes: number;
  readonly vcpus: number;
  /** /chosen/bootargs. */
  readonly bootargs: string;
  /** /cpus/timebase-frequency (the host's, e.g. 10 MHz). */
  readonly timebaseHz: number;
  /** Xen's version, for the "xen,xen-M.m" and "xen,xenvm-M.m" compatibles. */
  readonly xenVersion: { readonly major: number; readonly minor: number };
}

/** What each vCPU offers: the hart core has no F/D, and guests run with Sv39 paging. */
const CPU_ISA = 'rv64imac_zicsr_zifencei';
const CPU_ISA_EXTENSIONS = ['i', 'm', 'a', 'c', 'zicsr', 'zifencei'];
const CPU_MMU = 'riscv,sv39';

/** Supervisor timer interrupt (scause 5) on each hart's local interrupt controller. */
const SUPERVISOR_TIMER_IRQ = 5;

const RAM_BANKS = [
  { base: GUEST_LAYOUT.RAM0_BASE, size: GUEST_LAYOUT.RAM0_SIZE },
  { base: GUEST_LAYOUT.RAM1_BASE, size: GUEST_LAYOUT.RAM1_SIZE },
];

const node = (name: string, properties: Record<string, Uint8Array>, children: readonly FdtNode[] = []): FdtNode => ({
  name,
  properties: Object.entries(properties).map(([propertyName, value]) => ({ name: propertyName, value })),
  children,
});

/** The phandle of vCPU `vcpu`'s local interrupt controller. */
export const cpuIntcPhandle = (vcpu: number): number => vcpu + 1;

/** (base, size) pairs covering `bytes` of guest RAM, filling the banks in order. */
export function guestRamBanks(bytes: number): { base: number; size: number }[] {
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new RangeError(`guest RAM of ${bytes} bytes`);
  const banks: { base: number; size: number }[] = [];
  let left = bytes;
  for (const bank of RAM_BANKS) {
    if (left === 0) break;
    const size = Math.min(left, bank.size);
    banks.push({ base: bank.base, size });
    left -= size;
  }
  if (left > 0) throw new RangeError(`guest RAM of ${bytes} bytes does not fit the guest memory map`);
  return banks;
}

function cpuNode(vcpu: number): FdtNode {
  return node(`cpu@${vcpu.toString(16)}`, {
    device_type: strings('cpu'),
    reg: cells(vcpu),
    compatible: strings('riscv'),
    'riscv,isa': strings(CPU_ISA),
    'riscv,isa-base': strings('rv64i'),
    'riscv,isa-extensions': strings(...CPU_ISA_EXTENSIONS),
    'mmu-type': strings(CPU_MMU),
    status: strings('okay'),
  }, [
    node('interrupt-controller', {
      '#address-cells': cells(0),
      '#interrupt-cells': cells(1),
      'interrupt-controller': EMPTY,
      compatible: strings('riscv,cpu-intc'),
      phandle: cells(cpuIntcPhandle(vcpu)),
    }),
  ]);
}

export function guestDeviceTree(spec: GuestDeviceTreeSpec): FdtNode {
  if (!Number.isInteger(spec.vcpus) || spec.vcpus < 1) throw new RangeError(`${spec.vcpus} vCPUs`);
  const { major, minor } = spec.xenVersion;
  const banks = guestRamBanks(spec.memoryBytes);
  const vcpus = Array.from({ length: spec.vcpus }, (_, vcpu) => vcpu);
  const onEveryIntc = (irq: number): Uint8Array => cells(...vcpus.flatMap((vcpu) => [cpuIntcPhandle(vcpu), irq]));
  return node('', {
    compatible: strings(`xen,xenvm-${major}.${minor}`, 'xen,xenvm'),
    model: strings(`XENVM-${major}.${minor}`),
    '#address-cells': cells(2),
    '#size-cells': cells(2),
  }, [
    node('chosen', { bootargs: strings(spec.bootargs) }),
    node('cpus', { '#address-cells': cells(1), '#size-cells': cells(0), 'timebase-frequency': cells(spec.timebaseHz) }, vcpus.map(cpuNode)),
    node(`memory@${(banks[0] as { base: number }).base.toString(16)}`, {
      device_type: strings('memory'),
      reg: doubleCells(...banks.flatMap(({ base, size }) => [base, size])),
    }),
    node(`hypervisor@${GUEST_LAYOUT.GNTTAB_BASE.toString(16)}`, {
      compatible: strings(`xen,xen-${major}.${minor}`, 'xen,xen'),
      reg: doubleCells(GUEST_LAYOUT.GNTTAB_BASE, GUEST_LAYOUT.GNTTAB_SIZE),
      'interrupts-extended': onEveryIntc(XEN_UPCALL.IRQ),
    }),
    node('timer', { compatible: strings('riscv,timer'), 'interrupts-extended': onEveryIntc(SUPERVISOR_TIMER_IRQ) }),
  ]);
}

/** The domU's device tree as a DTB, booting from vCPU 0. */
export function buildGuestDeviceTree(spec: GuestDeviceTreeSpec): Uint8Array {
  return encodeFdt(guestDeviceTree(spec), { bootCpuId: 0 });
}
