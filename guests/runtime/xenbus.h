/* The guest's xenstore client (xenbus.c) on the ring page and event channel the toolstack
   gives in HVM params STORE_PFN and STORE_EVTCHN. Requests are xenstore messages
   (xs_wire.h) on the ring; relative paths are below the domain's /local/domain/<id>. Any
   vCPU may call: one request is in flight at a time, as with libxenstore's handle, and
   watch events arriving meanwhile are queued for xenbus_read_watch. Results are >= 0 or
   -XEN_Exxx, the errno xenstored named in its XS_ERROR reply. */
#ifndef RUNTIME_XENBUS_H
#define RUNTIME_XENBUS_H

#include <stddef.h>
#include <stdint.h>

typedef uint32_t xenbus_transaction_t;
#define XBT_NIL ((xenbus_transaction_t)0)

/* Finds the page and port; 0 or -XEN_Exxx (-XEN_ENOENT when the toolstack set none). */
long xenbus_init(void);

/* The value's length; `value` gets it NUL-terminated, cut at size - 1. */
long xenbus_read(xenbus_transaction_t t, const char *path, char *value, size_t size);
long xenbus_write(xenbus_transaction_t t, const char *path, const char *value);
long xenbus_mkdir(xenbus_transaction_t t, const char *path);
long xenbus_rm(xenbus_transaction_t t, const char *path);
/* The number of children; `names` gets them NUL-separated (as many as fit). */
long xenbus_directory(xenbus_transaction_t t, const char *path, char *names, size_t size);

long xenbus_watch(const char *path, const char *token);
long xenbus_unwatch(const char *path, const char *token);
/* Waits for the next watch event (the registration's own first event included). */
long xenbus_read_watch(char *path, size_t path_size, char *token, size_t token_size);

long xenbus_transaction_start(xenbus_transaction_t *t);
/* Commits (abort = 0) or aborts; -XEN_EAGAIN when a commit lost to a concurrent change. */
long xenbus_transaction_end(xenbus_transaction_t t, int abort);
/* Runs body(t, arg) in a transaction until its commit does not say EAGAIN (a body that
   fails aborts it; its own EAGAIN retries too). `attempts` (may be NULL) gets the count. */
long xenbus_transaction_run(long (*body)(xenbus_transaction_t t, void *arg), void *arg, unsigned int *attempts);

/* "ENOENT" for -XEN_ENOENT, ..., "OK" for 0 and above: the names xenstored uses. */
const char *xenbus_error_name(long rc);
/* Watch events dropped because the queue was full. */
uint64_t xenbus_dropped_events(void);

#endif
