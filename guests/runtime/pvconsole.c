/* PV console frontend: the guest produces into out[] (advancing out_prod after the bytes)
   and consumes in[] (advancing in_cons after reading them). Output is signalled on the
   console event channel after each write; consumed input only when in[] was full, the one
   case where the backend holds input back for room. Writers from several vCPUs share one
   lock, readers another. */
#include "runtime.h"
#include "pv-ring.h"

static struct xencons_interface *ring;
static evtchn_port_t port;
/* vCPUs waiting on the port (pv_ring_wait). */
static uint32_t waiters;
static spinlock_t output_lock, input_lock;
static char format_buffer[1024];
/* The last line ended with '\r': a '\n' right after it belongs to that line end. */
static int after_carriage_return;

long pvconsole_init(void)
{
    void *page;
    long rc = pv_ring_connect(HVM_PARAM_CONSOLE_PFN, HVM_PARAM_CONSOLE_EVTCHN, &page, &port);
    if (rc == 0) ring = page;
    return rc;
}

static int output_room(void *arg)
{
    (void)arg;
    uint32_t used = __atomic_load_n(&ring->out_prod, __ATOMIC_RELAXED) - __atomic_load_n(&ring->out_cons, __ATOMIC_ACQUIRE);
    return used < XENCONS_OUT_RING_SIZE;
}

static void write_locked(const char *text, size_t length)
{
    while (length > 0) {
        pv_ring_wait(port, &waiters, output_room, NULL);
        uint32_t prod = ring->out_prod;
        uint32_t room = XENCONS_OUT_RING_SIZE - (prod - __atomic_load_n(&ring->out_cons, __ATOMIC_ACQUIRE));
        uint32_t count = length < room ? (uint32_t)length : room;
        for (uint32_t i = 0; i < count; i++) ring->out[(prod + i) & (XENCONS_OUT_RING_SIZE - 1)] = (uint8_t)text[i];
        __atomic_store_n(&ring->out_prod, prod + count, __ATOMIC_RELEASE);
        evtchn_send(port);
        text += count;
        length -= count;
    }
}

void pvconsole_write(const char *text, size_t length)
{
    spin_lock(&output_lock);
    write_locked(text, length);
    spin_unlock(&output_lock);
}

int pvconsole_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    spin_lock(&output_lock);
    int n = vsnprintf(format_buffer, sizeof format_buffer, fmt, ap);
    write_locked(format_buffer, n < (int)sizeof format_buffer ? (size_t)n : sizeof format_buffer - 1);
    spin_unlock(&output_lock);
    va_end(ap);
    return n;
}

static int input_ready(void *arg)
{
    (void)arg;
    return __atomic_load_n(&ring->in_prod, __ATOMIC_ACQUIRE) != __atomic_load_n(&ring->in_cons, __ATOMIC_RELAXED);
}

static size_t read_locked(char *buffer, size_t size)
{
    pv_ring_wait(port, &waiters, input_ready, NULL);
    uint32_t cons = ring->in_cons;
    uint32_t pending = __atomic_load_n(&ring->in_prod, __ATOMIC_ACQUIRE) - cons;
    if (pending > XENCONS_IN_RING_SIZE) pending = XENCONS_IN_RING_SIZE; /* a corrupt index: read one ring's worth */
    size_t count = pending < size ? pending : size;
    for (size_t i = 0; i < count; i++) buffer[i] = (char)ring->in[(cons + i) & (XENCONS_IN_RING_SIZE - 1)];
    __atomic_store_n(&ring->in_cons, cons + (uint32_t)count, __ATOMIC_RELEASE);
    if (pending == XENCONS_IN_RING_SIZE) evtchn_send(port);
    return count;
}

size_t pvconsole_read(char *buffer, size_t size)
{
    if (size == 0) return 0;
    spin_lock(&input_lock);
    size_t count = read_locked(buffer, size);
    spin_unlock(&input_lock);
    return count;
}

size_t pvconsole_read_line(char *line, size_t size)
{
    size_t length = 0;
    spin_lock(&input_lock);
    for (;;) {
        char c;
        read_locked(&c, 1);
        int was_after_cr = after_carriage_return;
        after_carriage_return = c == '\r';
        if (c == '\n' && was_after_cr && length == 0) continue;
        if (c == '\n' || c == '\r') break;
        if (length + 1 < size) line[length++] = c;
        if (length + 1 >= size) break;
    }
    spin_unlock(&input_lock);
    if (size > 0) line[length] = '\0';
    return length;
}
