/* Secondary vCPUs. Each runs on its own stack from the link script's stack area, with
   its vcpu_info registered by vCPU 0 before it starts (as Linux does for its CPUs). It is
   brought up either with a vcpu_guest_context that names everything it needs (pc, sp, gp,
   tp and a0) through VCPUOP_initialise and VCPUOP_up, or with SBI HSM hart_start at the
   runtime's entry, which sets up the stack from the vCPU id. When its entry function
   returns, it counts as finished and goes down. */
#include "runtime.h"

extern char __stacks_start[];
extern void trap_entry(void);

struct vcpu_work {
    vcpu_entry_t entry;
    void *arg;
};

static struct vcpu_work work[RUNTIME_MAX_VCPUS];
/* One bit per vCPU, changed with AMOs: started by vcpu_start, returned from its entry. */
static uint32_t started, finished;
static uint32_t vcpu_info_registered;

static uint32_t bit(unsigned int vcpu) { return 1U << vcpu; }

static long register_vcpu_info(unsigned int vcpu)
{
    if (vcpu_info_registered & bit(vcpu)) return 0;
    long rc = xen_register_vcpu_info(vcpu);
    if (rc == -XEN_EBUSY) rc = 0; /* registered through xen_register_vcpu_info already */
    if (rc == 0) vcpu_info_registered |= bit(vcpu);
    return rc;
}

long smp_init(void)
{
    if (xen_shared_info == NULL) {
        long rc = xen_map_shared_info();
        if (rc != 0) return rc;
    }
    return register_vcpu_info(0);
}

enum vcpu_start vcpu_start_param(void)
{
    char how[8];
    return param_str("start", how, sizeof how) && strcmp(how, "hsm") == 0 ? VCPU_START_HSM : VCPU_START_VCPUOP;
}

static NORETURN void run_work(unsigned int vcpu)
{
    work[vcpu].entry(vcpu, work[vcpu].arg);
    __atomic_fetch_or(&finished, bit(vcpu), __ATOMIC_RELEASE);
    for (;;) HYPERVISOR_vcpu_op(VCPUOP_down, vcpu, NULL);
}

/* Where a vCPU started from a context begins: its registers are set, its trap vector is not. */
static NORETURN void context_entry(unsigned long vcpu)
{
    __asm__ volatile("csrw stvec, %0" ::"r"(trap_entry));
    run_work((unsigned int)vcpu);
}

/* Called by the start code on every vCPU but 0 (HSM starts land there). */
void runtime_secondary(unsigned long vcpu, unsigned long opaque)
{
    if (vcpu < RUNTIME_MAX_VCPUS && (__atomic_load_n(&started, __ATOMIC_ACQUIRE) & bit(vcpu))) run_work((unsigned int)vcpu);
    secondary_main((unsigned int)vcpu, opaque);
    for (;;) HYPERVISOR_vcpu_op(VCPUOP_down, (unsigned int)vcpu, NULL);
}

static long start_from_context(unsigned int vcpu)
{
    vcpu_guest_context_t context;
    memset(&context, 0, sizeof context);
    unsigned long gp;
    __asm__("mv %0, gp" : "=r"(gp));
    context.user_regs.pc = (uintptr_t)context_entry;
    context.user_regs.sp = (uintptr_t)__stacks_start + ((uintptr_t)(vcpu + 1) << RUNTIME_STACK_SHIFT);
    context.user_regs.gp = gp;
    context.user_regs.tp = vcpu;
    context.user_regs.a0 = vcpu;
    long rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, vcpu, &context);
    return rc != 0 ? rc : HYPERVISOR_vcpu_op(VCPUOP_up, vcpu, NULL);
}

extern void _start(void);

static long start_with_hsm(unsigned int vcpu)
{
    long error = sbi_hart_start(vcpu, _start, 0);
    if (error == SBI_ERR_ALREADY_AVAILABLE) return -XEN_EBUSY;
    return error == SBI_ERR_SUCCESS ? 0 : -XEN_EINVAL;
}

long vcpu_start(unsigned int vcpu, enum vcpu_start how, vcpu_entry_t entry, void *arg)
{
    if (vcpu == 0 || vcpu >= RUNTIME_MAX_VCPUS) return -XEN_EINVAL;
    if (__atomic_load_n(&started, __ATOMIC_ACQUIRE) & bit(vcpu)) return -XEN_EBUSY;
    long rc = register_vcpu_info(vcpu);
    if (rc != 0) return rc;
    work[vcpu] = (struct vcpu_work){ .entry = entry, .arg = arg };
    __atomic_fetch_or(&started, bit(vcpu), __ATOMIC_RELEASE);
    rc = how == VCPU_START_HSM ? start_with_hsm(vcpu) : start_from_context(vcpu);
    if (rc != 0) __atomic_fetch_and(&started, ~bit(vcpu), __ATOMIC_RELEASE);
    return rc;
}

long vcpus_start(unsigned int count, enum vcpu_start how, vcpu_entry_t entry, void *arg)
{
    for (unsigned int vcpu = 1; vcpu < count; vcpu++) {
        long rc = vcpu_start(vcpu, how, entry, arg);
        if (rc != 0) return rc;
    }
    return 0;
}

/* How often a waiting vCPU looks again. */
#define JOIN_POLL_NS 50000ULL

void vcpus_join(void)
{
    while (__atomic_load_n(&finished, __ATOMIC_ACQUIRE) != __atomic_load_n(&started, __ATOMIC_ACQUIRE))
        sleep_for(JOIN_POLL_NS, WAKE_SBI_TIMER);
}
