import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { GUEST_LAYOUT, XEN_UPCALL } from '../../src/hypervisor/abi/decl/guest-layout.js';
import { DEFAULT_HOST, XEN_IDENTITY } from '../../src/hypervisor/host-config.js';
import { type GuestDeviceTreeSpec, buildGuestDeviceTree, guestRamBanks } from '../../src/toolstack/device-tree/guest-device-tree.js';
import { type ReadNode, cellsOf, nodeAt, readFdt, stringsOf } from '../support/fdt-reader.js';
import { missingTools } from '../support/tools.js';

const SPEC: GuestDeviceTreeSpec = {
  memoryBytes: 64 * 2 ** 20, vcpus: 2, bootargs: 'console=hvc0 greeting=yes', timebaseHz: DEFAULT_HOST.timebaseHz, xenVersion: XEN_IDENTITY,
};

function at(root: ReadNode, path: string): ReadNode {
  const node = nodeAt(root, path);
  if (node === undefined) throw new Error(`no ${path}`);
  return node;
}
const prop = (node: ReadNode, name: string): Uint8Array => {
  const value = node.properties.get(name);
  if (value === undefined) throw new Error(`no ${name} in ${node.name}`);
  return value;
};

describe('the domU device tree', () => {
  const { root, bootCpuId, reservations } = readFdt(buildGuestDeviceTree(SPEC));

  it('describes the guest RAM at GUEST_RAM0_BASE with two-cell addresses and sizes', () => {
    expect(cellsOf(prop(root, '#address-cells'))).toEqual([2]);
    expect(cellsOf(prop(root, '#size-cells'))).toEqual([2]);
    const memory = at(root, '/memory@80000000');
    expect(stringsOf(prop(memory, 'device_type'))).toEqual(['memory']);
    expect(cellsOf(prop(memory, 'reg'))).toEqual([0, 0x80000000, 0, 64 * 2 ** 20]);
    expect(bootCpuId).toBe(0);
    expect(reservations).toEqual([]);
  });

  it('has one cpu node per vCPU with the timebase, ISA, MMU and a local interrupt controller', () => {
    const cpus = at(root, '/cpus');
    expect(cellsOf(prop(cpus, 'timebase-frequency'))).toEqual([10_000_000]);
    expect(cpus.children.map((c) => c.name)).toEqual(['cpu@0', 'cpu@1']);
    cpus.children.forEach((cpu, vcpu) => {
      expect(cellsOf(prop(cpu, 'reg'))).toEqual([vcpu]);
      expect(stringsOf(prop(cpu, 'device_type'))).toEqual(['cpu']);
      expect(stringsOf(prop(cpu, 'compatible'))).toEqual(['riscv']);
      expect(stringsOf(prop(cpu, 'riscv,isa'))).toEqual(['rv64imac_zicsr_zifencei']);
      expect(stringsOf(prop(cpu, 'mmu-type'))).toEqual(['riscv,sv39']);
      expect(stringsOf(prop(cpu, 'status'))).toEqual(['okay']);
      const intc = at(cpu, 'interrupt-controller');
      expect(stringsOf(prop(intc, 'compatible'))).toEqual(['riscv,cpu-intc']);
      expect(cellsOf(prop(intc, '#interrupt-cells'))).toEqual([1]);
      expect(prop(intc, 'interrupt-controller').length).toBe(0);
      expect(cellsOf(prop(intc, 'phandle'))).toEqual([vcpu + 1]);
    });
  });

  it('passes the command line in /chosen/bootargs', () => {
    expect(stringsOf(prop(at(root, '/chosen'), 'bootargs'))).toEqual(['console=hvc0 greeting=yes']);
  });

  it('has the xen,xen node with the grant-table region and the upcall on every vCPU\'s local interrupt controller', () => {
    const xen = at(root, '/hypervisor@38000000');
    expect(stringsOf(prop(xen, 'compatible'))).toEqual(['xen,xen-4.18', 'xen,xen']);
    expect(cellsOf(prop(xen, 'reg'))).toEqual([0, GUEST_LAYOUT.GNTTAB_BASE, 0, GUEST_LAYOUT.GNTTAB_SIZE]);
    expect(cellsOf(prop(xen, 'interrupts-extended'))).toEqual([1, XEN_UPCALL.IRQ, 2, XEN_UPCALL.IRQ]);
  });

  it('has the SBI timer on every vCPU\'s supervisor timer interrupt', () => {
    const timer = at(root, '/timer');
    expect(stringsOf(prop(timer, 'compatible'))).toEqual(['riscv,timer']);
    expect(cellsOf(prop(timer, 'interrupts-extended'))).toEqual([1, 5, 2, 5]);
  });

  it('spills RAM past 2 GiB into the second bank, and refuses what does not fit', () => {
    expect(guestRamBanks(3 * 2 ** 30)).toEqual([
      { base: GUEST_LAYOUT.RAM0_BASE, size: 2 ** 31 }, { base: GUEST_LAYOUT.RAM1_BASE, size: 2 ** 30 },
    ]);
    const big = readFdt(buildGuestDeviceTree({ ...SPEC, memoryBytes: 3 * 2 ** 30 })).root;
    expect(cellsOf(prop(at(big, '/memory@80000000'), 'reg'))).toEqual([0, 0x80000000, 0, 0x80000000, 2, 0, 0, 0x40000000]);
    expect(() => guestRamBanks(0)).toThrow('guest RAM of 0 bytes');
    expect(() => guestRamBanks(GUEST_LAYOUT.RAM0_SIZE + GUEST_LAYOUT.RAM1_SIZE + 4096)).toThrow('does not fit the guest memory map');
    expect(() => buildGuestDeviceTree({ ...SPEC, vcpus: 0 })).toThrow('0 vCPUs');
  });

  const skip = missingTools('dtc');
  it.skipIf(skip)(`is a tree dtc reads without warnings ${skip ?? ''}`, () => {
    const text = execFileSync('dtc', ['-I', 'dtb', '-O', 'dts', '-'], { input: buildGuestDeviceTree(SPEC) }).toString();
    expect(text).toContain('timebase-frequency = <0x989680>;');
    expect(text).toContain('compatible = "xen,xen-4.18\\0xen,xen";');
    expect(text).toContain('interrupts-extended = <0x01 0x01 0x02 0x01>;');
    // dtc's own checks of the tree (phandles, unit addresses, reg sizes, interrupt providers)
    const warnings = execFileSync('sh', ['-c', 'dtc -I dtb -O dtb -o /dev/null - 2>&1'], { input: buildGuestDeviceTree(SPEC) }).toString();
    expect(warnings).toBe('');
  });
});
