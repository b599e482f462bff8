/* The roles of the grant-share program (grant-share.c: the sharing exchange; bench.c:
   the speed measurements). Each returns main's exit status. */
#ifndef GRANT_SHARE_H
#define GRANT_SHARE_H

#include <stdint.h>

int bench_granter(uint16_t peer);
int bench_copier(uint16_t peer);

#endif
