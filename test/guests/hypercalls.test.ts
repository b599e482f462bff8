// The all-hypercalls guest: a C program at VS calls every hypercall and sub-op xenrv
// offers a domU and checks each result and error itself, one line per check; the test
// asserts on those lines, on the console lines the guest wrote, and on `xl list`, with the
// guest's two vCPUs on one hart (so one waits for the other) in both execution modes.
import { describe, expect, it } from 'vitest';
import type { ExecutionMode } from '../../src/hypervisor/dataplane/guest-harts.js';
import { xl } from '../toolstack/boot-host.js';
import { bootGuestHost, consoleLines, runGuests, startGuest, stateOf, xlList } from './support/guest-host.js';

/** Checks the guest must report, by their text (a sample across every family). */
const EXPECTED_CHECKS = [
  'sbi base: implementation id is Xen\'s',
  'xen_version version: 4.18',
  'xen_version capabilities text',
  'xen_version get_features submap 1 is invalid',
  'xen_version commandline is hidden from a domU',
  'xen_version build_id is denied to a domU',
  'xen_version extraversion2: NULL asks for the size',
  'xen_version capabilities2: same text as the fixed form, no NUL',
  'xen_version changeset2: a buffer one byte short',
  'xen_version commandline2 is denied to a domU',
  'xen_version unknown sub-op',
  'console_io write',
  'console_io read is denied to a domU',
  'xsm_op (no FLASK)',
  'domctl getdomaininfo from a domU',
  'sysctl physinfo from a domU',
  'unknown hypercall 11',
  'unknown hypercall -1',
  'hvm_op STORE_PFN is the xenstore magic page',
  'hvm_op set_param on itself is denied',
  'memory_op current_reservation covers the RAM',
  'memory_op increase_reservation fills up to max_mem',
  'memory_op decrease_reservation gives a page back',
  'memory_op populate_physmap fills the hole',
  'memory_op increase_reservation takes a page',
  'memory_op maximum_gpfn is RAM\'s last frame',
  'memory_op get_sharing_freed_pages',
  'memory_op get_sharing_shared_pages',
  'memory_op add_to_physmap shared_info',
  'memory_op add_to_physmap grant_table frame 0',
  'vcpu_op register_vcpu_info crossing a page',
  'vcpu_op register_vcpu_info misaligned',
  'vcpu_info: evtchn_pending_sel is all ones',
  'vcpu_info: evtchn_upcall_pending is set',
  'vcpu_info: the contents moved from shared_info',
  'vcpu_op register_vcpu_info a second time',
  'runstate of the calling vCPU: running',
  'runstate of vCPU 1 (never started): offline',
  'runstate of vCPU 1 once started: running or waiting for a CPU',
  'runstate area: filled in at registration',
  'vcpu_op up of a vCPU never initialised',
  'vcpu_op down vCPU 1',
  'vcpu_op up vCPU 1 again',
  'vcpu_op is_up vCPU 1 after up',
  'vcpu_op set_singleshot_timer in the past with VCPU_SSHOTTMR_future',
  'vcpu_op stop_singleshot_timer',
  'vcpu_op set_periodic_timer below 1 ms',
  'vcpu_op stop_periodic_timer',
  'sbi set_timer: the timer interrupt reaches the guest once',
  'sched_op yield',
  'sched_op block: woken by the timer, not before it',
  'sched_op block with an event pending returns at once',
  'sched_op poll too many ports',
  'sched_op remote_shutdown of dom0 is denied',
  'multicall entry hypercall 11 (none)',
  'multicall entry nested multicall',
  'multicall entry console_io write',
  'multicall list in unmapped memory',
];

describe.each<[ExecutionMode, number]>([['deterministic', 1_000_000], ['parallel', 20_000]])('the all-hypercalls guest, %s mode', (mode, limit) => {
  it('passes every check from VS-mode and powers off', async () => {
    const gh = await bootGuestHost(1, { mode });
    const guest = await startGuest(gh, 'hypercalls', { vcpus: 2 });
    const { domid } = guest.domain;
    await runGuests(gh, [guest], limit);

    const lines = consoleLines(gh, domid);
    const failures = lines.filter((line) => line.startsWith('not ok'));
    expect(failures).toEqual([]);
    const passed = new Set(lines.filter((l) => l.startsWith('ok ')).map((l) => l.replace(/^ok \d+ - /, '')));
    for (const check of EXPECTED_CHECKS) expect(passed, check).toContain(check);
    const plan = lines.find((l) => /^1\.\.\d+$/.test(l));
    const total = Number(plan?.slice(3));
    expect(total).toBeGreaterThan(120);
    expect(lines).toContain(`# ${total} passed, 0 failed`);
    expect(lines).toContain('console_io: a line written directly');
    expect(lines).toContain('multicall: a console line from inside a batch');
    // XENVER_guest_handle is the UUID the builder gave the domain, as xl list -v shows it.
    const uuid = (await xl(gh.host, 'list', '-v', 'hypercalls')).stdout.split('\n')[1].trim().split(/\s+/)[6];
    expect(lines).toContain(`xen_version guest_handle: ${uuid}`);

    expect(guest.domain.state).toBe('shutdown');
    expect(stateOf(await xlList(gh), 'hypercalls')).toBe('---s--');
    await gh.host.harts?.stop();
  });
});
