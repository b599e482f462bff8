// Layout of the shared WebAssembly.Memory and of one hart's block inside it.
// This file is compiled twice: by tsc for the TypeScript side and by asc for the hart
// core (src/harts/core), so both sides agree on every offset. Keep it to plain constants.

// ---- machine-wide layout (byte offsets in the shared memory) ----
/** Below this: the core's own static data (asc --memoryBase 0, a few hundred bytes). */
export const MACHINE_HEADER = 0x10000;
/** First hart block; blocks follow each other every HART_STRIDE bytes. */
export const HARTS_BASE = 0x100000;
export const HART_STRIDE = 0x60000;
/** Guest RAM starts at the first RAM_ALIGN boundary after the hart blocks. */
export const RAM_ALIGN = 0x100000;

// Machine header words (i64 each): written once by MachineMemory.create.
export const MH_MAGIC = 0;
export const MH_HARTS = 8;
export const MH_RAM_OFFSET = 16;
export const MH_RAM_BYTES = 24;
export const MH_IPT = 32;
export const MACHINE_MAGIC = 0x58524e56; // "VNRX"

// ---- one hart block (byte offsets from the block start) ----
export const HB_X = 0; // x0..x31, i64 each
export const HB_PC = 256;
export const HB_PRIV = 264; // 0 = U, 1 = S, 3 = M
export const HB_VIRT = 272; // 1 when V=1 (VS/VU)
export const HB_CYCLES = 280; // mcycle
export const HB_INSTRET = 288; // minstret
export const HB_TICKS = 296; // virtual time in instruction units; time = ticks / instructionsPerTick
export const HB_MTIMECMP = 304;
export const HB_RAM_OFFSET = 312; // copy of the machine header, so the core reads its own block only
export const HB_RAM_BYTES = 320;
export const HB_IPT = 328; // instructionsPerTick
export const HB_HART_ID = 336;
export const HB_TRAP_MODE = 344; // TRAP_MODE_* below
export const HB_WATCH = 352; // physical address of the HTIF word (-1 = none)
export const HB_FLUSH_REQ = 360; // i32: non-zero asks the core to flush its TLBs at the next run()
export const HB_DOORBELL = 364; // i32: bumped and notified when an interrupt is posted
export const HB_LR_VALID = 368;
export const HB_LR_HOST = 376; // wasm offset of the reserved word
export const HB_LR_VALUE = 384; // value the LR read
export const HB_TLB_CTX = 392; // id (0..TLB_CONTEXTS-1) of the current translation context
export const HB_TLB_VICTIM = 400; // next context slot to recycle
export const HB_X0_SINK = 408; // where predecoded instructions with rd = x0 write (x0 itself stays 0)
export const HB_DECODE_SCRATCH = 416; // 16 bytes: the decoded form of an instruction that crosses a page

// Exit record: what the last run() stopped on.
export const HB_EXIT_REASON = 512;
export const HB_EXIT_CAUSE = 520;
export const HB_EXIT_TVAL = 528;
export const HB_EXIT_GPA = 536;
export const HB_EXIT_INSN = 544; // raw instruction bits (16-bit for RVC)
export const HB_EXIT_PC = 552;
export const HB_EXIT_LEN = 560; // instruction length, 2 or 4 (0 when there is no instruction)
export const HB_ACC_VALID = 568; // 1 when the exit carries a decoded load/store
export const HB_ACC_PADDR = 576; // physical address (MMIO) or guest-physical address (guest-page fault)
export const HB_ACC_SIZE = 584;
export const HB_ACC_STORE = 592;
export const HB_ACC_VALUE = 600; // store data
export const HB_ACC_RD = 608;
export const HB_ACC_SIGNED = 616;

/** Translation contexts the TLBs hold entries for: TLB_CONTEXTS × 4 i64 keys (see mmu.ts). */
export const HB_TLB_CONTEXTS = 640;
export const TLB_CONTEXTS = 8;

/** CSR file: one i64 slot per CSR number (csr * 8). mip and hvip are atomic i32 words. */
export const HB_CSR = 1024;
/** Soft TLBs: fetch, load, store; TLB_ENTRIES entries of {tag i64, addend i64} each. */
export const HB_TLB = 0x9000;
export const TLB_ENTRIES = 1024;
export const TLB_BYTES = TLB_ENTRIES * 16;
export const TLB_FETCH = 0;
export const TLB_LOAD = 1;
export const TLB_STORE = 2;
/** Decode cache (see core/decode.ts): DECODE_SLOTS slots of 16 bytes, direct-mapped by instruction address. */
export const HB_DECODE = 0x20000;
export const DECODE_SLOTS = 16384;

// Trap routing (HB_TRAP_MODE).
export const TRAP_MODE_ARCH = 0; // bare metal: traps go where hardware sends them
export const TRAP_MODE_HYPERVISOR = 1; // traps from V=1 bound for HS-mode become exits

// Exit reasons returned by run().
export const EXIT_BUDGET = 0;
export const EXIT_MMIO = 1;
export const EXIT_WFI = 2;
export const EXIT_HTIF = 3;
export const EXIT_ECALL_VS = 4;
export const EXIT_GUEST_PAGE_FAULT = 5;
export const EXIT_VIRTUAL_INSTRUCTION = 6;
export const EXIT_INTERRUPT = 7; // hypervisor mode: an interrupt for HS/M arrived while V=1
export const EXIT_TRAP = 8; // hypervisor mode: any other trap from V=1 bound for HS-mode
