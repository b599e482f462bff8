/* xen_version: every sub-op, the fixed-size and the varbuf (*2) forms. */
#include "checks.h"

static uint8_t varbuf_space[8 + 1024] __attribute__((aligned(8)));

static long varbuf_call(int cmd, uint32_t room)
{
    xen_varbuf_t *vb = (xen_varbuf_t *)varbuf_space;
    memset(varbuf_space, 0, sizeof varbuf_space);
    vb->len = room;
    return HYPERVISOR_xen_version(cmd, vb);
}

/* The *2 form of a string sub-op: its size query, its contents (no NUL), and its errors. */
static void check_varbuf(const char *name, int cmd, const char *expected)
{
    char what[96];
    long size = (long)strlen(expected);
    snprintf(what, sizeof what, "xen_version %s: NULL asks for the size", name);
    check_eq(what, HYPERVISOR_xen_version(cmd, NULL), size);
    snprintf(what, sizeof what, "xen_version %s: returns the length it wrote", name);
    check_eq(what, varbuf_call(cmd, 1024), size);
    snprintf(what, sizeof what, "xen_version %s: same text as the fixed form, no NUL", name);
    xen_varbuf_t *vb = (xen_varbuf_t *)varbuf_space;
    check_true(what, memcmp(vb->buf, expected, (size_t)size) == 0 && vb->buf[size] == 0);
    snprintf(what, sizeof what, "xen_version %s: len 0 is invalid", name);
    check_eq(what, varbuf_call(cmd, 0), -XEN_EINVAL);
    snprintf(what, sizeof what, "xen_version %s: a buffer one byte short", name);
    check_eq(what, varbuf_call(cmd, (uint32_t)size - 1), -XEN_ENOBUFS);
}

void check_xen_version(void)
{
    check_eq("xen_version version: 4.18", HYPERVISOR_xen_version(XENVER_version, NULL), (4 << 16) | 18);

    static xen_extraversion_t extra;
    check_eq("xen_version extraversion", HYPERVISOR_xen_version(XENVER_extraversion, &extra), 0);
    check_str("xen_version extraversion text", extra.extraversion, "-xenrv");

    static xen_compile_info_t info;
    check_eq("xen_version compile_info", HYPERVISOR_xen_version(XENVER_compile_info, &info), 0);
    check_true("xen_version compile_info names a compiler", info.compiler[0] != 0 && info.compiler[63] == 0);

    static xen_capabilities_info_t caps;
    check_eq("xen_version capabilities", HYPERVISOR_xen_version(XENVER_capabilities, &caps), 0);
    check_str("xen_version capabilities text", caps.info, "xen-3.0-riscv64");

    static xen_changeset_info_t changeset;
    check_eq("xen_version changeset", HYPERVISOR_xen_version(XENVER_changeset, &changeset), 0);
    check_true("xen_version changeset is a string", changeset.info[0] != 0 && changeset.info[63] == 0);

    xen_platform_parameters_t platform = { .virt_start = 0x1234 };
    check_eq("xen_version platform_parameters", HYPERVISOR_xen_version(XENVER_platform_parameters, &platform), 0);
    check_eq("xen_version platform_parameters: virt_start 0 for a translated guest", (long)platform.virt_start, 0);

    xen_feature_info_t features = { .submap_idx = 0 };
    check_eq("xen_version get_features submap 0", HYPERVISOR_xen_version(XENVER_get_features, &features), 0);
    check_eq("xen_version get_features: auto_translated_physmap", (features.submap >> XENFEAT_auto_translated_physmap) & 1, 1);
    check_eq("xen_version get_features: not dom0", (features.submap >> XENFEAT_dom0) & 1, 0);
    features.submap_idx = 1;
    check_eq("xen_version get_features submap 1 is invalid", HYPERVISOR_xen_version(XENVER_get_features, &features), -XEN_EINVAL);

    check_eq("xen_version pagesize", HYPERVISOR_xen_version(XENVER_pagesize, NULL), XEN_PAGE_SIZE);
    check_eq("xen_version pagesize with an argument is invalid", HYPERVISOR_xen_version(XENVER_pagesize, &platform), -XEN_EINVAL);

    static xen_guest_handle_info_t handle;
    memset(&handle, 0xff, sizeof handle);
    check_eq("xen_version guest_handle", HYPERVISOR_xen_version(XENVER_guest_handle, &handle), 0);
    const uint8_t *h = handle.handle;
    printf("xen_version guest_handle: %02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x\n", h[0], h[1], h[2], h[3],
           h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13], h[14], h[15]);

    static xen_commandline_t line;
    check_eq("xen_version commandline", HYPERVISOR_xen_version(XENVER_commandline, &line), 0);
    check_str("xen_version commandline is hidden from a domU", line.line, "<denied>");

    check_eq("xen_version build_id is denied to a domU", HYPERVISOR_xen_version(XENVER_build_id, NULL), -XEN_EPERM);
    check_varbuf("extraversion2", XENVER_extraversion2, extra.extraversion);
    check_varbuf("capabilities2", XENVER_capabilities2, caps.info);
    check_varbuf("changeset2", XENVER_changeset2, changeset.info);
    check_eq("xen_version commandline2 is denied to a domU", HYPERVISOR_xen_version(XENVER_commandline2, NULL), -XEN_EPERM);

    check_eq("xen_version unknown sub-op", HYPERVISOR_xen_version(99, NULL), -XEN_ENOSYS);
    check_eq("xen_version extraversion into unmapped memory", HYPERVISOR_xen_version(XENVER_extraversion, (void *)UNMAPPED_GPA), -XEN_EFAULT);
}
