/* The SBI Xen offers a guest: base, HSM status, an unknown extension. */
#include "checks.h"

void check_sbi(void)
{
    struct sbiret r = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_SPEC_VERSION, 0, 0, 0);
    check_eq("sbi base: spec version 0.2", r.value, SBI_XEN_SPEC_VERSION);
    r = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_IMP_ID, 0, 0, 0);
    check_eq("sbi base: implementation id is Xen's", r.value, SBI_XEN_IMPID);
    r = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_IMP_VERSION, 0, 0, 0);
    check_eq("sbi base: implementation version is Xen 4.18", r.value, (4 << 16) | 18);
    check_eq("sbi base: TIME probes present", sbi_probe_extension(SBI_EXT_TIME), 1);
    check_eq("sbi base: HSM probes present", sbi_probe_extension(SBI_EXT_HSM), 1);
    check_eq("sbi base: an unknown extension probes absent", sbi_probe_extension(0x12345678), 0);
    check_eq("sbi hsm: vCPU 0 is started", sbi_hart_status(0).value, SBI_HSM_STATE_STARTED);
    check_eq("sbi hsm: vCPU 1 is stopped", sbi_hart_status(1).value, SBI_HSM_STATE_STOPPED);
    check_eq("sbi hsm: status of a vCPU that does not exist", sbi_hart_status(99).error, SBI_ERR_INVALID_PARAM);
    check_eq("sbi: unknown extension is not supported", sbi_ecall(0x0bad0bad, 0, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
}
