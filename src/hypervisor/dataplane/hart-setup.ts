// Building a data-plane hart from its structured-cloneable setup, in a hart worker or (for
// every hart) on the main thread in deterministic mode.
import { Hart } from '../../harts/hart.js';
import { MachineMemory } from '../../harts/machine-memory.js';
import { RunControl } from '../../harts/run-control.js';
import { RAM_BASE } from '../host-config.js';
import { Hypervisor } from '../hypervisor.js';
import { machineRamOf } from '../memory/machine-ram.js';
import { HartMailbox } from './mailbox.js';
import type { ControlLink, HartSetup } from './protocol.js';
import { VcpuHart, configureForGuests } from './vcpu-hart.js';

/**
 * `hv` is the hypervisor whose identity, configuration and clock the fast path uses: the
 * main thread's in deterministic mode, else a thread-local one over the same machine RAM.
 */
export async function createVcpuHart(setup: HartSetup, hartId: number, link: ControlLink, hv?: Hypervisor): Promise<VcpuHart> {
  const machine = MachineMemory.attach(setup.memory, setup.machine);
  const ram = machineRamOf(machine, RAM_BASE);
  const hart = await Hart.load(machine, hartId);
  configureForGuests(hart);
  return new VcpuHart(
    hart,
    hartId,
    new RunControl(setup.controlBuffer, setup.machine.harts, setup.quantumTicks),
    new HartMailbox(setup.mailboxBuffer, setup.machine.harts),
    link,
    hv ?? new Hypervisor(setup.host, ram),
    ram,
    {
      instructionsPerTick: setup.machine.instructionsPerTick,
      nsPerTick: 1e9 / setup.host.timebaseHz,
      sliceInstructions: setup.sliceInstructions,
      haltPollNs: setup.haltPollNs,
    },
  );
}
