/* The whole xenrv Xen ABI. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_ABI_H
#define XENRV_XEN_ABI_H
#include "xen/errno.h"
#include "xen/xen.h"
#include "xen/sbi.h"
#include "xen/arch-riscv.h"
#include "xen/version.h"
#include "xen/vcpu.h"
#include "xen/shared_info.h"
#include "xen/event_channel.h"
#include "xen/grant_table.h"
#include "xen/memory.h"
#include "xen/hvm.h"
#include "xen/sched.h"
#include "xen/scheduler.h"
#include "xen/console.h"
#include "xen/xenstore.h"
#include "xen/sysctl.h"
#include "xen/domctl.h"
#include "xen/xsm.h"
#endif /* XENRV_XEN_ABI_H */
