/*
 * struct sk_buff: one packet and the buffer it lives in (Linux's socket buffer).
 *
 *   head          data                  tail            end
 *    |<-headroom->|<------ len -------->|<-tailroom->|  |<- skb_shared_info ->|
 *    [............[ Ethernet | IP | ... ]............]  [dataref nr_frags frags]
 *                   skb_push() grows <-    -> skb_put() grows
 *                   skb_pull() shrinks ->  <- skb_trim() shrinks
 *
 * The linear part is [data, tail). Scatter-gather transmit adds "frags" that
 * point at memory owned by someone else (lwIP pbufs); len counts them too and
 * data_len is their share, so skb_headlen() = len - data_len. Physical memory
 * is identity mapped, so a frag is an address and a length, with no struct page.
 *
 * Ownership: an skb has one owner at a time. skb_get() adds a reference to the
 * sk_buff itself (users); skb_clone() makes a second sk_buff that shares the
 * data (shinfo->dataref). The data is freed when the last sk_buff using it goes.
 */
#ifndef NET_CORE_SKBUFF_H
#define NET_CORE_SKBUFF_H

#include <lib/types.h>
#include <lib/kmalloc.h>

struct net_device;
struct sk_buff;

/*
 * Headroom every driver-allocated skb gets, so the stack can prepend headers
 * (and a tunnel or VLAN tag) without reallocating. One cache line.
 */
#define NET_SKB_PAD	64
/*
 * The Ethernet header is 14 bytes: two more bytes of headroom put the IP
 * header that follows it on a 4-byte boundary.
 */
#define NET_IP_ALIGN	2

#define SMP_CACHE_BYTES	64
#define SKB_DATA_ALIGN(x)	ALIGN((x), SMP_CACHE_BYTES)

/* A TSO-free stack never needs more pieces than a pbuf chain of a full frame. */
#define MAX_SKB_FRAGS	17

/* pkt_type: who the frame was addressed to (set by eth_type_trans()). */
#define PACKET_HOST		0
#define PACKET_BROADCAST	1
#define PACKET_MULTICAST	2
#define PACKET_OTHERHOST	3
#define PACKET_OUTGOING		4

/* ip_summed: what is known about the checksum (Linux's values and meanings). */
#define CHECKSUM_NONE		0	/* nothing checked: software must verify */
#define CHECKSUM_UNNECESSARY	1	/* RX: hardware verified it */
#define CHECKSUM_COMPLETE	2	/* RX: csum holds the sum over the packet */
#define CHECKSUM_PARTIAL	3	/* TX: hardware fills it at csum_start+csum_offset */

typedef struct skb_frag {
	void *addr;
	u32 len;
} skb_frag_t;

/* gso_type: what a large segment is (Linux's SKB_GSO_* values). */
#define SKB_GSO_TCPV4		0x1
#define SKB_GSO_TCPV6		0x10
/* Frames one GSO skb may become: 64 KB of payload at a 1 KB MSS. */
#define GSO_MAX_SEGS		64

struct skb_shared_info {
	u32 dataref;		/* sk_buffs (original and clones) using this data */
	u8 nr_frags;
	/*
	 * Generic segmentation offload: a TCP segment larger than the MTU, to be
	 * cut into frames of gso_size payload bytes (the real MSS) by the device
	 * (NETIF_F_TSO/TSO6) or by skb_gso_segment(). 0: an ordinary frame.
	 */
	u16 gso_size;
	u16 gso_segs;
	u32 gso_type;		/* SKB_GSO_* */
	skb_frag_t frags[MAX_SKB_FRAGS];
	/*
	 * Called once when the data is freed: the frags' owner (the lwIP glue
	 * holding a pbuf reference) lets go of them. Linux's destructor_arg idea.
	 */
	void (*frag_release)(void *arg);
	void *destructor_arg;
};

struct sk_buff {
	struct sk_buff *next, *prev;	/* in an sk_buff_head; NULL otherwise */
	struct net_device *dev;		/* arrived on / leaves through */
	u64 tstamp;			/* arrival, ktime_get_ns(); 0 = not stamped */

	u32 len;			/* bytes of packet: linear + frags */
	u32 data_len;			/* bytes in frags */
	__be16 protocol;		/* ETH_P_* in network order */
	u8 pkt_type;			/* PACKET_* */
	u8 ip_summed;			/* CHECKSUM_* */
	u8 cloned;			/* data shared with another sk_buff */
	u16 csum_start;			/* CHECKSUM_PARTIAL: offset from head */
	u16 csum_offset;		/*   where the sum goes, from csum_start */
	__wsum csum;
	u32 priority;
	/*
	 * Flow hash (Linux's skb->hash): the NIC's RSS hash on receive, so a
	 * later stage (RPS, a per-CPU queue) can keep a flow together without
	 * parsing headers again. 0 with l4_hash/sw_hash clear: no hash known.
	 */
	u32 hash;
	u8 l4_hash:1;			/* hash covers the ports: one TCP/UDP flow */
	u8 sw_hash:1;			/* computed in software, not by the NIC */
	u16 queue_mapping;		/* TX: the device queue it goes out on */
	u32 users;			/* references to this sk_buff */
	u32 truesize;			/* memory charged: head + buffer */

	/* Header positions as offsets from head; ~0 means "not set". */
	u16 mac_header;
	u16 network_header;
	u16 transport_header;

	u8 *head, *data, *tail, *end;
	void (*destructor)(struct sk_buff *skb);

	/* Private to the current layer; the next owner may overwrite it. */
	char cb[48] __aligned(8);
};

#define SKB_HEADER_UNSET	0xffffu

static inline struct skb_shared_info *skb_shinfo(const struct sk_buff *skb)
{
	return (struct skb_shared_info *)skb->end;
}

static inline unsigned int skb_headlen(const struct sk_buff *skb) { return skb->len - skb->data_len; }
static inline bool skb_is_nonlinear(const struct sk_buff *skb) { return skb->data_len != 0; }
static inline unsigned int skb_end_offset(const struct sk_buff *skb) { return (unsigned int)(skb->end - skb->head); }

/*
 * Room before data and after tail. Both stay inline here, lab region and
 * all: the checksum offload of every transmitted frame asks for the
 * headroom, and a call per packet for a subtraction is what Linux avoids by
 * keeping them inline in skbuff.h too. The lab's stub says "no room" (0):
 * a caller that trusts it refuses to write rather than writing past the
 * buffer, and csum_start stays consistent (it is headroom + offset on both
 * sides).
 */
static inline unsigned int skb_headroom(const struct sk_buff *skb)
{
	/* LAB skb: BEGIN return 0 */
	/* LAB skb: HINT the headroom is the bytes between head and data (see the picture at the top of this file) */
	return (unsigned int)(skb->data - skb->head);
	/* LAB skb: END */
}

/* Room after tail; a nonlinear skb has none (new bytes belong after the frags). */
static inline int skb_tailroom(const struct sk_buff *skb)
{
	/* LAB skb: BEGIN return 0 */
	/* LAB skb: HINT the bytes between tail and end, but none at all when the skb has frags (skb_is_nonlinear()) */
	return skb_is_nonlinear(skb) ? 0 : (int)(skb->end - skb->tail);
	/* LAB skb: END */
}

static inline bool skb_cloned(const struct sk_buff *skb)
{
	return skb->cloned && skb_shinfo(skb)->dataref != 1;
}

static inline bool skb_shared(const struct sk_buff *skb) { return skb->users != 1; }
static inline bool skb_is_gso(const struct sk_buff *skb) { return skb_shinfo(skb)->gso_size != 0; }

/* What a flow hash was computed over (Linux's enum pkt_hash_types). */
enum pkt_hash_types {
	PKT_HASH_TYPE_NONE,	/* no hash, or of unknown input */
	PKT_HASH_TYPE_L2,	/* MAC addresses */
	PKT_HASH_TYPE_L3,	/* IP addresses */
	PKT_HASH_TYPE_L4,	/* IP addresses and TCP/UDP ports */
};

static inline void skb_clear_hash(struct sk_buff *skb)
{
	skb->hash = 0;
	skb->l4_hash = 0;
	skb->sw_hash = 0;
}

/* A hash from the device (Linux's skb_set_hash: never a software one). */
static inline void skb_set_hash(struct sk_buff *skb, u32 hash, enum pkt_hash_types type)
{
	skb->l4_hash = type == PKT_HASH_TYPE_L4;
	skb->sw_hash = 0;
	skb->hash = hash;
}

/*
 * The flow hash. When the device gave none, it is computed in software
 * (flow_hash.c, Linux's __skb_get_hash()) from the addresses and, for TCP
 * and UDP, the ports, and kept in the skb (sw_hash). 0: not an IP packet
 * (or its headers are not in the linear part), so no flow to keep together.
 */
void __skb_get_hash(struct sk_buff *skb);
static inline u32 skb_get_hash(struct sk_buff *skb)
{
	if (!skb->l4_hash && !skb->sw_hash)
		__skb_get_hash(skb);
	return skb->hash;
}

static inline void skb_set_queue_mapping(struct sk_buff *skb, u16 queue) { skb->queue_mapping = queue; }
static inline u16 skb_get_queue_mapping(const struct sk_buff *skb) { return skb->queue_mapping; }

/* A packet made from another one belongs to the same flow (Linux's skb_copy_hash). */
static inline void skb_copy_hash(struct sk_buff *to, const struct sk_buff *from)
{
	to->hash = from->hash;
	to->l4_hash = from->l4_hash;
	to->sw_hash = from->sw_hash;
}

/* Header offsets (Linux's skb_reset_*_header / skb_*_header). */
#define SKB_HEADER_OPS(name)							\
static inline void skb_reset_##name##_header(struct sk_buff *skb)		\
{ skb->name##_header = (u16)(skb->data - skb->head); }			\
static inline void skb_set_##name##_header(struct sk_buff *skb, int off)	\
{ skb->name##_header = (u16)(skb->data - skb->head + off); }		\
static inline u8 *skb_##name##_header(const struct sk_buff *skb)		\
{ return skb->head + skb->name##_header; }					\
static inline bool skb_##name##_header_was_set(const struct sk_buff *skb)	\
{ return skb->name##_header != SKB_HEADER_UNSET; }
SKB_HEADER_OPS(mac)
SKB_HEADER_OPS(network)
SKB_HEADER_OPS(transport)
#undef SKB_HEADER_OPS

static inline int skb_network_offset(const struct sk_buff *skb)
{
	return (int)(skb_network_header(skb) - skb->data);
}

/* Allocation. NULL on exhaustion, counted in the pool's statistics. */
struct sk_buff *alloc_skb(unsigned int size, gfp_t gfp);
struct sk_buff *netdev_alloc_skb(struct net_device *dev, unsigned int length);
struct sk_buff *netdev_alloc_skb_ip_align(struct net_device *dev, unsigned int length);
static inline struct sk_buff *dev_alloc_skb(unsigned int length)
{
	return netdev_alloc_skb(NULL, length);
}

/* Freeing. kfree_skb() is a drop (counted), consume_skb() a normal end. */
void kfree_skb(struct sk_buff *skb);
void consume_skb(struct sk_buff *skb);
/* Frees an skb whose last reference is already gone (NET_TX batching). */
void __kfree_skb_counted(struct sk_buff *skb, bool drop);
static inline void dev_kfree_skb(struct sk_buff *skb) { consume_skb(skb); }

struct sk_buff *skb_get(struct sk_buff *skb);
struct sk_buff *skb_clone(struct sk_buff *skb, gfp_t gfp);
struct sk_buff *skb_copy(const struct sk_buff *skb, gfp_t gfp);	/* linear, private */

/*
 * Moving the edges. Overrunning head or end is a bug in the caller: it is
 * reported with the skb's state and the caller's address, then panic().
 */
u8 *skb_put(struct sk_buff *skb, unsigned int len);
u8 *skb_put_data(struct sk_buff *skb, const void *data, unsigned int len);
u8 *skb_push(struct sk_buff *skb, unsigned int len);
u8 *skb_pull(struct sk_buff *skb, unsigned int len);	/* NULL if len > headlen */
void skb_reserve(struct sk_buff *skb, unsigned int len);
void skb_trim(struct sk_buff *skb, unsigned int len);

/* Scatter-gather: appends memory the skb does not own; -ENOSPC when full. */
int skb_add_frag(struct sk_buff *skb, void *addr, u32 len);

/* Copies len bytes from offset, crossing into frags; -EFAULT if out of range. */
int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len);

__noreturn void skb_over_panic(struct sk_buff *skb, unsigned int len, void *addr);
__noreturn void skb_under_panic(struct sk_buff *skb, unsigned int len, void *addr);

/* Drop/consume accounting shared by every skb (the "skb" shell command). */
struct skb_free_stats {
	u64 dropped;		/* kfree_skb() */
	u64 consumed;		/* consume_skb() */
};
extern struct skb_free_stats skb_free_stats;

#endif
