/* xsm_op (FLASK). Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_XSM_H
#define XENRV_XEN_XSM_H

#include <stddef.h>
#include <stdint.h>

/* FLASK commands (xen_flask_op.cmd). */
#define FLASK_SID_TO_CONTEXT 5

/* FLASK interface version. */
#define XEN_FLASK_INTERFACE_VERSION 1

/* IN sid; IN/OUT size; OUT the context string. */
struct xen_flask_sid_context {
    uint32_t sid;
    uint32_t size;
    uint64_t context; /* guest handle: char * */
};
typedef struct xen_flask_sid_context xen_flask_sid_context_t;
_Static_assert(sizeof(struct xen_flask_sid_context) == 16, "xen_flask_sid_context size");
_Static_assert(_Alignof(struct xen_flask_sid_context) == 8, "xen_flask_sid_context alignment");
_Static_assert(offsetof(struct xen_flask_sid_context, sid) == 0, "xen_flask_sid_context.sid offset");
_Static_assert(offsetof(struct xen_flask_sid_context, size) == 4, "xen_flask_sid_context.size offset");
_Static_assert(offsetof(struct xen_flask_sid_context, context) == 8, "xen_flask_sid_context.context offset");

union xen_flask_op_u {
    struct xen_flask_sid_context sid_context;
};
typedef union xen_flask_op_u xen_flask_op_u_t;
_Static_assert(sizeof(union xen_flask_op_u) == 16, "xen_flask_op_u size");
_Static_assert(_Alignof(union xen_flask_op_u) == 8, "xen_flask_op_u alignment");
_Static_assert(offsetof(union xen_flask_op_u, sid_context) == 0, "xen_flask_op_u.sid_context offset");

/* The xsm_op argument (only the member libxl uses is declared). */
struct xen_flask_op {
    uint32_t cmd;
    uint32_t interface_version;
    union xen_flask_op_u u;
};
typedef struct xen_flask_op xen_flask_op_t;
_Static_assert(sizeof(struct xen_flask_op) == 24, "xen_flask_op size");
_Static_assert(_Alignof(struct xen_flask_op) == 8, "xen_flask_op alignment");
_Static_assert(offsetof(struct xen_flask_op, cmd) == 0, "xen_flask_op.cmd offset");
_Static_assert(offsetof(struct xen_flask_op, interface_version) == 4, "xen_flask_op.interface_version offset");
_Static_assert(offsetof(struct xen_flask_op, u) == 8, "xen_flask_op.u offset");

#endif /* XENRV_XEN_XSM_H */
