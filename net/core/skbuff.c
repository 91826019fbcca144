/*
 * sk_buff allocation, references, clones and freeing. The edge-moving
 * operations (put/push/pull/...) are in skb_ops.c.
 */
#define pr_fmt(fmt) "skb: " fmt

#include <net/core/skbuff.h>
#include <net/core/skb_pool.h>
#include <net/core/netdevice.h>
#include <lib/errno.h>
#include <lib/kmalloc.h>
#include <lib/printk.h>
#include <lib/string.h>

struct skb_free_stats skb_free_stats;

/* Reference counts are atomic so a second CPU needs no change here. */
static inline void ref_inc(u32 *ref) { __atomic_add_fetch(ref, 1, __ATOMIC_RELAXED); }
static inline u32 ref_dec(u32 *ref) { return __atomic_sub_fetch(ref, 1, __ATOMIC_ACQ_REL); }

static void skb_init_head(struct sk_buff *skb, u8 *data, unsigned int size)
{
	struct skb_shared_info *shinfo;

	skb->head = data;
	skb->data = data;
	skb->tail = data;
	skb->end = data + size;
	skb->users = 1;
	/* What the buffer really costs, rounding included (a 2 KiB receive
	 * buffer with headroom and shared info takes a page). */
	skb->truesize = (u32)(sizeof(*skb) + kmalloc_size(size + sizeof(*shinfo)));
	skb->mac_header = SKB_HEADER_UNSET;
	skb->network_header = SKB_HEADER_UNSET;
	skb->transport_header = SKB_HEADER_UNSET;

	shinfo = skb_shinfo(skb);
	memset(shinfo, 0, sizeof(*shinfo));
	shinfo->dataref = 1;
}

/*
 * A head from the pool and a buffer of at least size bytes followed by the
 * shared info. The tail of the buffer past size is usable tailroom too.
 */
struct sk_buff *alloc_skb(unsigned int size, gfp_t gfp)
{
	struct sk_buff *skb;
	u8 *data;

	/* Header offsets are u16: a bigger buffer could not be described. */
	if (size > 0xff00u) {
		skb_pool_count_failure();
		return NULL;
	}
	skb = skb_pool_get();
	if (!skb)
		return NULL;
	size = SKB_DATA_ALIGN(size);
	data = kmalloc(size + sizeof(struct skb_shared_info), gfp & ~__GFP_ZERO);
	if (!data) {
		skb_pool_put(skb);
		skb_pool_count_failure();
		return NULL;
	}
	skb_init_head(skb, data, size);
	return skb;
}

struct sk_buff *netdev_alloc_skb(struct net_device *dev, unsigned int length)
{
	struct sk_buff *skb = alloc_skb(length + NET_SKB_PAD, GFP_ATOMIC);

	if (!skb)
		return NULL;
	skb_reserve(skb, NET_SKB_PAD);
	skb->dev = dev;
	return skb;
}

struct sk_buff *netdev_alloc_skb_ip_align(struct net_device *dev, unsigned int length)
{
	struct sk_buff *skb = netdev_alloc_skb(dev, length + NET_IP_ALIGN);

	if (skb)
		skb_reserve(skb, NET_IP_ALIGN);
	return skb;
}

struct sk_buff *skb_get(struct sk_buff *skb)
{
	ref_inc(&skb->users);
	return skb;
}

/* A second sk_buff over the same data: both become read-only "cloned". */
struct sk_buff *skb_clone(struct sk_buff *skb, gfp_t gfp)
{
	/* LAB skb: BEGIN return NULL */
	/* LAB skb: HINT a new head from skb_pool_get() with the same fields; it is not on any list, has one user and no destructor; the data gains a reference (dataref) */
	struct sk_buff *n = skb_pool_get();

	if (!n)
		return NULL;
	*n = *skb;
	n->next = n->prev = NULL;
	n->users = 1;
	n->destructor = NULL;	/* it belongs to the original's owner */
	n->cloned = 1;
	skb->cloned = 1;
	ref_inc(&skb_shinfo(skb)->dataref);
	return n;
	/* LAB skb: END */
}

/*
 * A private, linear copy (frags copied into the buffer) with the same
 * headroom and header offsets: for a device that cannot gather.
 */
struct sk_buff *skb_copy(const struct sk_buff *skb, gfp_t gfp)
{
	unsigned int headroom = skb_headroom(skb);
	struct sk_buff *n = alloc_skb(headroom + skb->len, gfp);

	if (!n)
		return NULL;
	skb_reserve(n, headroom);
	skb_put(n, skb->len);
	skb_copy_bits(skb, 0, n->data, (int)skb->len);
	n->dev = skb->dev;
	n->tstamp = skb->tstamp;
	n->protocol = skb->protocol;
	n->pkt_type = skb->pkt_type;
	n->ip_summed = skb->ip_summed;
	n->csum = skb->csum;
	n->csum_start = skb->csum_start;
	n->csum_offset = skb->csum_offset;
	n->priority = skb->priority;
	n->queue_mapping = skb->queue_mapping;
	skb_copy_hash(n, skb);
	n->mac_header = skb->mac_header;
	n->network_header = skb->network_header;
	n->transport_header = skb->transport_header;
	memcpy(n->cb, skb->cb, sizeof(n->cb));
	/* A linear copy of a large segment is still one to cut. */
	skb_shinfo(n)->gso_size = skb_shinfo(skb)->gso_size;
	skb_shinfo(n)->gso_segs = skb_shinfo(skb)->gso_segs;
	skb_shinfo(n)->gso_type = skb_shinfo(skb)->gso_type;
	return n;
}

static void skb_release_data(struct sk_buff *skb)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);

	if (ref_dec(&shinfo->dataref))
		return;
	if (shinfo->frag_release)
		shinfo->frag_release(shinfo->destructor_arg);
	kfree(skb->head);
}

static void __kfree_skb(struct sk_buff *skb)
{
	if (skb->destructor)
		skb->destructor(skb);
	skb_release_data(skb);
	skb_pool_put(skb);
}

/* False while other references remain; a freed skb here is a caller bug. */
static bool skb_unref(struct sk_buff *skb, void *caller)
{
	if (unlikely(skb->users == 0)) {
		pr_err("free of an already freed skb %p from %pS\n", skb, caller);
		return false;
	}
	return ref_dec(&skb->users) == 0;
}

void __kfree_skb_counted(struct sk_buff *skb, bool drop)
{
	__atomic_add_fetch(drop ? &skb_free_stats.dropped : &skb_free_stats.consumed, 1,
			   __ATOMIC_RELAXED);
	__kfree_skb(skb);
}

void kfree_skb(struct sk_buff *skb)
{
	if (skb && skb_unref(skb, __builtin_return_address(0)))
		__kfree_skb_counted(skb, true);
}

void consume_skb(struct sk_buff *skb)
{
	if (skb && skb_unref(skb, __builtin_return_address(0)))
		__kfree_skb_counted(skb, false);
}

int skb_add_frag(struct sk_buff *skb, void *addr, u32 len)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);

	if (shinfo->nr_frags >= MAX_SKB_FRAGS)
		return -ENOSPC;
	shinfo->frags[shinfo->nr_frags].addr = addr;
	shinfo->frags[shinfo->nr_frags].len = len;
	shinfo->nr_frags++;
	skb->len += len;
	skb->data_len += len;
	return 0;
}

int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len)
{
	const struct skb_shared_info *shinfo = skb_shinfo(skb);
	unsigned int start = skb_headlen(skb), off, n, i;
	u8 *dst = to;

	if (offset < 0 || len < 0 || (u64)offset + (u64)len > skb->len)
		return -EFAULT;
	off = (unsigned int)offset;
	if (off < start) {
		n = min(start - off, (unsigned int)len);
		memcpy(dst, skb->data + off, n);
		dst += n;
		len -= (int)n;
		off += n;
	}
	for (i = 0; i < shinfo->nr_frags && len > 0; i++) {
		const skb_frag_t *f = &shinfo->frags[i];
		unsigned int end = start + f->len;

		if (off < end) {
			n = min(end - off, (unsigned int)len);
			memcpy(dst, (u8 *)f->addr + (off - start), n);
			dst += n;
			len -= (int)n;
			off += n;
		}
		start = end;
	}
	return 0;
}
