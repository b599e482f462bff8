// Everything a thread needs to run harts of one bare-metal machine, as one structured-
// cloneable record, and the function that builds the hart loops from it (in a worker for
// parallel mode, on the calling thread for deterministic mode).
import { SharedWords } from '../devices/device.js';
import { Htif } from '../devices/htif.js';
import { createVirtPlatform } from '../devices/virt-platform.js';
import { Hart } from './hart.js';
import { HartLoop } from './hart-loop.js';
import { MachineLines } from './machine-lines.js';
import { MachineMemory, type MachineConfig } from './machine-memory.js';
import { RunControl } from './run-control.js';

export interface BareMetalSetup {
  readonly memory: WebAssembly.Memory;
  readonly config: MachineConfig;
  readonly controlBuffer: SharedArrayBuffer;
  readonly deviceBuffer: SharedArrayBuffer;
  /** Virtual-time quantum in timebase ticks: the most harts may drift apart. */
  readonly quantum: bigint;
  readonly sliceInstructions: number;
  readonly maxInstructions: bigint | undefined;
  /** Every hart starts here in M-mode with a0 = its hart id. */
  readonly entry: bigint;
  /** Physical addresses of the HTIF words, when the image has them. */
  readonly tohost: bigint | undefined;
  readonly fromhost: bigint | undefined;
}

/** Receives console bytes (UART and HTIF) produced on this thread. */
export type ConsoleSink = (bytes: Uint8Array) => void;

export async function createHartLoops(setup: BareMetalSetup, hartIds: readonly number[], console: ConsoleSink): Promise<HartLoop[]> {
  const machine = MachineMemory.attach(setup.memory, setup.config);
  const control = new RunControl(setup.controlBuffer, setup.config.harts, setup.quantum);
  const lines = new MachineLines(machine, control);
  const platform = createVirtPlatform(
    new SharedWords(setup.deviceBuffer),
    lines,
    (byte) => console(new Uint8Array([byte])),
    (event, hartId) => HartLoop.finish(control, hartId, event),
  );
  const htif = setup.tohost === undefined ? undefined : new Htif(
    machine,
    offsetOf(machine, setup.tohost),
    setup.fromhost === undefined ? undefined : offsetOf(machine, setup.fromhost),
    console,
  );
  const options = {
    instructionsPerTick: setup.config.instructionsPerTick,
    sliceInstructions: setup.sliceInstructions,
    maxInstructions: setup.maxInstructions,
  };
  const harts = await Promise.all(hartIds.map((id) => Hart.load(machine, id)));
  return harts.map((hart, i) => {
    hart.reset(setup.entry, BigInt(hartIds[i]!));
    if (setup.tohost !== undefined) hart.watchStores(setup.tohost);
    return new HartLoop(hart, hartIds[i]!, control, platform, htif, options);
  });
}

function offsetOf(machine: MachineMemory, paddr: bigint): number {
  const offset = machine.physToOffset(paddr, 8);
  if (offset < 0) throw new Error(`HTIF word at 0x${paddr.toString(16)} is outside RAM`);
  return offset;
}
