/*
 * Generic segmentation offload, the software half (Linux's skb_gso_segment()
 * and tcp_gso_segment()). The stack may hand a device one TCP segment far
 * larger than the MTU, marked with gso_size (the real MSS) and gso_type; a
 * device with NETIF_F_TSO/TSO6 cuts it in hardware, and for every other
 * device dev_queue_xmit() cuts it here first, so a large segment is never
 * wrong on any path, only slower.
 *
 * The GSO skb holds Ethernet, IPv4 or IPv6 and TCP headers followed by the
 * payload, possibly in frags. Each piece gets a copy of the headers with
 * what differs per frame rewritten: IP length (and the IPv4 id, counting up
 * from the original's, and its header checksum), TCP sequence number, the
 * flags that belong only to the last frame (FIN, PSH) or the first (CWR),
 * and the TCP checksum: left to the device as CHECKSUM_PARTIAL when it can
 * checksum that family, computed here otherwise.
 *
 * Everything comes from the packet the stack built, but it is checked as
 * if it came from the wire: a malformed GSO skb is refused with -EINVAL
 * (the caller drops and counts it), never followed past its end.
 */
#include <lib/errno.h>
#include <lib/string.h>
#include <net/core/byteorder.h>
#include <net/core/checksum.h>
#include <net/core/ethernet.h>
#include <net/core/netdevice.h>
#include <net/core/skbuff.h>
#include <net/core/skbqueue.h>

#define IPPROTO_TCP		6
#define IPV6_HDR_LEN		40
#define TCP_FLAG_FIN		0x01
#define TCP_FLAG_PSH		0x08
#define TCP_FLAG_CWR		0x80
#define TCP_CSUM_OFFSET		16
#define GSO_HDR_MAX		(ETH_HLEN + 60 + 60)

static u16 get_be16(const u8 *p) { return (u16)(p[0] << 8 | p[1]); }
static u32 get_be32(const u8 *p) { return (u32)get_be16(p) << 16 | get_be16(p + 2); }
static void put_be16(u8 *p, u16 v) { p[0] = (u8)(v >> 8); p[1] = (u8)v; }
static void put_be32(u8 *p, u32 v) { put_be16(p, (u16)(v >> 16)); put_be16(p + 2, (u16)v); }

/* Where the headers are, as found in the GSO skb itself. */
struct gso_layout {
	bool ipv6;
	unsigned int l3, l4, hdr_len;	/* offsets from skb->data; hdr_len ends TCP's header */
};

static int gso_parse(const struct sk_buff *skb, u8 *hdr, struct gso_layout *lay)
{
	unsigned int type = skb_shinfo(skb)->gso_type, ihl, doff;
	u16 ethertype;

	/* The first bytes hold every header we may need; a short skb is refused below. */
	if (skb_copy_bits(skb, 0, hdr, (int)min(skb->len, (u32)GSO_HDR_MAX)))
		return -EINVAL;
	if (skb->len < ETH_HLEN + 20 + 20)
		return -EINVAL;
	ethertype = get_be16(hdr + 12);
	lay->l3 = ETH_HLEN;
	if (type == SKB_GSO_TCPV4 && ethertype == ETH_P_IP) {
		ihl = (hdr[lay->l3] & 0x0f) * 4u;
		if ((hdr[lay->l3] >> 4) != 4 || ihl < 20 || hdr[lay->l3 + 9] != IPPROTO_TCP)
			return -EINVAL;
		/* A fragment cannot be segmented: its TCP header is elsewhere. */
		if (get_be16(hdr + lay->l3 + 6) & 0x3fff)
			return -EINVAL;
		lay->ipv6 = false;
		lay->l4 = lay->l3 + ihl;
	} else if (type == SKB_GSO_TCPV6 && ethertype == ETH_P_IPV6) {
		/* TCP right after the fixed header: the stack adds no extension headers. */
		if ((hdr[lay->l3] >> 4) != 6 || hdr[lay->l3 + 6] != IPPROTO_TCP)
			return -EINVAL;
		lay->ipv6 = true;
		lay->l4 = lay->l3 + IPV6_HDR_LEN;
	} else {
		return -EINVAL;
	}
	if (lay->l4 + 20 > skb->len)
		return -EINVAL;
	doff = (hdr[lay->l4 + 12] >> 4) * 4u;
	if (doff < 20)
		return -EINVAL;
	lay->hdr_len = lay->l4 + doff;
	if (lay->hdr_len >= skb->len)
		return -EINVAL;		/* nothing to cut */
	return 0;
}

static bool gso_csum_offload(const struct gso_layout *lay, u64 features)
{
	return features & (lay->ipv6 ? NETIF_F_IPV6_CSUM : NETIF_F_IP_CSUM);
}

/* The TCP checksum of one frame at f: offloaded or computed. */
static void gso_tcp_csum(struct sk_buff *seg, const struct gso_layout *lay, u64 features)
{
	u8 *f = seg->data, *th = f + lay->l4;
	u32 tcp_len = seg->len - lay->l4;
	__sum16 sum;
	__wsum body = 0;
	bool partial = gso_csum_offload(lay, features);

	put_be16(th + TCP_CSUM_OFFSET, 0);
	if (!partial)
		body = csum_partial(th, (int)tcp_len, 0);
	if (lay->ipv6) {
		sum = csum_ipv6_magic(f + lay->l3 + 8, f + lay->l3 + 24, tcp_len, IPPROTO_TCP, body);
	} else {
		__be32 saddr, daddr;

		memcpy(&saddr, f + lay->l3 + 12, sizeof(saddr));
		memcpy(&daddr, f + lay->l3 + 16, sizeof(daddr));
		sum = csum_tcpudp_magic(saddr, daddr, tcp_len, IPPROTO_TCP, body);
	}
	if (partial) {
		/* The device adds the segment to the pseudo-header seed (checksum.h). */
		sum = (__sum16)~sum;
		seg->ip_summed = CHECKSUM_PARTIAL;
		seg->csum_start = (u16)(skb_headroom(seg) + lay->l4);
		seg->csum_offset = TCP_CSUM_OFFSET;
	} else {
		seg->ip_summed = CHECKSUM_NONE;
	}
	memcpy(th + TCP_CSUM_OFFSET, &sum, sizeof(sum));
}

static struct sk_buff *gso_one(const struct sk_buff *skb, const u8 *hdr,
			       const struct gso_layout *lay, unsigned int index,
			       unsigned int off, unsigned int len, bool last, u64 features)
{
	struct sk_buff *seg = alloc_skb(NET_SKB_PAD + lay->hdr_len + len, GFP_ATOMIC);
	u8 *f, *ip, *th;

	if (!seg)
		return NULL;
	skb_reserve(seg, NET_SKB_PAD);
	f = skb_put(seg, lay->hdr_len + len);
	memcpy(f, hdr, lay->hdr_len);
	if (skb_copy_bits(skb, (int)(lay->hdr_len + off), f + lay->hdr_len, (int)len)) {
		kfree_skb(seg);
		return NULL;
	}
	seg->dev = skb->dev;
	seg->protocol = skb->protocol;
	seg->priority = skb->priority;
	skb_copy_hash(seg, skb);
	skb_reset_mac_header(seg);
	skb_set_network_header(seg, (int)lay->l3);
	skb_set_transport_header(seg, (int)lay->l4);

	ip = f + lay->l3;
	th = f + lay->l4;
	if (lay->ipv6) {
		put_be16(ip + 4, (u16)(seg->len - lay->l3 - IPV6_HDR_LEN));
	} else {
		unsigned int ihl = lay->l4 - lay->l3;
		__sum16 check;

		put_be16(ip + 2, (u16)(seg->len - lay->l3));
		put_be16(ip + 4, (u16)(get_be16(hdr + lay->l3 + 4) + index));
		put_be16(ip + 10, 0);
		check = ip_compute_csum(ip, (int)ihl);
		memcpy(ip + 10, &check, sizeof(check));
	}
	put_be32(th + 4, get_be32(hdr + lay->l4 + 4) + off);
	if (!last)
		th[13] &= (u8)~(TCP_FLAG_FIN | TCP_FLAG_PSH);
	if (index)
		th[13] &= (u8)~TCP_FLAG_CWR;
	gso_tcp_csum(seg, lay, features);
	return seg;
}

int skb_gso_segment(struct sk_buff *skb, u64 features, struct sk_buff_head *segs)
{
	const struct skb_shared_info *shinfo = skb_shinfo(skb);
	unsigned int mss = shinfo->gso_size, payload, off, index = 0;
	struct gso_layout lay;
	u8 hdr[GSO_HDR_MAX];

	__skb_queue_head_init(segs);
	if (!mss || gso_parse(skb, hdr, &lay))
		return -EINVAL;
	payload = skb->len - lay.hdr_len;
	if (DIV_ROUND_UP(payload, mss) > GSO_MAX_SEGS)
		return -EINVAL;
	for (off = 0; off < payload; off += mss, index++) {
		unsigned int len = min(mss, payload - off);
		struct sk_buff *seg = gso_one(skb, hdr, &lay, index, off, len,
					      off + len == payload, features);

		if (!seg) {
			__skb_queue_purge(segs);
			return -ENOMEM;
		}
		__skb_queue_tail(segs, seg);
	}
	return 0;
}
