/* hvm_op and HVM parameters. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_HVM_H
#define XENRV_XEN_HVM_H

#include <stddef.h>
#include <stdint.h>

/* hvm_op sub-ops used on RISC-V and Arm. */
#define HVMOP_set_param 0
#define HVMOP_get_param 1

/* HVM parameter indexes (xen_hvm_param.index). */
#define HVM_PARAM_CALLBACK_IRQ 0
#define HVM_PARAM_STORE_PFN 1
#define HVM_PARAM_STORE_EVTCHN 2
#define HVM_PARAM_CONSOLE_PFN 17
#define HVM_PARAM_CONSOLE_EVTCHN 18
#define HVM_PARAM_PAGING_RING_PFN 27
#define HVM_PARAM_MONITOR_RING_PFN 28
#define HVM_PARAM_SHARING_RING_PFN 29

/* Number of HVM parameters. */
#define HVM_NR_PARAMS 39

/* HVMOP_set_param / HVMOP_get_param (value OUT for get). */
struct xen_hvm_param {
    uint16_t domid;
    uint16_t pad;
    uint32_t index;
    uint64_t value;
};
typedef struct xen_hvm_param xen_hvm_param_t;
_Static_assert(sizeof(struct xen_hvm_param) == 16, "xen_hvm_param size");
_Static_assert(_Alignof(struct xen_hvm_param) == 8, "xen_hvm_param alignment");
_Static_assert(offsetof(struct xen_hvm_param, domid) == 0, "xen_hvm_param.domid offset");
_Static_assert(offsetof(struct xen_hvm_param, pad) == 2, "xen_hvm_param.pad offset");
_Static_assert(offsetof(struct xen_hvm_param, index) == 4, "xen_hvm_param.index offset");
_Static_assert(offsetof(struct xen_hvm_param, value) == 8, "xen_hvm_param.value offset");

#endif /* XENRV_XEN_HVM_H */
