// sched_op (hypercall 29, args (cmd, arg)): yield, block, shutdown, poll.
import { constants } from '../constants.js';
import { handle, struct } from '../aggregate.js';

export const SCHEDOP = constants('SCHEDOP_', 'sched_op commands.', {
  yield: 0, block: 1, shutdown: 2, poll: 3, remote_shutdown: 4, shutdown_code: 5, watchdog: 6,
  pin_override: 7,
});

export const SHUTDOWN = constants('SHUTDOWN_', 'Shutdown reasons (also the XEN_DOMINF shutdown code).', {
  poweroff: 0, reboot: 1, suspend: 2, crash: 3, watchdog: 4, soft_reset: 5,
});

export const schedShutdown = struct('sched_shutdown', [['reason', 'u32']], { size: 4, doc: 'SCHEDOP_shutdown and SCHEDOP_shutdown_code.' });

export const schedPoll = struct('sched_poll', [
  ['ports', handle('evtchn_port_t')], ['nr_ports', 'u32'], ['timeout', 'u64'],
], { size: 24, doc: 'Block until one of nr_ports ports is pending or timeout (absolute ns, 0 = none).' });

export const schedRemoteShutdown = struct('sched_remote_shutdown', [['domain_id', 'u16'], ['reason', 'u32']], {
  size: 8, doc: 'Shut another domain down (privileged).',
});

export const schedWatchdog = struct('sched_watchdog', [['id', 'u32'], ['timeout', 'u32']], {
  size: 8, doc: 'SCHEDOP_watchdog: id 0 creates, timeout 0 destroys; seconds.',
});

export const schedPinOverride = struct('sched_pin_override', [['pcpu', 'i32']], { size: 4 });
