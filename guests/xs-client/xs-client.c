/* xs-client: a xenbus client on the domain's xenstore ring. It reads the nodes the
   toolstack wrote for it, writes, lists and removes its own, watches a node through its
   changes, and has its vCPUs increment one counter in contended transactions. One line per
   operation, `<op> <args> -> <result>` (a value, a comma-separated listing, OK or the
   error name), and `event <path> <token>` per watch event; relative paths are below
   /local/domain/<id>. The format is stable: a test replays it against xenstored's socket.
   Boot arguments: mode=ops (default), mode=quota (creates nodes until xenstored refuses,
   then shows the connection still works) or mode=bench (ops=N reads, then N writes of one
   node, each loop between `bench: <op>: start` and `bench: <op>: N ops, V ns per op` in
   virtual time); rounds=N transaction rounds per vCPU (default 10); start=vcpuop|hsm. */
#include "runtime.h"

#define DEFAULT_ROUNDS 10
#define COUNTER "data/counter"

static char value[XENSTORE_PAYLOAD_MAX + 1];
static char names[XENSTORE_PAYLOAD_MAX];

static void print_result(long rc, const char *result)
{
    printf(" -> %s\n", rc < 0 ? xenbus_error_name(rc) : result);
}

static long do_read(const char *path)
{
    long rc = xenbus_read(XBT_NIL, path, value, sizeof value);
    printf("read %s", path);
    print_result(rc, value);
    return rc;
}

static long do_write(const char *path, const char *data)
{
    long rc = xenbus_write(XBT_NIL, path, data);
    printf("write %s %s", path, data);
    print_result(rc, "OK");
    return rc;
}

static long do_path_op(const char *op, long (*fn)(xenbus_transaction_t, const char *), const char *path)
{
    long rc = fn(XBT_NIL, path);
    printf("%s %s", op, path);
    print_result(rc, "OK");
    return rc;
}

static long do_directory(const char *path)
{
    long count = xenbus_directory(XBT_NIL, path, names, sizeof names);
    char listing[sizeof names];
    size_t used = 0;
    const char *name = names;
    for (long i = 0; i < count; i++, name += strlen(name) + 1)
        used += (size_t)snprintf(listing + used, sizeof listing - used, "%s%s", i ? "," : "", name);
    listing[used] = '\0';
    printf("directory %s", path);
    print_result(count, listing);
    return count;
}

static void expect_event(void)
{
    char path[256], token[64];
    xenbus_read_watch(path, sizeof path, token, sizeof token);
    printf("event %s %s\n", path, token);
}

/* ---- the contended transactions */

static unsigned int vcpus;
static uint64_t rounds;
/* Arrivals at each round's start line, reached after the transaction read the counter:
   every vCPU has read it before any writes. */
static uint32_t arrivals;
static uint32_t retried;

struct round {
    uint64_t number;
    int first_attempt;
};

static void start_line(uint64_t round)
{
    __atomic_fetch_add(&arrivals, 1, __ATOMIC_ACQ_REL);
    while (__atomic_load_n(&arrivals, __ATOMIC_ACQUIRE) < vcpus * (round + 1)) xen_yield();
}

static long increment(xenbus_transaction_t t, void *arg)
{
    struct round *round = arg;
    char text[24];
    long rc = xenbus_read(t, COUNTER, text, sizeof text);
    if (rc < 0) return rc;
    if (round->first_attempt) {
        round->first_attempt = 0;
        start_line(round->number);
    }
    uint64_t counter = 0;
    for (const char *c = text; *c >= '0' && *c <= '9'; c++) counter = counter * 10 + (uint64_t)(*c - '0');
    snprintf(text, sizeof text, "%lu", (unsigned long)(counter + 1));
    return xenbus_write(t, COUNTER, text);
}

static void increment_rounds(unsigned int vcpu, void *arg)
{
    (void)vcpu;
    (void)arg;
    for (uint64_t n = 0; n < rounds; n++) {
        struct round round = { .number = n, .first_attempt = 1 };
        unsigned int attempts = 0;
        long rc = xenbus_transaction_run(increment, &round, &attempts);
        if (rc < 0) printf("transaction round %lu failed: %s\n", (unsigned long)n, xenbus_error_name(rc));
        __atomic_fetch_add(&retried, attempts - 1, __ATOMIC_RELAXED);
    }
}

static void contended_transactions(void)
{
    vcpus = boot.cpus < RUNTIME_MAX_VCPUS ? boot.cpus : RUNTIME_MAX_VCPUS;
    rounds = param_u64("rounds", DEFAULT_ROUNDS);
    xenbus_write(XBT_NIL, COUNTER, "0");
    if (vcpus > 1) vcpus_start(vcpus, vcpu_start_param(), increment_rounds, NULL);
    increment_rounds(0, NULL);
    if (vcpus > 1) vcpus_join();
    long rc = xenbus_read(XBT_NIL, COUNTER, value, sizeof value);
    printf("transaction %s %ux%lu", COUNTER, vcpus, (unsigned long)rounds);
    print_result(rc, value);
    /* Each round's start line makes every vCPU but the first committer retry. */
    printf("contended %s\n", retried > 0 && retried >= (vcpus - 1) * rounds ? "yes" : "no");
}

static int run_ops(void)
{
    do_read("name");
    do_read("domid");
    do_write("data/greeting", "hello from the ring");
    do_read("data/greeting");
    do_path_op("mkdir", xenbus_mkdir, "data/dir");
    do_write("data/dir/a", "1");
    do_write("data/dir/b", "2");
    do_directory("data/dir");
    do_read("data/missing");
    do_path_op("rm", xenbus_rm, "data/missing/deeper");
    do_read("data/dir");

    printf("watch data/watched w1");
    print_result(xenbus_watch("data/watched", "w1"), "OK");
    expect_event();
    do_write("data/watched", "on");
    expect_event();
    do_write("data/watched/child", "x");
    expect_event();
    do_path_op("rm", xenbus_rm, "data/watched");
    expect_event();
    printf("unwatch data/watched w1");
    print_result(xenbus_unwatch("data/watched", "w1"), "OK");

    contended_transactions();
    do_path_op("rm", xenbus_rm, "data/dir");
    do_directory("data");
    return 0;
}

/* Creates data/q/<n> until xenstored refuses; the ring and the domain's other nodes still work after. */
static int run_quota(void)
{
    char path[32];
    long rc;
    unsigned int created = 0;
    for (;; created++) {
        snprintf(path, sizeof path, "data/q/%u", created);
        rc = xenbus_write(XBT_NIL, path, "");
        if (rc < 0) break;
    }
    printf("quota: wrote %u nodes, then %s\n", created, xenbus_error_name(rc));
    do_read("name");
    do_path_op("rm", xenbus_rm, "data/q");
    do_write("data/after", "fine");
    return 0;
}

static void bench_loop(const char *op, uint64_t ops, int writes)
{
    printf("bench: %s: start\n", op);
    uint64_t start = time_ns();
    for (uint64_t i = 0; i < ops; i++) {
        long rc = writes ? xenbus_write(XBT_NIL, "data/bench", "0123456789abcdef")
                         : xenbus_read(XBT_NIL, "data/bench", value, sizeof value);
        if (rc < 0) {
            printf("bench: %s: failed: %s\n", op, xenbus_error_name(rc));
            return;
        }
    }
    uint64_t elapsed = time_ns() - start;
    printf("bench: %s: %lu ops, %lu ns per op\n", op, (unsigned long)ops, (unsigned long)(ops ? elapsed / ops : 0));
}

/* Requests back to back, one in flight, as a xenbus driver issues them. */
static int run_bench(void)
{
    uint64_t ops = param_u64("ops", 10000);
    xenbus_write(XBT_NIL, "data/bench", "0123456789abcdef");
    bench_loop("read", ops, 0);
    bench_loop("write", ops, 1);
    return 0;
}

int main(void)
{
    long rc = xenbus_init();
    if (rc < 0) {
        printf("xs-client: no xenstore ring: %s\n", xenbus_error_name(rc));
        return 1;
    }
    char mode[8] = "ops";
    param_str("mode", mode, sizeof mode);
    printf("xs-client: mode %s\n", mode);
    int status = strcmp(mode, "quota") == 0 ? run_quota() : strcmp(mode, "bench") == 0 ? run_bench() : run_ops();
    printf("xs-client: done\n");
    return status;
}
