// Routes a physical MMIO access to the device whose window holds it.
import type { AccessSize, Accessor, Device } from './device.js';

export class MmioBus {
  constructor(readonly devices: readonly Device[]) {}

  find(paddr: bigint): Device | undefined {
    for (const device of this.devices) {
      if (paddr >= device.base && paddr < device.base + BigInt(device.size)) return device;
    }
    return undefined;
  }

  /** Returns undefined when no device answers at the address (an access fault). */
  read(paddr: bigint, size: AccessSize, by: Accessor): bigint | undefined {
    const device = this.find(paddr);
    return device?.read(Number(paddr - device.base), size, by);
  }

  /** Returns false when no device answers at the address (an access fault). */
  write(paddr: bigint, size: AccessSize, value: bigint, by: Accessor): boolean {
    const device = this.find(paddr);
    if (!device) return false;
    device.write(Number(paddr - device.base), size, value, by);
    return true;
  }
}
