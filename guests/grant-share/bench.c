/* The grant-share bench roles: a granter lends BENCH_PAGES pages to a copier, which
   measures GNTTABOP_copy of whole 4 KiB pages from the grants into its own pages (for
   each batch size in `batches`, that many copies per hypercall, as a backend batches
   them) and map_grant_ref + unmap_grant_ref pairs. The lines "bench: <name>: start" and
   "bench: <name>: ..." bracket each loop so the host can time it in wall time as well;
   the guest reports virtual time.
   Boot arguments: copier: copies=N batches=B,B,... (1..256) maps=M [peer=D]; granter: peer=D */
#include "runtime.h"
#include "gnttab.h"
#include "grant-share.h"

#define BENCH_PAGES 16
#define FIRST_REF GNTTAB_NR_RESERVED_ENTRIES
#define STATUS_REF (FIRST_REF + BENCH_PAGES)
#define MAX_BATCH 256
#define MAX_BATCH_SIZES 8

static uint8_t lent[BENCH_PAGES][PAGE_SIZE] PAGE_ALIGNED;
static uint8_t own[BENCH_PAGES][PAGE_SIZE] PAGE_ALIGNED;
static uint8_t window[PAGE_SIZE] PAGE_ALIGNED;
static struct gnttab_copy ops[MAX_BATCH];

static uint64_t gfn_of(const void *page) { return (uintptr_t)page / PAGE_SIZE; }

int bench_granter(uint16_t peer)
{
    if (!check_eq("map the grant table", gnttab_init(), 0)) return checks_done();
    for (unsigned int i = 0; i < BENCH_PAGES; i++) {
        memset(lent[i], (int)(i + 1), PAGE_SIZE);
        gnttab_grant_access(FIRST_REF + i, peer, gfn_of(lent[i]), 0);
    }
    /* The copier maps the status ref first and unmaps it last: in use means running. */
    gnttab_grant_access(STATUS_REF, peer, gfn_of(window), 1);
    while (!gnttab_in_use(STATUS_REF)) sleep_for(100000, WAKE_XEN_TIMER);
    while (gnttab_in_use(STATUS_REF)) sleep_for(1000000, WAKE_XEN_TIMER);
    for (unsigned int i = 0; i <= BENCH_PAGES; i++) check_eq("revoke", gnttab_end_access(FIRST_REF + i), 1);
    return checks_done();
}

static void print_rate(const char *name, uint64_t count, const char *unit, uint64_t ns, uint64_t instructions, uint64_t errors)
{
    printf("bench: %s: %lu %s in %lu ns, %lu instructions, %lu errors\n", name, (unsigned long)count, unit, (unsigned long)ns,
           (unsigned long)instructions, (unsigned long)errors);
}

/* `copies` copies of whole granted pages, `batch` per hypercall; returns the errors. */
static uint64_t copy_loop(uint16_t peer, uint64_t copies, uint64_t batch)
{
    char name[32];
    snprintf(name, sizeof name, "copy x%lu", (unsigned long)batch);
    printf("bench: %s: start\n", name);
    uint64_t t0 = time_ns(), i0 = instret(), errors = 0, done = 0;
    while (done < copies) {
        uint64_t n = copies - done < batch ? copies - done : batch;
        for (uint64_t k = 0; k < n; k++) {
            unsigned int page = (unsigned int)((done + k) % BENCH_PAGES);
            ops[k] = (struct gnttab_copy){
                .source = { .u.ref = FIRST_REF + page, .domid = peer },
                .dest = { .u.gmfn = gfn_of(own[page]), .domid = DOMID_SELF },
                .len = PAGE_SIZE,
                .flags = GNTCOPY_source_gref,
            };
        }
        if (HYPERVISOR_grant_table_op(GNTTABOP_copy, ops, (unsigned int)n) != 0) errors += n;
        else for (uint64_t k = 0; k < n; k++) errors += ops[k].status != GNTST_okay;
        done += n;
    }
    print_rate(name, copies * PAGE_SIZE, "bytes", time_ns() - t0, instret() - i0, errors);
    for (unsigned int i = 0; i < BENCH_PAGES; i++) errors += own[i][PAGE_SIZE - 1] != (uint8_t)(i + 1);
    return errors;
}

int bench_copier(uint16_t peer)
{
    uint64_t copies = param_u64("copies", 65536), maps = param_u64("maps", 20000);
    uint64_t batches[MAX_BATCH_SIZES] = { 64 };
    int sizes = param_u64_list("batches", batches, MAX_BATCH_SIZES);
    if (sizes <= 0) sizes = 1;
    grant_handle_t status_handle, handle;
    while (gnttab_map(peer, STATUS_REF, window, 1, &status_handle) != GNTST_okay) xen_yield();

    uint64_t errors = 0;
    for (int i = 0; i < sizes; i++) {
        uint64_t batch = batches[i] < 1 || batches[i] > MAX_BATCH ? MAX_BATCH : batches[i];
        errors += copy_loop(peer, copies, batch);
    }

    printf("bench: map+unmap: start\n");
    uint64_t t0 = time_ns(), i0 = instret(), map_errors = 0;
    for (uint64_t k = 0; k < maps; k++) {
        if (gnttab_map(peer, FIRST_REF + (unsigned int)(k % BENCH_PAGES), own[0], 0, &handle) != GNTST_okay) map_errors++;
        else map_errors += gnttab_unmap(own[0], handle) != GNTST_okay;
    }
    print_rate("map+unmap", maps, "pairs", time_ns() - t0, instret() - i0, map_errors);
    check_eq("copies and maps without error", (long)(errors + map_errors), 0);
    check_eq("unmap the status page", gnttab_unmap(window, status_handle), GNTST_okay);
    return checks_done();
}
