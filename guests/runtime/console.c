/* printf onto the Xen console (console_io write), one hypercall per call, under a lock
   so lines from several vCPUs do not interleave. */
#include "runtime.h"

struct out {
    char *buf;
    size_t size, length;
};

static void put(struct out *o, char c)
{
    if (o->length + 1 < o->size) o->buf[o->length] = c;
    o->length++;
}

static void put_number(struct out *o, uint64_t value, unsigned base, int upper, int negative, int width, char pad, int left)
{
    char digits[24];
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int n = 0;
    do {
        digits[n++] = set[value % base];
        value /= base;
    } while (value);
    int length = n + negative;
    if (negative && pad == '0') put(o, '-');
    if (!left)
        for (; width > length; width--) put(o, pad);
    if (negative && pad != '0') put(o, '-');
    while (n) put(o, digits[--n]);
    for (; width > length; width--) put(o, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        int left = 0, longs = 0, width = 0;
        char pad = ' ';
        for (;; fmt++) {
            if (fmt[1] == '-') left = 1;
            else if (fmt[1] == '0') pad = '0';
            else break;
        }
        while (fmt[1] >= '0' && fmt[1] <= '9') width = width * 10 + (*++fmt - '0');
        while (fmt[1] == 'l' || fmt[1] == 'z') longs++, fmt++;
        if (left) pad = ' ';
        switch (*++fmt) {
        case 'd':
        case 'i': {
            int64_t v = longs ? va_arg(ap, long) : va_arg(ap, int);
            put_number(&o, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, 0, v < 0, width, pad, left);
            break;
        }
        case 'u':
            put_number(&o, longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, 0, 0, width, pad, left);
            break;
        case 'x':
        case 'X':
            put_number(&o, longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16, *fmt == 'X', 0, width, pad, left);
            break;
        case 'p':
            put(&o, '0');
            put(&o, 'x');
            put_number(&o, (uintptr_t)va_arg(ap, void *), 16, 0, 0, width, pad, left);
            break;
        case 'c':
            put(&o, (char)va_arg(ap, int));
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            int length = (int)strlen(s);
            if (!left)
                for (; width > length; width--) put(&o, ' ');
            while (*s) put(&o, *s++);
            for (; width > length; width--) put(&o, ' ');
            break;
        }
        case '%':
            put(&o, '%');
            break;
        case '\0':
            fmt--;
            break;
        default:
            put(&o, '%');
            put(&o, *fmt);
        }
    }
    if (size) buf[o.length < size ? o.length : size - 1] = '\0';
    return (int)o.length;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

void spin_lock(spinlock_t *lock)
{
    while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
        while (lock->locked) {
        }
}

void spin_unlock(spinlock_t *lock) { __atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE); }

void console_write(const char *text, size_t length)
{
    HYPERVISOR_console_io(CONSOLEIO_write, (unsigned)length, text);
}

static spinlock_t console_lock;
static char console_buffer[512];

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    spin_lock(&console_lock);
    int n = vsnprintf(console_buffer, sizeof console_buffer, fmt, ap);
    console_write(console_buffer, n < (int)sizeof console_buffer ? (size_t)n : sizeof console_buffer - 1);
    spin_unlock(&console_lock);
    va_end(ap);
    return n;
}
