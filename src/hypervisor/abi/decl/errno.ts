// Xen's errno values (public errno.h, identical on every architecture). Hypercalls return
// them negated: `return xenError(XenErrno.ENOSYS)` gives -38.
import { constantName, constants } from '../constants.js';

export const XenErrno = constants('XEN_', 'Error numbers; a hypercall returns the negated value.', {
  EPERM: 1, ENOENT: 2, ESRCH: 3, EINTR: 4, EIO: 5, ENXIO: 6, E2BIG: 7, ENOEXEC: 8, EBADF: 9, ECHILD: 10,
  EAGAIN: 11, EWOULDBLOCK: 11, ENOMEM: 12, EACCES: 13, EFAULT: 14, EBUSY: 16, EEXIST: 17, EXDEV: 18,
  ENODEV: 19, ENOTDIR: 20, EISDIR: 21, EINVAL: 22, ENFILE: 23, EMFILE: 24, ENOSPC: 28, EROFS: 30,
  EMLINK: 31, EDOM: 33, ERANGE: 34, EDEADLK: 35, ENAMETOOLONG: 36, ENOLCK: 37, ENOSYS: 38,
  ENOTEMPTY: 39, ENODATA: 61, ETIME: 62, EBADMSG: 74, EOVERFLOW: 75, EILSEQ: 84, ERESTART: 85,
  ENOTSOCK: 88, EMSGSIZE: 90, EOPNOTSUPP: 95, EADDRINUSE: 98, EADDRNOTAVAIL: 99, ENOBUFS: 105,
  EISCONN: 106, ENOTCONN: 107, ETIMEDOUT: 110, ECONNREFUSED: 111,
});

export type XenErrno = (typeof XenErrno)[keyof typeof XenErrno];

/** The hypercall return value for an error: the errno negated. */
export function xenError(errno: XenErrno): number {
  return -errno;
}

/** "ENOSYS" for -38 or 38; undefined for a value that is not an errno. */
export function errnoName(value: number): string | undefined {
  return constantName(XenErrno, Math.abs(value));
}
