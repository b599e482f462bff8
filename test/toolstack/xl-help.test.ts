// `xl` without a subcommand, `xl help` and an unknown subcommand, as xl 4.17 answers them.
import { describe, expect, it } from 'vitest';
import { smallHost, xl } from './boot-host.js';

describe('xl help', () => {
  it('lists the subcommands in xl\'s table order with its column layout; no subcommand exits 1', async () => {
    const host = await smallHost();
    const bare = await xl(host);
    expect(bare.code).toBe(1);
    const lines = bare.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual(['Usage xl [-vfNtT] <subcommand> [args]', '', 'xl full list of subcommands:', '']);
    expect(lines[4]).toBe(' create              Create a domain from config file <filename>');
    const names = lines.slice(4).filter(Boolean).map((line) => line.trim().split(/\s+/)[0]);
    expect(names).toEqual([
      'create', 'list', 'destroy', 'shutdown', 'reboot', 'pause', 'unpause', 'console', 'vcpu-list', 'vcpu-pin', 'vcpu-set',
      'info', 'sched-credit2', 'domid', 'domname', 'rename', 'dmesg', 'uptime', 'cpupool-list',
    ]);
    expect(await xl(host, 'help')).toEqual({ code: 0, stdout: bare.stdout, stderr: '' });
    host.shutdown();
  });

  it('refuses a subcommand it does not have', async () => {
    const host = await smallHost();
    expect(await xl(host, 'pci-attach', '1')).toEqual({ code: 1, stdout: '', stderr: 'command not implemented\n' });
    host.shutdown();
  });
});
