// The v1 grant entries a granting domain writes in its shared grant-table frames, read and
// updated in machine RAM. The guest writes them with plain stores while Xen may be pinning
// them, so Xen's own updates of the flags are compare-and-swaps on the 32-bit word holding
// flags (low half) and domid (high half), as Xen's guest_cmpxchg on the grant "combo".
import { GNTTAB, GTF } from '../abi/decl/grant-table.js';
import { GNTST } from '../abi/decl/grant-table.js';
import { type MachineRam, mfnOffset } from '../memory/machine-ram.js';

const ENTRY_BYTES = 8;
/** Xen gives up after this many lost races with the guest (it assumes a misbehaving guest). */
const CMPXCHG_RETRIES = 5;

export interface GrantEntry {
  flags: number;
  domid: number;
  /** The granted gfn. */
  frame: number;
}

export class SharedEntries {
  private readonly words: Int32Array;

  constructor(private readonly ram: MachineRam) {
    this.words = new Int32Array(ram.bytes.buffer, ram.bytes.byteOffset, ram.size / 4);
  }

  /** A snapshot of entry `ref % 512` of the frame at `mfn`. */
  read(mfn: number, ref: number): GrantEntry {
    const at = this.wordIndex(mfn, ref);
    const combo = Atomics.load(this.words, at);
    return { flags: combo & 0xffff, domid: (combo >>> 16) & 0xffff, frame: Atomics.load(this.words, at + 1) >>> 0 };
  }

  /** The granted gfn of entry `ref % 512` of the frame at `mfn`. */
  frameOf(mfn: number, ref: number): number {
    return Atomics.load(this.words, this.wordIndex(mfn, ref) + 1) >>> 0;
  }

  write(mfn: number, ref: number, entry: GrantEntry): void {
    const at = this.wordIndex(mfn, ref);
    // The frame first and the flags last: a reader that sees the flags sees the frame.
    Atomics.store(this.words, at + 1, entry.frame | 0);
    Atomics.store(this.words, at, (entry.flags & 0xffff) | (entry.domid << 16));
  }

  /**
   * Checks that the entry grants access to `domid` (and write access unless `readonly`)
   * and sets GTF_reading, plus GTF_writing for a writable pin, in one atomic update.
   * `alreadyPinned` skips the type and domid check (the active entry was checked then).
   */
  pin(mfn: number, ref: number, domid: number, readonly: boolean, forMapping: boolean, alreadyPinned: boolean): number {
    const at = this.wordIndex(mfn, ref);
    // A mapping may not use a sub-page grant (a v2 notion, refused the same way here).
    const typeMask = GTF.type_mask | (forMapping ? GTF.sub_page : 0);
    let combo = Atomics.load(this.words, at);
    for (let attempt = 0; attempt < CMPXCHG_RETRIES; attempt++) {
      const flags = combo & 0xffff;
      if (!alreadyPinned && ((flags & typeMask) !== GTF.permit_access || combo >>> 16 !== domid)) return GNTST.general_error;
      if (!readonly && (flags & GTF.readonly) !== 0) return GNTST.general_error;
      const wanted = combo | GTF.reading | (readonly ? 0 : GTF.writing);
      const seen = Atomics.compareExchange(this.words, at, combo, wanted);
      if (seen === combo) return GNTST.okay;
      combo = seen;
    }
    return GNTST.general_error;
  }

  /** Clears GTF_reading and/or GTF_writing (Xen's gnttab_clear_flags, an atomic and). */
  clearFlags(mfn: number, ref: number, bits: number): void {
    Atomics.and(this.words, this.wordIndex(mfn, ref), ~bits);
  }

  private wordIndex(mfn: number, ref: number): number {
    return (mfnOffset(this.ram, mfn) + (ref % GNTTAB.ENTRIES_PER_FRAME) * ENTRY_BYTES) / 4;
  }
}
