import { Command } from 'commander';
import { registerRunElf } from './run-elf.js';
import { registerXenstored } from './xenstored.js';

const program = new Command('xenrv').description('A simulator of the Xen hypervisor on RISC-V SMP hardware');
registerRunElf(program);
registerXenstored(program);
program.parse();
