/* xenbus: the xenstore protocol on the guest's ring. A request is written into req[]
   whole (across the ring's wrap, in as many pieces as the room allows), with one signal on
   the store event channel per piece; then replies are read from rsp[]: watch events are
   queued, the first other message is the reply. Consuming replies is signalled when the
   daemon may be waiting for room (the ring was full) and before this side waits, so the
   daemon always hears of room it needs, without a signal per message. */
#include "runtime.h"
#include "pv-ring.h"

#define EVENT_SLOTS 8

struct queued_event {
    uint32_t length;
    char payload[XENSTORE_PAYLOAD_MAX]; /* path\0token\0 */
};

static struct xenstore_domain_interface *ring;
static evtchn_port_t port;
/* vCPUs waiting on the port (pv_ring_wait). */
static uint32_t waiters;
/* Held for a whole request and its reply, and while draining events. */
static volatile int busy;
static uint32_t next_req_id = 1;
static char reply[XENSTORE_PAYLOAD_MAX + 1];
static uint8_t message[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX];
/* Replies consumed since the daemon was last signalled. */
static int consumed_unsignalled;
static struct queued_event events[EVENT_SLOTS];
static unsigned int event_head, event_count;
static uint64_t dropped;

/* xs_wire.h's error table, as xenstored names them. */
static const struct {
    const char *name;
    long errno_value;
} error_names[] = {
    { "EINVAL", XEN_EINVAL }, { "EACCES", XEN_EACCES }, { "EEXIST", XEN_EEXIST }, { "EISDIR", XEN_EISDIR },
    { "ENOENT", XEN_ENOENT }, { "ENOMEM", XEN_ENOMEM }, { "ENOSPC", XEN_ENOSPC }, { "EIO", XEN_EIO },
    { "ENOTEMPTY", XEN_ENOTEMPTY }, { "ENOSYS", XEN_ENOSYS }, { "EROFS", XEN_EROFS }, { "EBUSY", XEN_EBUSY },
    { "EAGAIN", XEN_EAGAIN }, { "EISCONN", XEN_EISCONN }, { "E2BIG", XEN_E2BIG }, { "EPERM", XEN_EPERM },
};

long xenbus_init(void)
{
    void *page;
    long rc = pv_ring_connect(HVM_PARAM_STORE_PFN, HVM_PARAM_STORE_EVTCHN, &page, &port);
    if (rc == 0) ring = page;
    return rc;
}

const char *xenbus_error_name(long rc)
{
    if (rc >= 0) return "OK";
    for (size_t i = 0; i < ARRAY_SIZE(error_names); i++)
        if (error_names[i].errno_value == -rc) return error_names[i].name;
    return "EINVAL";
}

uint64_t xenbus_dropped_events(void) { return __atomic_load_n(&dropped, __ATOMIC_RELAXED); }

static long errno_of(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(error_names); i++)
        if (strcmp(error_names[i].name, name) == 0) return -error_names[i].errno_value;
    return -XEN_EINVAL; /* what libxenstore makes of a name it does not know */
}

static void lock(void)
{
    while (__atomic_exchange_n(&busy, 1, __ATOMIC_ACQUIRE)) xen_yield();
}

static void unlock(void) { __atomic_store_n(&busy, 0, __ATOMIC_RELEASE); }

/* ---- the two directions of the ring */

static int request_room(void *arg)
{
    (void)arg;
    return __atomic_load_n(&ring->req_prod, __ATOMIC_RELAXED) - __atomic_load_n(&ring->req_cons, __ATOMIC_ACQUIRE) <
           XENSTORE_RING_SIZE;
}

static int response_ready(void *arg)
{
    (void)arg;
    return __atomic_load_n(&ring->rsp_prod, __ATOMIC_ACQUIRE) != __atomic_load_n(&ring->rsp_cons, __ATOMIC_RELAXED);
}

static void ring_write(const void *data, size_t length)
{
    const uint8_t *in = data;
    while (length > 0) {
        pv_ring_wait(port, &waiters, request_room, NULL);
        uint32_t prod = ring->req_prod;
        uint32_t room = XENSTORE_RING_SIZE - (prod - __atomic_load_n(&ring->req_cons, __ATOMIC_ACQUIRE));
        uint32_t count = length < room ? (uint32_t)length : room;
        for (uint32_t i = 0; i < count; i++) ring->req[(prod + i) & (XENSTORE_RING_SIZE - 1)] = in[i];
        __atomic_store_n(&ring->req_prod, prod + count, __ATOMIC_RELEASE);
        evtchn_send(port);
        in += count;
        length -= count;
    }
}

/* Reads exactly `length` bytes (NULL: skips them), waiting for the daemon as needed. */
static void ring_read(void *data, size_t length)
{
    uint8_t *out = data;
    while (length > 0) {
        if (!response_ready(NULL)) {
            if (consumed_unsignalled) evtchn_send(port);
            consumed_unsignalled = 0;
            pv_ring_wait(port, &waiters, response_ready, NULL);
        }
        uint32_t cons = ring->rsp_cons;
        uint32_t pending = __atomic_load_n(&ring->rsp_prod, __ATOMIC_ACQUIRE) - cons;
        if (pending > XENSTORE_RING_SIZE) pending = XENSTORE_RING_SIZE;
        int was_full = pending == XENSTORE_RING_SIZE;
        uint32_t count = length < pending ? (uint32_t)length : pending;
        for (uint32_t i = 0; i < count; i++) {
            uint8_t byte = ring->rsp[(cons + i) & (XENSTORE_RING_SIZE - 1)];
            if (out) out[i] = byte;
        }
        __atomic_store_n(&ring->rsp_cons, cons + count, __ATOMIC_RELEASE);
        if (was_full) evtchn_send(port);
        else consumed_unsignalled = 1;
        if (out) out += count;
        length -= count;
    }
}

/* Reads one message: watch events go to the queue (1 returned), anything else into `reply` (0). */
static int read_message(struct xsd_sockmsg *header)
{
    ring_read(header, sizeof *header);
    if (header->type == XS_WATCH_EVENT) {
        if (event_count == EVENT_SLOTS || header->len > XENSTORE_PAYLOAD_MAX) {
            ring_read(NULL, header->len);
            __atomic_fetch_add(&dropped, 1, __ATOMIC_RELAXED);
            return 1;
        }
        struct queued_event *slot = &events[(event_head + event_count) % EVENT_SLOTS];
        ring_read(slot->payload, header->len);
        slot->length = header->len;
        event_count++;
        return 1;
    }
    uint32_t kept = header->len < XENSTORE_PAYLOAD_MAX ? header->len : XENSTORE_PAYLOAD_MAX;
    ring_read(reply, kept);
    ring_read(NULL, header->len - kept);
    reply[kept] = '\0';
    header->len = kept;
    return 0;
}

/* ---- requests */

/* Sends type/t with the payload pieces (each followed by NUL when `terminate` says so);
   the reply's payload is in `reply`, its length the result. */
static long request(uint32_t type, xenbus_transaction_t t, const char *const *parts, const int *terminate, unsigned int count)
{
    size_t length = 0;
    for (unsigned int i = 0; i < count; i++) length += strlen(parts[i]) + (terminate[i] ? 1 : 0);
    if (length > XENSTORE_PAYLOAD_MAX) return -XEN_E2BIG;
    lock();
    struct xsd_sockmsg header = { .type = type, .req_id = next_req_id++, .tx_id = t, .len = (uint32_t)length };
    memcpy(message, &header, sizeof header);
    size_t used = sizeof header;
    for (unsigned int i = 0; i < count; i++) {
        size_t part = strlen(parts[i]) + (terminate[i] ? 1 : 0);
        memcpy(message + used, parts[i], part);
        used += part;
    }
    ring_write(message, used);
    struct xsd_sockmsg answer;
    while (read_message(&answer)) {
    }
    unlock();
    if (answer.type == XS_ERROR) return errno_of(reply);
    if (answer.type != type || answer.req_id != header.req_id) return -XEN_EIO;
    return answer.len;
}

static long path_request(uint32_t type, xenbus_transaction_t t, const char *path)
{
    const char *parts[] = { path };
    const int terminate[] = { 1 };
    return request(type, t, parts, terminate, 1);
}

long xenbus_read(xenbus_transaction_t t, const char *path, char *value, size_t size)
{
    long length = path_request(XS_READ, t, path);
    if (length < 0 || size == 0) return length;
    size_t copied = (size_t)length < size - 1 ? (size_t)length : size - 1;
    memcpy(value, reply, copied);
    value[copied] = '\0';
    return length;
}

long xenbus_write(xenbus_transaction_t t, const char *path, const char *value)
{
    const char *parts[] = { path, value };
    const int terminate[] = { 1, 0 };
    long rc = request(XS_WRITE, t, parts, terminate, 2);
    return rc < 0 ? rc : 0;
}

long xenbus_mkdir(xenbus_transaction_t t, const char *path)
{
    long rc = path_request(XS_MKDIR, t, path);
    return rc < 0 ? rc : 0;
}

long xenbus_rm(xenbus_transaction_t t, const char *path)
{
    long rc = path_request(XS_RM, t, path);
    return rc < 0 ? rc : 0;
}

long xenbus_directory(xenbus_transaction_t t, const char *path, char *names, size_t size)
{
    long length = path_request(XS_DIRECTORY, t, path);
    if (length < 0) return length;
    long children = 0;
    size_t used = 0;
    for (long at = 0; at < length; at += (long)strlen(reply + at) + 1) {
        size_t name_length = strlen(reply + at) + 1;
        if (used + name_length <= size) {
            memcpy(names + used, reply + at, name_length);
            used += name_length;
        }
        children++;
    }
    return children;
}

long xenbus_watch(const char *path, const char *token)
{
    const char *parts[] = { path, token };
    const int terminate[] = { 1, 1 };
    long rc = request(XS_WATCH, XBT_NIL, parts, terminate, 2);
    return rc < 0 ? rc : 0;
}

long xenbus_unwatch(const char *path, const char *token)
{
    const char *parts[] = { path, token };
    const int terminate[] = { 1, 1 };
    long rc = request(XS_UNWATCH, XBT_NIL, parts, terminate, 2);
    return rc < 0 ? rc : 0;
}

static void copy_string(char *out, size_t size, const char *in)
{
    if (size == 0) return;
    size_t length = strlen(in);
    if (length >= size) length = size - 1;
    memcpy(out, in, length);
    out[length] = '\0';
}

long xenbus_read_watch(char *path, size_t path_size, char *token, size_t token_size)
{
    for (;;) {
        lock();
        while (event_count == 0 && response_ready(NULL)) {
            struct xsd_sockmsg header;
            read_message(&header); /* nothing is in flight: only events arrive */
        }
        if (event_count > 0) {
            struct queued_event *event = &events[event_head];
            event->payload[event->length < XENSTORE_PAYLOAD_MAX ? event->length : XENSTORE_PAYLOAD_MAX - 1] = '\0';
            copy_string(path, path_size, event->payload);
            size_t path_length = strlen(event->payload) + 1;
            copy_string(token, token_size, path_length < event->length ? event->payload + path_length : "");
            event_head = (event_head + 1) % EVENT_SLOTS;
            event_count--;
            unlock();
            return 0;
        }
        unlock();
        pv_ring_wait(port, &waiters, response_ready, NULL);
    }
}

long xenbus_transaction_start(xenbus_transaction_t *t)
{
    const char *parts[] = { "" };
    const int terminate[] = { 1 };
    long rc = request(XS_TRANSACTION_START, XBT_NIL, parts, terminate, 1);
    if (rc < 0) return rc;
    uint32_t id = 0;
    for (const char *c = reply; *c >= '0' && *c <= '9'; c++) id = id * 10 + (uint32_t)(*c - '0');
    *t = id;
    return 0;
}

long xenbus_transaction_end(xenbus_transaction_t t, int abort)
{
    const char *parts[] = { abort ? "F" : "T" };
    const int terminate[] = { 1 };
    long rc = request(XS_TRANSACTION_END, t, parts, terminate, 1);
    return rc < 0 ? rc : 0;
}

long xenbus_transaction_run(long (*body)(xenbus_transaction_t t, void *arg), void *arg, unsigned int *attempts)
{
    for (unsigned int attempt = 1;; attempt++) {
        xenbus_transaction_t t;
        long rc = xenbus_transaction_start(&t);
        if (rc == 0) {
            rc = body(t, arg);
            if (rc < 0) xenbus_transaction_end(t, 1);
            else rc = xenbus_transaction_end(t, 0);
        }
        if (rc == -XEN_EAGAIN) continue;
        if (attempts) *attempts = attempt;
        return rc;
    }
}
