/* sched_op. Generated from src/hypervisor/abi by `npm run gen:abi`. Do not edit. */
#ifndef XENRV_XEN_SCHED_H
#define XENRV_XEN_SCHED_H

#include <stddef.h>
#include <stdint.h>

/* sched_op commands. */
#define SCHEDOP_yield 0
#define SCHEDOP_block 1
#define SCHEDOP_shutdown 2
#define SCHEDOP_poll 3
#define SCHEDOP_remote_shutdown 4
#define SCHEDOP_shutdown_code 5
#define SCHEDOP_watchdog 6
#define SCHEDOP_pin_override 7

/* Shutdown reasons (also the XEN_DOMINF shutdown code). */
#define SHUTDOWN_poweroff 0
#define SHUTDOWN_reboot 1
#define SHUTDOWN_suspend 2
#define SHUTDOWN_crash 3
#define SHUTDOWN_watchdog 4
#define SHUTDOWN_soft_reset 5

/* SCHEDOP_shutdown and SCHEDOP_shutdown_code. */
struct sched_shutdown {
    uint32_t reason;
};
typedef struct sched_shutdown sched_shutdown_t;
_Static_assert(sizeof(struct sched_shutdown) == 4, "sched_shutdown size");
_Static_assert(_Alignof(struct sched_shutdown) == 4, "sched_shutdown alignment");
_Static_assert(offsetof(struct sched_shutdown, reason) == 0, "sched_shutdown.reason offset");

/* Block until one of nr_ports ports is pending or timeout (absolute ns, 0 = none). */
struct sched_poll {
    uint64_t ports; /* guest handle: evtchn_port_t * */
    uint32_t nr_ports;
    uint64_t timeout;
};
typedef struct sched_poll sched_poll_t;
_Static_assert(sizeof(struct sched_poll) == 24, "sched_poll size");
_Static_assert(_Alignof(struct sched_poll) == 8, "sched_poll alignment");
_Static_assert(offsetof(struct sched_poll, ports) == 0, "sched_poll.ports offset");
_Static_assert(offsetof(struct sched_poll, nr_ports) == 8, "sched_poll.nr_ports offset");
_Static_assert(offsetof(struct sched_poll, timeout) == 16, "sched_poll.timeout offset");

/* Shut another domain down (privileged). */
struct sched_remote_shutdown {
    uint16_t domain_id;
    uint32_t reason;
};
typedef struct sched_remote_shutdown sched_remote_shutdown_t;
_Static_assert(sizeof(struct sched_remote_shutdown) == 8, "sched_remote_shutdown size");
_Static_assert(_Alignof(struct sched_remote_shutdown) == 4, "sched_remote_shutdown alignment");
_Static_assert(offsetof(struct sched_remote_shutdown, domain_id) == 0, "sched_remote_shutdown.domain_id offset");
_Static_assert(offsetof(struct sched_remote_shutdown, reason) == 4, "sched_remote_shutdown.reason offset");

/* SCHEDOP_watchdog: id 0 creates, timeout 0 destroys; seconds. */
struct sched_watchdog {
    uint32_t id;
    uint32_t timeout;
};
typedef struct sched_watchdog sched_watchdog_t;
_Static_assert(sizeof(struct sched_watchdog) == 8, "sched_watchdog size");
_Static_assert(_Alignof(struct sched_watchdog) == 4, "sched_watchdog alignment");
_Static_assert(offsetof(struct sched_watchdog, id) == 0, "sched_watchdog.id offset");
_Static_assert(offsetof(struct sched_watchdog, timeout) == 4, "sched_watchdog.timeout offset");

struct sched_pin_override {
    int32_t pcpu;
};
typedef struct sched_pin_override sched_pin_override_t;
_Static_assert(sizeof(struct sched_pin_override) == 4, "sched_pin_override size");
_Static_assert(_Alignof(struct sched_pin_override) == 4, "sched_pin_override alignment");
_Static_assert(offsetof(struct sched_pin_override, pcpu) == 0, "sched_pin_override.pcpu offset");

#endif /* XENRV_XEN_SCHED_H */
