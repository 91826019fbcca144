/*
 * The pool every sk_buff comes from. Its size bounds how many packets can be
 * in flight, so a flood or a leak shows up as counted allocation failures
 * (a drop), not as the machine running out of memory. Boot parameter
 * skb_pool=N sets the size; by default it is sized from RAM.
 */
#ifndef NET_CORE_SKB_POOL_H
#define NET_CORE_SKB_POOL_H

#include <lib/types.h>

struct sk_buff;

struct skb_pool_stats {
	u32 size;		/* sk_buffs in the pool */
	u32 in_use;
	u32 free;
	u32 high_water;		/* most in use at once */
	u64 allocs;
	u64 frees;
	u64 alloc_failures;	/* pool empty or buffer memory exhausted */
	u64 bad_frees;		/* not from the pool, or freed twice: a bug, refused */
};

/* (Re)creates the pool with nr sk_buffs; -EBUSY while any is in use. */
int skb_pool_init(unsigned int nr);
unsigned int skb_pool_default_size(void);	/* from nr_total_pages() */
void skb_pool_get_stats(struct skb_pool_stats *st);

/* For skbuff.c: a zeroed sk_buff, or NULL (counted). */
struct sk_buff *skb_pool_get(void);
void skb_pool_put(struct sk_buff *skb);
void skb_pool_count_failure(void);	/* buffer allocation failed after a head */

extern unsigned int skb_pool_param;	/* skb_pool=N; 0 = sized by RAM */

#endif
