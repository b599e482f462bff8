import { Command } from 'commander';
import { registerXenstored } from './xenstored.js';

const program = new Command('xenrv').description('A simulator of the Xen hypervisor on RISC-V SMP hardware');
registerXenstored(program);
program.parse();
