/* Grant tables v1 from the guest side (gnttab.c): the table's frame 0 in the grant region,
   granting and revoking access to a page as Linux's gnttab does (flags written last, and
   revoked only when Xen no longer has the grant in use), and the GNTTABOP wrappers. */
#ifndef GRANT_SHARE_GNTTAB_H
#define GRANT_SHARE_GNTTAB_H

#include <stdint.h>
#include <xen-abi.h>
#include "hypercall.h"

typedef uint32_t grant_ref_t;
typedef uint32_t grant_handle_t;

static inline long HYPERVISOR_grant_table_op(unsigned int cmd, void *uop, unsigned int count)
{
    return xen_hypercall(__HYPERVISOR_grant_table_op, cmd, XEN_ARG(uop), count, 0, 0);
}

/* Maps frame 0 of the caller's grant table at GUEST_GNTTAB_BASE (once); 0 or -XEN_Exxx. */
long gnttab_init(void);
/* The caller's entries (after gnttab_init), GNTTAB_ENTRIES_PER_FRAME of them. */
volatile grant_entry_v1_t *gnttab_entries(void);

/* Lets `domid` map or copy the page at guest-physical `gfn` through `ref`. */
void gnttab_grant_access(grant_ref_t ref, uint16_t domid, uint64_t gfn, int readonly);
/* Revokes `ref` unless Xen has it in use (GTF_reading/GTF_writing): 1 revoked, 0 busy. */
int gnttab_end_access(grant_ref_t ref);
/* Whether the grantee still has `ref` mapped or is copying through it. */
int gnttab_in_use(grant_ref_t ref);

/* ---- one-operation GNTTABOP wrappers: the operation's GNTST_* status, or the call's
   -XEN_Exxx when the hypercall itself failed. */
int gnttab_map(uint16_t dom, grant_ref_t ref, void *at, int readonly, grant_handle_t *handle);
int gnttab_unmap(void *at, grant_handle_t handle);
/* Copies `len` bytes: each side a grant ref of `*_dom` when its GNTCOPY flag is set, or
   a gfn of the caller's (DOMID_SELF). */
int gnttab_copy_one(const gnttab_copy_ptr_t *source, const gnttab_copy_ptr_t *dest, uint16_t len, uint16_t flags);

#endif
