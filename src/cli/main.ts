import { Command } from 'commander';
import { registerAbi } from './abi.js';
import { registerBoot } from './boot.js';
import { registerRunElf } from './run-elf.js';
import { registerXenstored } from './xenstored.js';
import { registerXl } from './xl.js';

const program = new Command('xenrv').description('A simulator of the Xen hypervisor on RISC-V SMP hardware');
registerRunElf(program);
registerXenstored(program);
program.enablePositionalOptions();
registerBoot(program);
registerXl(program);
registerAbi(program);
program.parse();
