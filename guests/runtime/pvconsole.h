/* The PV console frontend (pvconsole.c): the xencons_interface page and event channel the
   toolstack gives in HVM params CONSOLE_PFN and CONSOLE_EVTCHN, served in dom0 by the
   console backend (xl console shows it). Output goes into out[], input comes from in[].
   printf stays on the Xen console (console_io); pvconsole_printf writes here. */
#ifndef RUNTIME_PVCONSOLE_H
#define RUNTIME_PVCONSOLE_H

#include <stddef.h>

/* Finds the page and port; 0 or -XEN_Exxx (-XEN_ENOENT when the toolstack set none). */
long pvconsole_init(void);
/* Writes all of `text`, waiting for room while the backend drains out[]. */
void pvconsole_write(const char *text, size_t length);
int pvconsole_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Waits for input; returns 1..size bytes taken from in[]. */
size_t pvconsole_read(char *buffer, size_t size);
/* Reads up to a '\n' or '\r' (not stored) into a NUL-terminated `line`; a longer line is
   cut at size - 1 and the rest read as the next line. Returns the length. */
size_t pvconsole_read_line(char *line, size_t size);

#endif
