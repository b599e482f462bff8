import { Command } from 'commander';

const program = new Command('xenrv').description('A simulator of the Xen hypervisor on RISC-V SMP hardware');
program.parse();
