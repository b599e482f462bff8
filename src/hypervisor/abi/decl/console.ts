// console_io (hypercall 18, args (cmd, count, buf)) and the PV console ring page.
import { constants } from '../constants.js';
import { struct } from '../aggregate.js';

export const CONSOLEIO = constants('CONSOLEIO_', 'console_io commands.', { write: 0, read: 1 });

export const XENCONS = constants('XENCONS_', 'PV console ring sizes; indexes are free-running, masked with size-1.', {
  IN_RING_SIZE: 1024, OUT_RING_SIZE: 2048,
});

export const xenconsInterface = struct('xencons_interface', [
  ['in', 'u8', 1024],
  ['out', 'u8', 2048],
  ['in_cons', 'u32'],
  ['in_prod', 'u32'],
  ['out_cons', 'u32'],
  ['out_prod', 'u32'],
], { size: 3088, doc: 'The console page (4.18 layout; 4.21 adds a connection byte at 3088). The guest fills out[] and advances out_prod; the backend fills in[].' });
