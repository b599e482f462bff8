import { Command } from 'commander';

type Register = (program: Command) => void;

// Each command's module is imported only when that command runs (all of them for help),
// so a command starts without loading the others' dependencies.
const commands: Record<string, () => Promise<Register>> = {
  'run-elf': async () => (await import('./run-elf.js')).registerRunElf,
  xenstored: async () => (await import('./xenstored.js')).registerXenstored,
  boot: async () => (await import('./boot.js')).registerBoot,
  xl: async () => (await import('./xl.js')).registerXl,
  abi: async () => (await import('./abi.js')).registerAbi,
};

const program = new Command('xenrv').description('A simulator of the Xen hypervisor on RISC-V SMP hardware');
program.enablePositionalOptions();
const invoked = commands[process.argv[2] ?? ''];
for (const register of await Promise.all(invoked ? [invoked()] : Object.values(commands).map((load) => load()))) {
  register(program);
}
program.parse();
