// The xenstore wire protocol (xs_wire.h, 4.18): message types, the 16-byte message header
// and the ring page a guest shares with xenstored.
import { constants } from '../constants.js';
import { struct } from '../aggregate.js';

export const XS = constants('XS_', 'Xenstore message types (xsd_sockmsg.type).', {
  CONTROL: 0, DEBUG: 0, DIRECTORY: 1, READ: 2, GET_PERMS: 3, WATCH: 4, UNWATCH: 5,
  TRANSACTION_START: 6, TRANSACTION_END: 7, INTRODUCE: 8, RELEASE: 9, GET_DOMAIN_PATH: 10,
  WRITE: 11, MKDIR: 12, RM: 13, SET_PERMS: 14, WATCH_EVENT: 15, ERROR: 16, IS_DOMAIN_INTRODUCED: 17,
  RESUME: 18, SET_TARGET: 19, RESET_WATCHES: 21, DIRECTORY_PART: 22, INVALID: 0xffff,
});

export const XENSTORE = constants('XENSTORE_', 'Xenstore ring and message limits.', {
  RING_SIZE: 1024, PAYLOAD_MAX: 4096, ABS_PATH_MAX: 3072, REL_PATH_MAX: 2048,
  /** server_features bits (4.18 has these two). */
  SERVER_FEATURE_RECONNECTION: 1, SERVER_FEATURE_ERROR: 2,
  /** connection states. */
  CONNECTED: 0, RECONNECT: 1,
});

export const XENSTORE_ERROR = constants('XENSTORE_ERROR_', 'xenstore_domain_interface.error values.', {
  NONE: 0, COMM: 1, RINGIDX: 2, PROTO: 3,
});

export const xsdSockmsg = struct('xsd_sockmsg', [
  ['type', 'u32'], ['req_id', 'u32'], ['tx_id', 'u32'], ['len', 'u32'],
], { size: 16, doc: 'Header of every xenstore message; len payload bytes follow.' });

export const xenstoreDomainInterface = struct('xenstore_domain_interface', [
  ['req', 'u8', 1024],
  ['rsp', 'u8', 1024],
  ['req_cons', 'u32'],
  ['req_prod', 'u32'],
  ['rsp_cons', 'u32'],
  ['rsp_prod', 'u32'],
  ['server_features', 'u32'],
  ['connection', 'u32'],
  ['error', 'u32'],
], { size: 2076, doc: 'The xenstore ring page (4.18 layout; 4.21 adds evtchn_port at 2076). Indexes are free-running u32, masked with RING_SIZE-1.' });
