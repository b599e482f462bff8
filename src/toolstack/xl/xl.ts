// xl's command table: the subcommand name → its implementation.
import type { Host } from '../host.js';
import { type ConsoleIo, xlConsole } from './console.js';
import { xlCpupoolList } from './cpupool-list.js';
import { xlCreate } from './create.js';
import { xlDestroy } from './destroy.js';
import { xlDmesg } from './dmesg.js';
import { xlDomid } from './domid.js';
import { xlDomname } from './domname.js';
import { xlInfo } from './info.js';
import { xlList } from './list.js';
import { EXIT_FAILURE } from './output.js';
import { xlPause } from './pause.js';
import { xlSchedCredit2 } from './sched-credit2.js';
import { xlReboot, xlShutdown } from './shutdown.js';
import { xlRename } from './rename.js';
import { xlUnpause } from './unpause.js';
import { xlUptime } from './uptime.js';
import { xlVcpuList } from './vcpu-list.js';
import { xlVcpuPin } from './vcpu-pin.js';
import { xlVcpuSet } from './vcpu-set.js';

/** Each command writes to `output`; console sessions also read its keyboard. */
type XlCommand = (host: Host, args: readonly string[], output: ConsoleIo) => number | Promise<number>;

const COMMANDS: Readonly<Record<string, { run: XlCommand; summary: string }>> = {
  console: xlConsole,
  'cpupool-list': { run: xlCpupoolList, summary: 'List CPU pools on host' },
  create: { run: xlCreate, summary: 'Create a domain from config file <filename>' },
  destroy: { run: xlDestroy, summary: 'Terminate a domain immediately' },
  dmesg: xlDmesg,
  domid: xlDomid,
  domname: xlDomname,
  info: { run: xlInfo, summary: 'Get information about Xen host' },
  list: { run: xlList, summary: 'List information about all/some domains' },
  pause: xlPause,
  reboot: { run: xlReboot, summary: 'Issue a reboot signal to a domain' },
  rename: xlRename,
  'sched-credit2': { run: xlSchedCredit2, summary: 'Get/set credit2 scheduler parameters' },
  shutdown: { run: xlShutdown, summary: 'Issue a shutdown signal to a domain' },
  unpause: xlUnpause,
  uptime: xlUptime,
  'vcpu-list': { run: xlVcpuList, summary: 'List the VCPUs for all/some domains' },
  'vcpu-pin': { run: xlVcpuPin, summary: 'Set which CPUs a VCPU can use' },
  'vcpu-set': xlVcpuSet,
};

export async function runXl(host: Host, argv: readonly string[], output: ConsoleIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help') {
    output.out(`Usage xl [-v] [-N] [-f] [-t] <subcommand> [args]\n\nxl full list of subcommands:\n\n${Object.entries(COMMANDS)
      .map(([name, { summary }]) => ` ${name.padEnd(20)}${summary}\n`)
      .join('')}`);
    return command === undefined ? EXIT_FAILURE : 0;
  }
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (entry === undefined) {
    output.err('command not implemented\n');
    return EXIT_FAILURE;
  }
  return entry.run(host, args, output);
}
