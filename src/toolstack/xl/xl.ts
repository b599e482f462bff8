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

/** In the order of xl's cmd_table (xl_cmdtable.c), which `xl help` lists. */
const COMMANDS: Readonly<Record<string, { run: XlCommand; summary: string }>> = {
  create: { run: xlCreate, summary: 'Create a domain from config file <filename>' },
  list: { run: xlList, summary: 'List information about all/some domains' },
  destroy: { run: xlDestroy, summary: 'Terminate a domain immediately' },
  shutdown: { run: xlShutdown, summary: 'Issue a shutdown signal to a domain' },
  reboot: { run: xlReboot, summary: 'Issue a reboot signal to a domain' },
  pause: xlPause,
  unpause: xlUnpause,
  console: xlConsole,
  'vcpu-list': { run: xlVcpuList, summary: 'List the VCPUs for all/some domains' },
  'vcpu-pin': { run: xlVcpuPin, summary: 'Set which CPUs a VCPU can use' },
  'vcpu-set': xlVcpuSet,
  info: { run: xlInfo, summary: 'Get information about Xen host' },
  'sched-credit2': { run: xlSchedCredit2, summary: 'Get/set credit2 scheduler parameters' },
  domid: xlDomid,
  domname: xlDomname,
  rename: xlRename,
  dmesg: xlDmesg,
  uptime: xlUptime,
  'cpupool-list': { run: xlCpupoolList, summary: 'List CPU pools on host' },
};

/** xl's help(): a name column of 19, wrapped onto its own line when longer. */
function helpLine(name: string, summary: string): string {
  return name.length > 19 ? ` ${name} \n ${''.padEnd(19)} ${summary}\n` : ` ${name.padEnd(19)} ${summary}\n`;
}

export async function runXl(host: Host, argv: readonly string[], output: ConsoleIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help') {
    output.out(`Usage xl [-vfNtT] <subcommand> [args]\n\nxl full list of subcommands:\n\n${Object.entries(COMMANDS)
      .map(([name, { summary }]) => helpLine(name, summary))
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
