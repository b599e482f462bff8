/* Xenstore wire protocol and ring. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_XENSTORE_H
#define XENRV_XEN_XENSTORE_H

#include <stddef.h>
#include <stdint.h>

/* Xenstore message types (xsd_sockmsg.type). */
#define XS_CONTROL 0
#define XS_DEBUG 0
#define XS_DIRECTORY 1
#define XS_READ 2
#define XS_GET_PERMS 3
#define XS_WATCH 4
#define XS_UNWATCH 5
#define XS_TRANSACTION_START 6
#define XS_TRANSACTION_END 7
#define XS_INTRODUCE 8
#define XS_RELEASE 9
#define XS_GET_DOMAIN_PATH 10
#define XS_WRITE 11
#define XS_MKDIR 12
#define XS_RM 13
#define XS_SET_PERMS 14
#define XS_WATCH_EVENT 15
#define XS_ERROR 16
#define XS_IS_DOMAIN_INTRODUCED 17
#define XS_RESUME 18
#define XS_SET_TARGET 19
#define XS_RESET_WATCHES 21
#define XS_DIRECTORY_PART 22
#define XS_INVALID 65535

/* Xenstore ring and message limits. */
#define XENSTORE_RING_SIZE 1024
#define XENSTORE_PAYLOAD_MAX 4096
#define XENSTORE_ABS_PATH_MAX 3072
#define XENSTORE_REL_PATH_MAX 2048
#define XENSTORE_SERVER_FEATURE_RECONNECTION 1
#define XENSTORE_SERVER_FEATURE_ERROR 2
#define XENSTORE_CONNECTED 0
#define XENSTORE_RECONNECT 1

/* xenstore_domain_interface.error values. */
#define XENSTORE_ERROR_NONE 0
#define XENSTORE_ERROR_COMM 1
#define XENSTORE_ERROR_RINGIDX 2
#define XENSTORE_ERROR_PROTO 3

/* Header of every xenstore message; len payload bytes follow. */
struct xsd_sockmsg {
    uint32_t type;
    uint32_t req_id;
    uint32_t tx_id;
    uint32_t len;
};
typedef struct xsd_sockmsg xsd_sockmsg_t;
_Static_assert(sizeof(struct xsd_sockmsg) == 16, "xsd_sockmsg size");
_Static_assert(_Alignof(struct xsd_sockmsg) == 4, "xsd_sockmsg alignment");
_Static_assert(offsetof(struct xsd_sockmsg, type) == 0, "xsd_sockmsg.type offset");
_Static_assert(offsetof(struct xsd_sockmsg, req_id) == 4, "xsd_sockmsg.req_id offset");
_Static_assert(offsetof(struct xsd_sockmsg, tx_id) == 8, "xsd_sockmsg.tx_id offset");
_Static_assert(offsetof(struct xsd_sockmsg, len) == 12, "xsd_sockmsg.len offset");

/* The xenstore ring page (4.18 layout; 4.21 adds evtchn_port at 2076). Indexes are free-running u32, masked with RING_SIZE-1. */
struct xenstore_domain_interface {
    uint8_t req[1024];
    uint8_t rsp[1024];
    uint32_t req_cons;
    uint32_t req_prod;
    uint32_t rsp_cons;
    uint32_t rsp_prod;
    uint32_t server_features;
    uint32_t connection;
    uint32_t error;
};
typedef struct xenstore_domain_interface xenstore_domain_interface_t;
_Static_assert(sizeof(struct xenstore_domain_interface) == 2076, "xenstore_domain_interface size");
_Static_assert(_Alignof(struct xenstore_domain_interface) == 4, "xenstore_domain_interface alignment");
_Static_assert(offsetof(struct xenstore_domain_interface, req) == 0, "xenstore_domain_interface.req offset");
_Static_assert(offsetof(struct xenstore_domain_interface, rsp) == 1024, "xenstore_domain_interface.rsp offset");
_Static_assert(offsetof(struct xenstore_domain_interface, req_cons) == 2048, "xenstore_domain_interface.req_cons offset");
_Static_assert(offsetof(struct xenstore_domain_interface, req_prod) == 2052, "xenstore_domain_interface.req_prod offset");
_Static_assert(offsetof(struct xenstore_domain_interface, rsp_cons) == 2056, "xenstore_domain_interface.rsp_cons offset");
_Static_assert(offsetof(struct xenstore_domain_interface, rsp_prod) == 2060, "xenstore_domain_interface.rsp_prod offset");
_Static_assert(offsetof(struct xenstore_domain_interface, server_features) == 2064, "xenstore_domain_interface.server_features offset");
_Static_assert(offsetof(struct xenstore_domain_interface, connection) == 2068, "xenstore_domain_interface.connection offset");
_Static_assert(offsetof(struct xenstore_domain_interface, error) == 2072, "xenstore_domain_interface.error offset");

#endif /* XENRV_XEN_XENSTORE_H */
