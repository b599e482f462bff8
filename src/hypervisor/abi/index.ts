// The Xen ABI as data: declarations (decl/), the codec machinery and the generators.
// Import from here: `import { xenDomctl, XEN_DOMCTL, XenErrno } from '../abi/index.js'`.
export * from './layout.js';
export * from './aggregate.js';
export * from './constants.js';
export * from './guest-memory.js';
export * from './families.js';
export * from './decl/errno.js';
export * from './decl/xen.js';
export * from './decl/hypercalls.js';
export * from './decl/sbi.js';
export * from './decl/arch-riscv.js';
export * from './decl/guest-layout.js';
export * from './decl/version.js';
export * from './decl/vcpu.js';
export * from './decl/shared-info.js';
export * from './decl/event-channel.js';
export * from './decl/grant-table.js';
export * from './decl/memory.js';
export * from './decl/hvm.js';
export * from './decl/sched-op.js';
export * from './decl/scheduler.js';
export * from './decl/console.js';
export * from './decl/xenstore.js';
export * from './decl/sysctl.js';
export * from './decl/domctl.js';
export * from './decl/xsm.js';
export * from './decl/hypercall-subops.js';
