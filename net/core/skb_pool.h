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
	u32 reserved;		/* kept for drivers' RX rings (skb_pool_reserve) */
	u32 high_water;		/* most in use at once */
	u64 allocs;
	u64 frees;
	u64 alloc_failures;	/* pool empty or buffer memory exhausted */
	u64 bad_frees;		/* not from the pool, or freed twice: a bug, refused */
};

/*
 * What one received frame's skb really costs: the head plus a 2 KiB receive
 * buffer as kmalloc rounds it (with headroom and skb_shared_info it is a
 * whole page). The default pool size and the `skb` command use it.
 */
size_t skb_rx_truesize(void);

/*
 * A driver's RX ring must always be refillable: it reserves its ring size
 * when it opens (and releases it when it stops). A protocol layer that keeps
 * received skbs (the lwIP glue) counts how many it holds and asks
 * skb_pool_may_hold() before keeping one more; when the answer is no it
 * copies the frame or drops it. So every ring, plus a slack for transmit
 * and for frames on their way up, always finds its skbs.
 */
void skb_pool_reserve(unsigned int nr);
void skb_pool_unreserve(unsigned int nr);
bool skb_pool_may_hold(unsigned int held);

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
