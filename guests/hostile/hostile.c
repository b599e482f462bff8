/* A hostile guest: a long run of random hypercalls (and SBI calls) with random numbers,
   sub-ops, pointers (unmapped, huge, misaligned, page-crossing, into other domains'
   machine frames) and struct contents, from a deterministic PRNG. It avoids only the
   calls that would stop itself (block, poll, shutdown, its own vCPU down, system reset)
   and never touches the pages it hands to Xen as frames. Every result must be a value or
   a Xen errno. Boot arguments:
     seed=N            PRNG seed (default 1)
     calls=N           number of calls (default 200000)
     targets=A,B,...   guest-physical addresses of interest, e.g. other domains' frames
     good=D            the domid of another domain, used as a target domid */
#include "runtime.h"

#define ARENA_SIZE (8 * PAGE_SIZE)
#define VICTIM_PAGES 8
#define UNMAPPED_GPA 0x10000000UL
#define MAX_TARGETS 16
#define MAX_BATCH 8

/* arena: structures the guest builds and Xen may write; victim: frames handed to Xen
   (decreased, populated, remapped), never read or written by the guest; guard: room for
   Xen's largest write past either. */
static struct {
    uint8_t arena[ARENA_SIZE];
    uint8_t victim[VICTIM_PAGES * PAGE_SIZE];
    uint8_t guard[PAGE_SIZE];
} mem PAGE_ALIGNED;

static uint64_t targets[MAX_TARGETS];
static int target_count;
static uint64_t good_domid = DOMID_INVALID;
static uint64_t rng;

/* splitmix64 */
static uint64_t next(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t below(uint64_t n) { return next() % n; }

static uint64_t huge(void)
{
    static const uint64_t values[] = { ~0ULL, 1ULL << 53, (1ULL << 53) - 1, 1ULL << 63, 0xfffffffffffff000ULL, 1ULL << 41 };
    return below(2) ? values[below(ARRAY_SIZE(values))] : next();
}

static uint64_t ram_end(void) { return boot.memory_base + boot.memory_size; }

static uint64_t pointer(void)
{
    uintptr_t arena = (uintptr_t)mem.arena, victim = (uintptr_t)mem.victim;
    switch (below(10)) {
    case 0: return 0;
    case 1:
    case 2:
    case 3: return arena + below(ARENA_SIZE - 64); /* any alignment */
    case 4: return arena + ARENA_SIZE - 1 - below(48); /* crosses into the victim pages */
    case 5: return victim + below(sizeof mem.victim);
    case 6: return UNMAPPED_GPA + below(1 << 20);
    case 7: return ram_end() - below(64) + below(1 << 24);
    case 8: return target_count ? targets[below((uint64_t)target_count)] + below(PAGE_SIZE) : huge();
    default: return huge();
    }
}

static uint64_t gfn(void)
{
    switch (below(6)) {
    case 0:
    case 1: return (uintptr_t)mem.victim / PAGE_SIZE + below(VICTIM_PAGES);
    case 2: return UNMAPPED_GPA / PAGE_SIZE + below(256);
    case 3: return ram_end() / PAGE_SIZE + below(4096);
    case 4: return target_count ? targets[below((uint64_t)target_count)] / PAGE_SIZE : huge();
    default: return below(2) ? huge() : huge() / PAGE_SIZE;
    }
}

static uint64_t domid(void)
{
    switch (below(6)) {
    case 0: return DOMID_SELF;
    case 1: return 0;
    case 2: return good_domid;
    case 3: return below(8);
    case 4: return DOMID_FIRST_RESERVED + below(16);
    default: return below(2) ? (next() & 0xffff) : next();
    }
}

static uint64_t scalar(void)
{
    switch (below(4)) {
    case 0: return below(17);
    case 1: return next() & 0xffffffff;
    case 2: return ~0ULL;
    default: return next();
    }
}

static uint64_t any(void)
{
    switch (below(4)) {
    case 0: return pointer();
    case 1: return gfn();
    case 2: return domid();
    default: return scalar();
    }
}

static int in_arena(uint64_t p, uint64_t length)
{
    uintptr_t arena = (uintptr_t)mem.arena;
    return p >= arena && p < arena + ARENA_SIZE && length <= arena + ARENA_SIZE - p; /* no overflow */
}

/* Fills a would-be structure at p (only in the arena) with random fields. */
static void fill(uint64_t p)
{
    if (!in_arena(p, 64)) return;
    for (int slot = 0; slot < 8; slot++) {
        uint64_t value = any();
        memcpy((uint8_t *)(uintptr_t)p + slot * 8, &value, sizeof value); /* p may be misaligned */
    }
}

struct call {
    uint64_t nr, args[5];
};

/* Hypercalls xenrv offers, and how many sub-ops to aim at. */
static const struct {
    unsigned nr, subops;
} families[] = {
    { __HYPERVISOR_memory_op, 24 }, { __HYPERVISOR_xen_version, 16 }, { __HYPERVISOR_console_io, 3 },
    { __HYPERVISOR_vcpu_op, 16 },   { __HYPERVISOR_xsm_op, 1 },        { __HYPERVISOR_sched_op, 8 },
    { __HYPERVISOR_hvm_op, 3 },     { __HYPERVISOR_sysctl, 1 },        { __HYPERVISOR_domctl, 1 },
    { __HYPERVISOR_grant_table_op, 13 }, { __HYPERVISOR_event_channel_op, 16 }, { __HYPERVISOR_multicall, 1 },
};

/* Calls that would stop this guest rather than test Xen. */
static int stops_itself(const struct call *c)
{
    uint32_t cmd = (uint32_t)c->args[0];
    if (c->nr == __HYPERVISOR_sched_op)
        return cmd == SCHEDOP_block || cmd == SCHEDOP_shutdown || cmd == SCHEDOP_poll || cmd == SCHEDOP_shutdown_code;
    return c->nr == __HYPERVISOR_vcpu_op && (cmd == VCPUOP_down || cmd == VCPUOP_initialise);
}

static void random_call(struct call *c, int allow_multicall);

/* A batch of random calls in the arena (or a random list pointer and count). */
static void random_multicall(struct call *c)
{
    if (below(4) == 0) {
        /* A list anywhere; in this guest's own memory it would be garbage that may well
           hold a block or a vCPU down, so there it is empty. */
        c->args[0] = pointer();
        int own = c->args[0] >= boot.memory_base && c->args[0] < ram_end();
        c->args[1] = own ? 0 : scalar();
        return;
    }
    unsigned count = (unsigned)below(MAX_BATCH + 1);
    uintptr_t list = (uintptr_t)mem.arena + below(ARENA_SIZE - MAX_BATCH * sizeof(multicall_entry_t)) / 8 * 8;
    multicall_entry_t *entries = (multicall_entry_t *)list;
    for (unsigned i = 0; i < count; i++) {
        struct call inner;
        random_call(&inner, 0);
        entries[i] = (multicall_entry_t){ .op = inner.nr, .result = next() };
        for (int k = 0; k < 5; k++) entries[i].args[k] = inner.args[k];
    }
    c->args[0] = list;
    c->args[1] = count;
}

static void random_call(struct call *c, int allow_multicall)
{
    do {
        if (below(10) == 0) {
            c->nr = below(2) ? below(64) : next();
            for (int k = 0; k < 5; k++) c->args[k] = any();
        } else {
            unsigned f = (unsigned)below(ARRAY_SIZE(families) - (allow_multicall ? 0 : 1));
            c->nr = families[f].nr;
            c->args[0] = below(4) ? below(families[f].subops) : scalar();
            for (int k = 1; k < 5; k++) c->args[k] = any();
            /* The argument that is a structure: a2 for most (args[1]), a3 for vcpu_op and console_io. */
            unsigned at = c->nr == __HYPERVISOR_vcpu_op || c->nr == __HYPERVISOR_console_io ? 2 : 1;
            if (c->nr == __HYPERVISOR_xsm_op || c->nr == __HYPERVISOR_sysctl || c->nr == __HYPERVISOR_domctl) at = 0;
            c->args[at] = pointer();
            fill(c->args[at]);
            if (c->nr == __HYPERVISOR_console_io && below(2)) c->args[1] = below(256);
            /* grant_table_op(cmd, uop, count): Xen writes a status into each of `count`
               entries, so a larger count would write on through the guard into the stacks. */
            if (c->nr == __HYPERVISOR_grant_table_op) c->args[2] = below(MAX_BATCH + 1);
        }
        if (c->nr == __HYPERVISOR_multicall) random_multicall(c);
    } while (stops_itself(c) || (c->nr == __HYPERVISOR_multicall && !allow_multicall));
}

/* SBI calls that cannot stop this vCPU or the domain. */
static struct sbiret random_sbi(void)
{
    static const unsigned long extensions[] = { SBI_EXT_BASE, SBI_EXT_TIME, SBI_EXT_IPI, SBI_EXT_RFENCE, SBI_EXT_HSM,
                                                SBI_EXT_DBCN, SBI_EXT_LEGACY_CONSOLE_PUTCHAR, 0x0bad0bad };
    unsigned long ext = extensions[below(ARRAY_SIZE(extensions))];
    unsigned long fid = below(8);
    if (ext == SBI_EXT_HSM) fid = SBI_EXT_HSM_HART_GET_STATUS;
    if (ext == SBI_EXT_TIME) return sbi_ecall(ext, fid, ~0ULL, 0, 0);
    return sbi_ecall(ext, fid, any(), any(), any());
}

static int known_errno(long e)
{
    return (e >= 1 && e <= 39) || e == 61 || e == 62 || e == 74 || e == 75 || e == 84 || e == 85 || e == 88 || e == 90 ||
           e == 95 || e == 98 || e == 99 || (e >= 105 && e <= 107) || e == 110 || e == 111;
}

static uint64_t errors[112];

int main(void)
{
    if (!boot.fdt) {
        printf("hostile: needs a device tree (the memory it must not hand to Xen)\n");
        return 1;
    }
    rng = param_u64("seed", 1);
    uint64_t calls = param_u64("calls", 200000);
    good_domid = param_u64("good", DOMID_INVALID);
    uint64_t given[MAX_TARGETS];
    int n = param_u64_list("targets", given, MAX_TARGETS);
    for (int i = 0; i < n; i++) {
        if (given[i] >= boot.memory_base && given[i] < ram_end()) continue; /* our own RAM: not a target */
        targets[target_count++] = given[i];
    }
    printf("hostile: seed %lu, %lu calls, %d targets\n", (unsigned long)rng, (unsigned long)calls, target_count);

    uint64_t values = 0, anomalies = 0, sbi_calls = 0;
    for (uint64_t i = 0; i < calls; i++) {
        if (below(20) == 0) {
            random_sbi();
            sbi_calls++;
            continue;
        }
        struct call c;
        random_call(&c, 1);
        long r = xen_hypercall(c.nr, c.args[0], c.args[1], c.args[2], c.args[3], c.args[4]);
        if (r >= 0) values++;
        else if (known_errno(-r)) errors[-r]++;
        else if (anomalies++ < 10)
            printf("hostile: call %lu (hypercall %lu, cmd %lu) returned %ld, not an errno\n", (unsigned long)i,
                   (unsigned long)c.nr, (unsigned long)c.args[0], r);
    }
    /* The random console writes may have left a partial line. */
    printf("\nhostile: %lu hypercalls returned a value, %lu SBI calls\n", (unsigned long)values, (unsigned long)sbi_calls);
    static const char *const names[] = {
        [XEN_EPERM] = "EPERM",   [XEN_ENOENT] = "ENOENT", [XEN_ESRCH] = "ESRCH",   [XEN_ENXIO] = "ENXIO",
        [XEN_E2BIG] = "E2BIG",   [XEN_ENOMEM] = "ENOMEM", [XEN_EACCES] = "EACCES", [XEN_EFAULT] = "EFAULT",
        [XEN_EBUSY] = "EBUSY",   [XEN_EEXIST] = "EEXIST", [XEN_EINVAL] = "EINVAL", [XEN_ENOSYS] = "ENOSYS",
        [XEN_ETIME] = "ETIME",   [XEN_EOPNOTSUPP] = "EOPNOTSUPP", [XEN_ENOBUFS] = "ENOBUFS",
    };
    for (unsigned e = 1; e < ARRAY_SIZE(errors); e++) {
        if (!errors[e]) continue;
        if (e < ARRAY_SIZE(names) && names[e]) printf("hostile: -%s %lu\n", names[e], (unsigned long)errors[e]);
        else printf("hostile: -%u %lu\n", e, (unsigned long)errors[e]);
    }
    printf("hostile: %lu results that are not an errno\n", (unsigned long)anomalies);
    return anomalies == 0 ? 0 : 1;
}
