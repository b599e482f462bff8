// Places an ELF image's loadable segments into machine RAM at their physical addresses.
import { ElfError, type ElfImage } from './elf.js';

/** The part of MachineMemory the loader needs. */
export interface PhysicalRam {
  ram(): Uint8Array;
  physToOffset(paddr: bigint, length: number): number;
}

export function loadElfSegments(image: ElfImage, memory: PhysicalRam, ramBase: bigint, ramBytes: number): void {
  const ram = memory.ram();
  // Check every segment before writing any, so a bad image leaves RAM untouched.
  const offsets = image.segments.map((segment, i) => {
    const offset = memory.physToOffset(segment.paddr, segment.memsz);
    if (offset < 0) {
      const end = segment.paddr + BigInt(segment.memsz);
      throw new ElfError(
        `segment ${i} at ${hex(segment.paddr)}-${hex(end)} lies outside RAM ${hex(ramBase)}-${hex(ramBase + BigInt(ramBytes))}`,
      );
    }
    return offset;
  });
  image.segments.forEach((segment, i) => {
    const offset = offsets[i]!;
    ram.set(segment.data, offset);
    ram.fill(0, offset + segment.data.length, offset + segment.memsz);
  });
}

function hex(value: bigint): string {
  return `0x${value.toString(16)}`;
}
