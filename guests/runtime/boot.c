/* From the entry code to main(): the boot information from the device tree (when the
   builder passed one), the boot arguments, and the shutdown that follows main(). */
#include "runtime.h"

struct boot_info boot = { .bootargs = "", .timebase_hz = RUNTIME_DEFAULT_TIMEBASE_HZ, .cpus = 1 };

static void read_device_tree(const void *fdt)
{
    if (!fdt_valid(fdt)) return;
    boot.fdt = fdt;
    int length;
    int chosen = fdt_path_offset(fdt, "/chosen");
    const char *args = chosen >= 0 ? fdt_getprop(fdt, chosen, "bootargs", &length) : NULL;
    if (args && length > 0 && args[length - 1] == '\0') boot.bootargs = args;
    int memory = fdt_path_offset(fdt, "/memory");
    const void *reg = memory >= 0 ? fdt_getprop(fdt, memory, "reg", &length) : NULL;
    if (reg && length == 16) {
        boot.memory_base = fdt_cells(reg, 2);
        boot.memory_size = fdt_cells((const uint8_t *)reg + 8, 2);
    }
    int cpus = fdt_path_offset(fdt, "/cpus");
    const void *timebase = cpus >= 0 ? fdt_getprop(fdt, cpus, "timebase-frequency", &length) : NULL;
    if (timebase && (length == 4 || length == 8)) boot.timebase_hz = fdt_cells(timebase, length / 4);
    int count = cpus >= 0 ? fdt_count_subnodes(fdt, cpus, "cpu@") : 0;
    if (count > 0) boot.cpus = (unsigned)count;
}

void runtime_boot(unsigned long vcpu, const void *fdt)
{
    (void)vcpu;
    read_device_tree(fdt);
    xen_halt(main() == 0 ? SHUTDOWN_poweroff : SHUTDOWN_crash);
}

__attribute__((weak)) void secondary_main(unsigned int vcpu, unsigned long opaque)
{
    (void)opaque;
    HYPERVISOR_vcpu_op(VCPUOP_down, vcpu, NULL);
}

/* The value of `name=` in the boot arguments: a pointer to it and its length, or NULL. */
static const char *find_param(const char *name, size_t *length)
{
    size_t name_length = strlen(name);
    for (const char *p = boot.bootargs; *p;) {
        while (*p == ' ') p++;
        const char *end = p;
        while (*end && *end != ' ') end++;
        if ((size_t)(end - p) > name_length && strncmp(p, name, name_length) == 0 && p[name_length] == '=') {
            *length = (size_t)(end - p) - name_length - 1;
            return p + name_length + 1;
        }
        p = end;
    }
    return NULL;
}

int param_str(const char *name, char *out, size_t size)
{
    size_t length;
    const char *value = find_param(name, &length);
    if (!value || length + 1 > size) return 0;
    memcpy(out, value, length);
    out[length] = '\0';
    return 1;
}

/* Parses a number at *p (decimal or 0x hex), advancing *p past it. */
static uint64_t parse_u64(const char **p, const char *end)
{
    uint64_t value = 0;
    const char *s = *p;
    int base = 10;
    if (end - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) base = 16, s += 2;
    for (; s < end; s++) {
        int digit;
        if (*s >= '0' && *s <= '9') digit = *s - '0';
        else if (base == 16 && *s >= 'a' && *s <= 'f') digit = *s - 'a' + 10;
        else if (base == 16 && *s >= 'A' && *s <= 'F') digit = *s - 'A' + 10;
        else break;
        value = value * (uint64_t)base + (uint64_t)digit;
    }
    *p = s;
    return value;
}

uint64_t param_u64(const char *name, uint64_t fallback)
{
    size_t length;
    const char *value = find_param(name, &length);
    if (!value || length == 0) return fallback;
    return parse_u64(&value, value + length);
}

int param_u64_list(const char *name, uint64_t *out, int max)
{
    size_t length;
    const char *p = find_param(name, &length);
    if (!p) return 0;
    const char *end = p + length;
    int n = 0;
    while (p < end && n < max) {
        out[n++] = parse_u64(&p, end);
        if (p < end && *p == ',') p++;
        else break;
    }
    return n;
}
