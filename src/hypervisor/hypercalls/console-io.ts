// console_io (hypercall 18, args (cmd, count, buf)): the Xen console. Dom0's output goes
// straight out; a domU's is stripped of control characters and printed a line at a time
// with its "(dN) " prefix, as guest_printk does.
import { CONSOLEIO } from '../abi/decl/console.js';
import { XenErrno } from '../abi/decl/errno.js';
import { HYPERCALL } from '../abi/decl/hypercalls.js';
import type { Domain } from '../domain.js';
import type { Hypervisor } from '../hypervisor.js';
import type { Vcpu } from '../vcpu.js';
import { xsmConsoleIo } from '../xsm.js';
import type { HypercallFamily, SubOp } from './family.js';

const INT_MAX = 0x7fffffff;
const latin1 = new TextDecoder('latin1');
const encoder = new TextEncoder();

/** A domain's console output: dom0's as is, a domU's filtered and line-buffered. */
export function consoleOutput(hv: Hypervisor, domain: Domain, text: string): void {
  if (domain.privileged) {
    hv.console.write(text);
    return;
  }
  for (const ch of text) {
    if (ch === '\n') {
      hv.console.write(`(d${domain.domid}) ${domain.consoleLine}\n`);
      domain.consoleLine = '';
    } else if (ch >= ' ' || ch === '\t') {
      domain.consoleLine += ch;
    }
  }
}

function write(hv: Hypervisor, caller: Vcpu, count: number, buffer: number): number {
  consoleOutput(hv, caller.domain, latin1.decode(caller.domain.memory.read(buffer, count)));
  return 0;
}

function read(hv: Hypervisor, caller: Vcpu, count: number, buffer: number): number {
  if (count > INT_MAX) return -XenErrno.E2BIG;
  const bytes = encoder.encode(hv.console.takeInput(count)).subarray(0, count);
  caller.domain.memory.write(buffer, bytes);
  return bytes.length;
}

type ConsoleHandler = (hv: Hypervisor, caller: Vcpu, count: number, buffer: number) => number;

const CONSOLE_SUBOPS: readonly SubOp<ConsoleHandler>[] = [
  { nr: CONSOLEIO.write, name: 'write', xsm: 'hook', kind: 'logical', path: 'fast', handler: write },
  { nr: CONSOLEIO.read, name: 'read', xsm: 'priv', kind: 'logical', path: 'slow', handler: read },
];

export const consoleIoFamily: HypercallFamily = {
  nr: HYPERCALL.console_io,
  name: 'console_io',
  args: ['cmd', 'count', 'buffer'],
  subops: CONSOLE_SUBOPS,
  handler: (hv, caller, cmd, count, buffer) => {
    const op = CONSOLE_SUBOPS.find((o) => o.nr === cmd);
    if (op === undefined) return -XenErrno.ENOSYS;
    const denied = xsmConsoleIo(caller.domain, cmd === CONSOLEIO.write);
    return denied !== 0 ? denied : op.handler(hv, caller, count, buffer);
  },
};
