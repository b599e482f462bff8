// Places an ELF image's loadable segments into machine RAM at their physical addresses.
import { ElfError, type ElfImage } from './elf.js';

/** The part of MachineMemory the loader needs: physToOffset gives offsets into `memory`. */
export interface PhysicalRam {
  readonly memory: { readonly buffer: ArrayBufferLike };
  physToOffset(paddr: bigint, length: number): number;
}

export function loadElfSegments(image: ElfImage, memory: PhysicalRam, ramBase: bigint, ramBytes: number): void {
  const bytes = new Uint8Array(memory.memory.buffer);
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
    bytes.set(segment.data, offset);
    bytes.fill(0, offset + segment.data.length, offset + segment.memsz);
  });
}

function hex(value: bigint): string {
  return `0x${value.toString(16)}`;
}
