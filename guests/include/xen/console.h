/* console_io and the console ring. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_CONSOLE_H
#define XENRV_XEN_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

/* console_io commands. */
#define CONSOLEIO_write 0
#define CONSOLEIO_read 1

/* PV console ring sizes; indexes are free-running, masked with size-1. */
#define XENCONS_IN_RING_SIZE 1024
#define XENCONS_OUT_RING_SIZE 2048

/* The console page (4.18 layout; 4.21 adds a connection byte at 3088). The guest fills out[] and advances out_prod; the backend fills in[]. */
struct xencons_interface {
    uint8_t in[1024];
    uint8_t out[2048];
    uint32_t in_cons;
    uint32_t in_prod;
    uint32_t out_cons;
    uint32_t out_prod;
};
typedef struct xencons_interface xencons_interface_t;
_Static_assert(sizeof(struct xencons_interface) == 3088, "xencons_interface size");
_Static_assert(_Alignof(struct xencons_interface) == 4, "xencons_interface alignment");
_Static_assert(offsetof(struct xencons_interface, in) == 0, "xencons_interface.in offset");
_Static_assert(offsetof(struct xencons_interface, out) == 1024, "xencons_interface.out offset");
_Static_assert(offsetof(struct xencons_interface, in_cons) == 3072, "xencons_interface.in_cons offset");
_Static_assert(offsetof(struct xencons_interface, in_prod) == 3076, "xencons_interface.in_prod offset");
_Static_assert(offsetof(struct xencons_interface, out_cons) == 3080, "xencons_interface.out_cons offset");
_Static_assert(offsetof(struct xencons_interface, out_prod) == 3084, "xencons_interface.out_prod offset");

#endif /* XENRV_XEN_CONSOLE_H */
