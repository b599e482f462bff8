/* grant-share: two domains share pages through grant tables v1. The granter grants its
   peer two pages: a shared page (read-write, ref 8) and a status page (read-only, ref 9).
   The mapper maps both, writes into the shared page (the granter sees the bytes), copies
   from and into the shared page with GNTTABOP_copy, unmaps it; the granter waits until
   Xen no longer has the grant in use and revokes it; the mapper, told so on the status
   page, finds the revoked grant refused for mapping and for copying. Each side prints
   TAP-style checks. Both poll memory with sched_op yield between looks.
   Boot arguments:
     role=granter|mapper
     peer=D          the other domain's id; a mapper without it takes the domain the
                     toolstack introduced: the remote end of an unbound port offered to it
     timeout_ms=N    granter: virtual time to wait for each step of the mapper (default 2000)
     write_ro=1      mapper: store into the read-only status page right after mapping it
                     (Xen's p2m refuses the write: the mapper alone crashes)
     watch_unmap=1   mapper (2 vCPUs): vCPU 1 keeps reading the shared page while vCPU 0
                     works; once vCPU 0's unmap returned, vCPU 1 reads it once more. Xen
                     flushed every CPU's TLB before returning, so that read faults and
                     the mapper crashes; a stale translation would let it through.
   role=bench-granter and role=bench-copier measure copy and map speed (bench.c). */
#include "runtime.h"
#include "gnttab.h"
#include "grant-share.h"

#define SHARED_REF GNTTAB_NR_RESERVED_ENTRIES
#define STATUS_REF (GNTTAB_NR_RESERVED_ENTRIES + 1)
#define TEXT_BYTES 64

enum { STATE_GRANTED = 1, STATE_WRITTEN, STATE_COPIED };
enum { PHASE_GRANTED = 1, PHASE_REVOKED };

struct shared_page {
    volatile uint32_t state;
    char from_mapper[TEXT_BYTES];
    char for_copy[TEXT_BYTES];
    char copied_in[TEXT_BYTES];
};

struct status_page {
    volatile uint32_t phase;
};

static const char MAPPER_TEXT[] = "written by the mapper";
static const char GRANTER_TEXT[] = "the granter's text for copying";
static const char COPIED_TEXT[] = "copied in by the mapper";

/* Granter: the pages it grants. Mapper: its own pages the grants are mapped over. */
static uint8_t pages[2][PAGE_SIZE] PAGE_ALIGNED;
static uint8_t local[PAGE_SIZE] PAGE_ALIGNED;

static uint64_t gfn_of(const void *page) { return (uintptr_t)page / PAGE_SIZE; }

/* Polls `condition` (yielding between looks) until it holds or `timeout_ns` of virtual time passed. */
#define WAIT_UNTIL(condition, timeout_ns)                                     \
    ({                                                                       \
        uint64_t deadline_ = time_ns() + (timeout_ns);                       \
        int held_;                                                           \
        while (!(held_ = (condition)) && time_ns() < deadline_) xen_yield(); \
        held_;                                                               \
    })

static int granter(uint16_t peer)
{
    uint64_t timeout = param_u64("timeout_ms", 2000) * 1000000ULL;
    struct shared_page *shared = (struct shared_page *)pages[0];
    struct status_page *status = (struct status_page *)pages[1];
    if (!check_eq("map the grant table", gnttab_init(), 0)) return checks_done();
    memcpy(shared->for_copy, GRANTER_TEXT, sizeof GRANTER_TEXT);
    shared->state = STATE_GRANTED;
    status->phase = PHASE_GRANTED;
    gnttab_grant_access(SHARED_REF, peer, gfn_of(shared), 0);
    gnttab_grant_access(STATUS_REF, peer, gfn_of(status), 1);
    printf("grant-share: granted refs %u (rw) and %u (ro) to d%u\n", SHARED_REF, STATUS_REF, peer);

    if (!WAIT_UNTIL(shared->state >= STATE_WRITTEN, timeout)) {
        printf("grant-share: no answer from d%u; status phase %u\n", peer, status->phase);
        return checks_done();
    }
    check_true("the mapped page is in use (GTF_reading|GTF_writing)", gnttab_in_use(SHARED_REF));
    check_str("the granter sees the mapper's bytes", shared->from_mapper, MAPPER_TEXT);
    printf("grant-share: granter sees '%s'\n", shared->from_mapper);
    check_true("the mapper copied into the page", WAIT_UNTIL(shared->state == STATE_COPIED, timeout));
    check_str("bytes copied in by the mapper", shared->copied_in, COPIED_TEXT);
    check_true("the mapper unmapped the page", WAIT_UNTIL(!gnttab_in_use(SHARED_REF), timeout));
    check_eq("revoke the shared page", gnttab_end_access(SHARED_REF), 1);
    status->phase = PHASE_REVOKED;
    check_true("the mapper let go of the status page", WAIT_UNTIL(!gnttab_in_use(STATUS_REF), timeout));
    check_eq("revoke the status page", gnttab_end_access(STATUS_REF), 1);
    return checks_done();
}

static gnttab_copy_ptr_t granted(uint16_t peer, size_t offset)
{
    return (gnttab_copy_ptr_t){ .u.ref = SHARED_REF, .domid = peer, .offset = (uint16_t)offset };
}

static gnttab_copy_ptr_t own(size_t offset)
{
    return (gnttab_copy_ptr_t){ .u.gmfn = gfn_of(local), .domid = DOMID_SELF, .offset = (uint16_t)offset };
}

/* watch_unmap handshake: vCPU 0 asks vCPU 1 to stop reading (its translation stays in its
   hart's TLB), vCPU 1 acknowledges, vCPU 0 unmaps and says so, vCPU 1 reads once more. */
static volatile int stop_reading, stopped_reading, unmapped;

/* vCPU 1 of watch_unmap. */
static void watch_unmap(unsigned int vcpu, void *page)
{
    (void)vcpu;
    volatile struct shared_page *shared = page;
    uint32_t reads = 0;
    while (!stop_reading || reads == 0) reads += shared->state != 0;
    stopped_reading = 1;
    while (!unmapped) {}
    printf("grant-share: vcpu 1 read the mapped page %u times; reading it after the unmap\n", reads);
    uint32_t state = shared->state;
    printf("grant-share: the read after the unmap went through (state %u)\n", state);
}

static int mapper(uint16_t peer)
{
    grant_handle_t shared_handle = 0, status_handle = 0;
    int rc;
    /* The granter may not have granted yet: Xen refuses the map until it has. */
    WAIT_UNTIL((rc = gnttab_map(peer, STATUS_REF, pages[1], 1, &status_handle)) == GNTST_okay, 5000000000ULL);
    if (!check_eq("map the status page read-only", rc, GNTST_okay)) return checks_done();
    volatile struct status_page *status = (volatile struct status_page *)pages[1];
    check_eq("the granter's phase", status->phase, PHASE_GRANTED);
    if (param_u64("write_ro", 0)) {
        printf("grant-share: storing into the read-only mapping\n");
        status->phase = PHASE_REVOKED;
        printf("grant-share: the store went through\n");
        return 1;
    }

    if (!check_eq("map the shared page", gnttab_map(peer, SHARED_REF, pages[0], 0, &shared_handle), GNTST_okay)) return checks_done();
    struct shared_page *shared = (struct shared_page *)pages[0];
    check_eq("the shared page says granted", shared->state, STATE_GRANTED);
    int watching = param_u64("watch_unmap", 0) != 0;
    if (watching) {
        check_eq("smp_init", smp_init(), 0);
        check_eq("start vCPU 1 reading the page", vcpu_start(1, vcpu_start_param(), watch_unmap, shared), 0);
    }
    memcpy(shared->from_mapper, MAPPER_TEXT, sizeof MAPPER_TEXT);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    shared->state = STATE_WRITTEN;

    gnttab_copy_ptr_t from = granted(peer, offsetof(struct shared_page, for_copy)), to = own(0);
    check_eq("copy from the grant", gnttab_copy_one(&from, &to, TEXT_BYTES, GNTCOPY_source_gref), GNTST_okay);
    check_str("the copied bytes", (const char *)local, GRANTER_TEXT);
    memcpy(local + 2 * TEXT_BYTES, COPIED_TEXT, sizeof COPIED_TEXT);
    from = own(2 * TEXT_BYTES);
    to = granted(peer, offsetof(struct shared_page, copied_in));
    check_eq("copy into the grant", gnttab_copy_one(&from, &to, TEXT_BYTES, GNTCOPY_dest_gref), GNTST_okay);
    from = granted(peer, PAGE_SIZE - 8);
    to = own(0);
    check_eq("copy across a page boundary", gnttab_copy_one(&from, &to, 16, GNTCOPY_source_gref), GNTST_bad_copy_arg);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    shared->state = STATE_COPIED;
    if (watching) {
        stop_reading = 1;
        while (!stopped_reading) {}
    }
    check_eq("unmap the shared page", gnttab_unmap(pages[0], shared_handle), GNTST_okay);
    if (watching) {
        unmapped = 1;
        vcpus_join();
    }

    check_true("the granter revoked the grant", WAIT_UNTIL(status->phase == PHASE_REVOKED, 5000000000ULL));
    check_eq("map the revoked grant", gnttab_map(peer, SHARED_REF, pages[0], 0, &shared_handle), GNTST_general_error);
    from = granted(peer, 0);
    check_eq("copy from the revoked grant", gnttab_copy_one(&from, &to, 8, GNTCOPY_source_gref), GNTST_general_error);
    check_eq("unmap the status page", gnttab_unmap(pages[1], status_handle), GNTST_okay);
    return checks_done();
}

/* The domain at the other end of the first unbound port offered to a domain other than dom0. */
static uint16_t introduced_peer(void)
{
    for (evtchn_port_t port = 1; port < EVTCHN_RUNTIME_PORTS; port++) {
        evtchn_status_t status = { .dom = DOMID_SELF, .port = port };
        if (evtchn_status(&status) != 0) break;
        if (status.status == EVTCHNSTAT_unbound && status.u.unbound.dom != 0) return status.u.unbound.dom;
    }
    return DOMID_INVALID;
}

int main(void)
{
    char role[16] = "";
    param_str("role", role, sizeof role);
    uint16_t peer = (uint16_t)param_u64("peer", DOMID_INVALID);
    static const struct {
        const char *name;
        int (*run)(uint16_t peer);
        int introduced; /* may take its peer from an offered port */
    } roles[] = {
        { "granter", granter, 0 }, { "mapper", mapper, 1 }, { "bench-granter", bench_granter, 0 }, { "bench-copier", bench_copier, 1 },
    };
    for (unsigned int i = 0; i < ARRAY_SIZE(roles); i++) {
        if (strcmp(role, roles[i].name) != 0) continue;
        if (peer == DOMID_INVALID && roles[i].introduced) peer = introduced_peer();
        if (peer == DOMID_INVALID) break;
        printf("grant-share: %s, peer d%u\n", role, peer);
        return roles[i].run(peer);
    }
    printf("grant-share: needs role=granter|mapper|bench-granter|bench-copier and a peer (role '%s', peer %u)\n", role, peer);
    return 1;
}
