/* vcpu_op: register_vcpu_info and its rules, the runstate, a second vCPU brought up with
   SBI HSM and taken down and up again with vcpu_op. */
#include "checks.h"

static uint8_t info_page[PAGE_SIZE] PAGE_ALIGNED;

static long register_info(unsigned vcpu, uint64_t gfn, uint32_t offset)
{
    static struct vcpu_register_vcpu_info info;
    info = (struct vcpu_register_vcpu_info){ .mfn = gfn, .offset = offset };
    return HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, vcpu, &info);
}

static void check_register_vcpu_info(void)
{
    const uint64_t gfn = (uintptr_t)info_page / PAGE_SIZE;
    check_eq("vcpu_op register_vcpu_info crossing a page", register_info(0, gfn, PAGE_SIZE - sizeof(vcpu_info_t) + 8), -XEN_ENXIO);
    check_eq("vcpu_op register_vcpu_info misaligned", register_info(0, gfn, 4), -XEN_ENXIO);
    check_eq("vcpu_op register_vcpu_info from unmapped memory", HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, (void *)UNMAPPED_GPA), -XEN_EFAULT);

    /* A mark in shared_info's slot for vCPU 0 must move with the registration. */
    xen_shared_info->vcpu_info[0].time.version = 0x5eed;
    check_eq("vcpu_op register_vcpu_info for vCPU 0", xen_register_vcpu_info(0), 0);
    vcpu_info_t *info = xen_vcpu_info(0);
    check_eq("vcpu_info: evtchn_pending_sel is all ones", (long)info->evtchn_pending_sel, -1L);
    check_eq("vcpu_info: evtchn_upcall_pending is set", info->evtchn_upcall_pending, 1);
    check_eq("vcpu_info: the contents moved from shared_info", info->time.version, 0x5eed);
    check_eq("vcpu_op register_vcpu_info a second time", xen_register_vcpu_info(0), -XEN_EBUSY);
    check_eq("vcpu_op register_vcpu_info elsewhere a second time", register_info(0, gfn, 0), -XEN_EBUSY);
    check_eq("vcpu_op register_vcpu_info for vCPU 1", xen_register_vcpu_info(1), 0);
    check_eq("vcpu_info of vCPU 1: evtchn_pending_sel is all ones", (long)xen_vcpu_info(1)->evtchn_pending_sel, -1L);
}

static long runstate_of(unsigned vcpu, vcpu_runstate_info_t *rs)
{
    return HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, vcpu, rs);
}

static void check_runstate(void)
{
    static vcpu_runstate_info_t rs;
    check_eq("vcpu_op get_runstate_info", runstate_of(0, &rs), 0);
    check_eq("runstate of the calling vCPU: running", rs.state, RUNSTATE_running);
    check_true("runstate: time running is positive", rs.time[RUNSTATE_running] > 0);
    check_true("runstate: entered its state in the past", rs.state_entry_time <= time_ns());
    uint64_t ran = rs.time[RUNSTATE_running];
    xen_yield();
    runstate_of(0, &rs);
    check_true("runstate: running time grows", rs.time[RUNSTATE_running] > ran);
    check_eq("runstate of vCPU 1 (never started): offline", (runstate_of(1, &rs), rs.state), RUNSTATE_offline);
    check_eq("vcpu_op get_runstate_info into unmapped memory", runstate_of(0, (void *)UNMAPPED_GPA), -XEN_EFAULT);

    static vcpu_runstate_info_t area;
    static struct vcpu_register_runstate_memory_area reg;
    reg.addr = (uintptr_t)&area;
    area.state = 0x77;
    check_eq("vcpu_op register_runstate_memory_area", HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &reg), 0);
    check_eq("runstate area: filled in at registration", area.state, RUNSTATE_running);
    check_true("runstate area: time running is positive", area.time[RUNSTATE_running] > 0);
}

static volatile unsigned long secondary_opaque;
static volatile int secondary_started, secondary_stop;

void secondary_main(unsigned int vcpu, unsigned long opaque)
{
    (void)vcpu;
    secondary_opaque = opaque;
    secondary_started = 1;
    while (!secondary_stop) xen_yield();
}

extern void _start(void);

static long is_up(unsigned vcpu) { return HYPERVISOR_vcpu_op(VCPUOP_is_up, vcpu, NULL); }

static void check_up_down(void)
{
    static vcpu_runstate_info_t rs;
    check_eq("vcpu_op is_up vCPU 0", is_up(0), 1);
    check_eq("vcpu_op is_up vCPU 1 before it starts", is_up(1), 0);
    check_eq("vcpu_op up of a vCPU never initialised", HYPERVISOR_vcpu_op(VCPUOP_up, 1, NULL), -XEN_EINVAL);
    check_eq("sbi hsm hart_start vCPU 1", sbi_hart_start(1, _start, 0x1234), 0);
    while (!secondary_started) xen_yield();
    check_eq("vCPU 1 runs with the opaque value in a1", (long)secondary_opaque, 0x1234);
    check_eq("vcpu_op is_up vCPU 1 once started", is_up(1), 1);
    runstate_of(1, &rs);
    check_true("runstate of vCPU 1 once started: running or waiting for a CPU", rs.state == RUNSTATE_running || rs.state == RUNSTATE_runnable);
    check_eq("vcpu_op down vCPU 1", HYPERVISOR_vcpu_op(VCPUOP_down, 1, NULL), 0);
    check_eq("vcpu_op is_up vCPU 1 after down", is_up(1), 0);
    check_eq("runstate of vCPU 1 after down: offline", (runstate_of(1, &rs), rs.state), RUNSTATE_offline);
    check_eq("vcpu_op up vCPU 1 again", HYPERVISOR_vcpu_op(VCPUOP_up, 1, NULL), 0);
    check_eq("vcpu_op is_up vCPU 1 after up", is_up(1), 1);
    secondary_stop = 1;
    while (is_up(1)) xen_yield();
    check_eq("vCPU 1 took itself down", sbi_hart_status(1).value, SBI_HSM_STATE_STOPPED);
    check_eq("vcpu_op on a vCPU that does not exist", is_up(99), -XEN_ENOENT);
    check_eq("vcpu_op unknown sub-op", HYPERVISOR_vcpu_op(77, 0, NULL), -XEN_ENOSYS);
}

void check_vcpu_op(void)
{
    check_register_vcpu_info();
    check_runstate();
    check_up_down();
}
