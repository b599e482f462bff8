// Interrupt lines and timer compares of the machine's harts, as the devices drive them:
// writes go to the hart blocks in shared memory, and a rising line wakes a sleeping hart.
import type { HartLines } from '../devices/device.js';
import type { MachineMemory } from './machine-memory.js';
import type { RunControl } from './run-control.js';

export class MachineLines implements HartLines {
  readonly hartCount: number;

  constructor(private readonly machine: MachineMemory, private readonly control: RunControl) {
    this.hartCount = control.harts;
  }

  setInterruptPending(hart: number, mipBit: number, pending: boolean): void {
    this.machine.setInterruptPending(hart, mipBit, pending);
    if (pending) this.control.wake(hart);
  }

  setTimerCompare(hart: number, value: bigint): void {
    // setTimerCompare rings the doorbell; a hart asleep in WFI also re-checks: it may now
    // have a deadline to jump to.
    this.machine.setTimerCompare(hart, 'mtimecmp', value);
    this.control.wake(hart);
  }
}
