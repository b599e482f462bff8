// The guest kernel as the builder loads it: an RV64 ELF whose PT_LOAD segments all fall
// inside the guest's RAM bank 0 (GUEST_RAM0_BASE, as Xen's RISC-V guest layout).
import { ElfError, type ElfImage, parseElf } from '../../harts/elf.js';
import { GUEST_LAYOUT } from '../../hypervisor/abi/decl/guest-layout.js';
import { DomainBuildError } from './build-error.js';

export function checkKernelImage(path: string, bytes: Uint8Array, memoryBytes: number): ElfImage {
  let image: ElfImage;
  try {
    image = parseElf(bytes);
  } catch (error) {
    if (error instanceof ElfError) throw new DomainBuildError(`kernel '${path}' is not an RV64 ELF image: ${error.message}`);
    throw error;
  }
  const ramStart = GUEST_LAYOUT.RAM0_BASE;
  const ramEnd = ramStart + memoryBytes;
  for (const segment of image.segments) {
    const start = Number(segment.paddr);
    if (start < ramStart || start + segment.memsz > ramEnd) {
      throw new DomainBuildError(
        `kernel '${path}': segment at 0x${start.toString(16)} (${segment.memsz} bytes) lies outside the guest's RAM ` +
          `0x${ramStart.toString(16)}-0x${(ramEnd - 1).toString(16)}`,
      );
    }
  }
  return image;
}
