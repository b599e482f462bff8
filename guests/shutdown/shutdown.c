/* Shuts its domain down the way its boot arguments say:
     reason=poweroff|reboot|suspend|crash|watchdog|soft_reset   (default poweroff)
     via=sched_op|sbi|trap   sched_op SCHEDOP_shutdown (default); sbi SRST system reset
                             (poweroff, reboot); trap an illegal instruction, which the
                             runtime's trap handler reports before crashing the domain
     code=<reason>           SCHEDOP_shutdown_code first: the reason the shutdown reports */
#include "runtime.h"

static const char *const reasons[] = { "poweroff", "reboot", "suspend", "crash", "watchdog", "soft_reset" };

static int reason_named(const char *name)
{
    for (unsigned i = 0; i < ARRAY_SIZE(reasons); i++)
        if (strcmp(name, reasons[i]) == 0) return (int)i;
    return -1;
}

int main(void)
{
    char reason_name[16] = "poweroff", via[16] = "sched_op", code_name[16];
    param_str("reason", reason_name, sizeof reason_name);
    param_str("via", via, sizeof via);
    int reason = reason_named(reason_name);
    if (reason < 0) {
        printf("unknown reason \"%s\"\n", reason_name);
        return 1;
    }
    if (param_str("code", code_name, sizeof code_name)) {
        static struct sched_shutdown code;
        code.reason = (uint32_t)reason_named(code_name);
        printf("shutdown_code %s: %ld\n", code_name, HYPERVISOR_sched_op(SCHEDOP_shutdown_code, &code));
    }
    printf("shutting down: %s via %s\n", reason_name, via);
    if (strcmp(via, "trap") == 0) __asm__ volatile(".word 0" ::: "memory"); /* all-zero: illegal */
    if (strcmp(via, "sbi") == 0) {
        long type = reason == SHUTDOWN_reboot ? SBI_SRST_RESET_TYPE_COLD_REBOOT : SBI_SRST_RESET_TYPE_SHUTDOWN;
        printf("sbi system reset failed: %ld\n", sbi_system_reset((unsigned long)type, SBI_SRST_RESET_REASON_NONE));
        return 1;
    }
    printf("shutdown failed: %ld\n", xen_shutdown((unsigned)reason));
    return 1;
}
