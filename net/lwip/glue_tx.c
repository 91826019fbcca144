/*
 * low_level_output() of lwIP's ethernetif.c skeleton: a pbuf chain (Ethernet
 * header already in front) becomes an skb for dev_queue_xmit().
 *
 *   pbuf chain   [eth|ip|tcp ....]->[payload .......]->[payload ...]
 *   skb          linear: a copy of the headers (eth, or eth+ip+tcp when the
 *                NIC fills the TCP checksum); frags: the rest, in place
 *
 * The headers are copied (tens of bytes) so that the driver finds them
 * linear, as Linux drivers do, and so that the pseudo-header sum the NIC
 * needs is written into our copy, never into lwIP's segment. The payload is
 * not copied: a pbuf_ref() on the chain keeps it alive until the skb's data
 * is freed at TX completion, whose frag_release hook calls pbuf_free(). lwIP
 * leaves a segment whose pbuf is still referenced alone
 * (tcp_output_segment_busy()), so a retransmission never rewrites memory the
 * NIC is still reading.
 */
#define pr_fmt(fmt) "lwip: " fmt

#include <lib/errno.h>
#include <lib/string.h>
#include <net/core/checksum.h>
#include <net/core/ethernet.h>
#include <net/lwip/netif_glue.h>

#include "lwip/pbuf.h"
#include "lwip/inet_chksum.h"

#define IPPROTO_TCP		6
#define TCP_CSUM_OFFSET		16	/* RFC 793 3.1: checksum field in the header */
#define IPV6_HLEN		40	/* RFC 8200 3 */
/* Ethernet + the largest IPv4 header (60) + the largest TCP header (60). */
#define GLUE_MAX_HDRS		(ETH_HLEN + 60 + 60)

err_t nicstack_low_level_output(struct netif *netif, struct pbuf *p);

struct tx_hdrs {
	u16 proto;		/* ethertype, host order */
	u16 l4off;		/* TCP header offset in the frame; 0: not offloaded */
	u16 hlen;		/* bytes to put in the linear part */
	__sum16 seed;		/* folded pseudo-header sum, as stored */
};

/* IPv4 TCP, not a fragment: the NIC can sum it. RFC 793 3.1 pseudo header. */
static bool parse_ipv4_tcp(const u8 *h, unsigned int n, unsigned int frame_len, struct tx_hdrs *t)
{
	const u8 *ip = h + ETH_HLEN;
	unsigned int ihl, tot, doff;
	__be32 saddr, daddr;

	if (n < ETH_HLEN + 20)
		return false;
	ihl = (ip[0] & 0x0f) * 4u;
	tot = (unsigned int)(ip[2] << 8 | ip[3]);
	if ((ip[0] >> 4) != 4 || ihl < 20 || ip[9] != IPPROTO_TCP ||
	    ((ip[6] << 8 | ip[7]) & 0x3fff) || tot < ihl + 20 || ETH_HLEN + tot > frame_len ||
	    n < ETH_HLEN + ihl + 20)
		return false;
	doff = (ip[ihl + 12] >> 4) * 4u;
	if (doff < 20 || ihl + doff > tot || n < ETH_HLEN + ihl + doff)
		return false;
	t->l4off = (u16)(ETH_HLEN + ihl);
	t->hlen = (u16)(t->l4off + doff);
	memcpy(&saddr, ip + 12, 4);
	memcpy(&daddr, ip + 16, 4);
	t->seed = (__sum16)~csum_tcpudp_magic(saddr, daddr, tot - ihl, IPPROTO_TCP, 0);
	return true;
}

/* IPv6 with TCP right after the fixed header (lwIP adds no extension
 * headers to TCP). RFC 8200 8.1 pseudo header. */
static bool parse_ipv6_tcp(const u8 *h, unsigned int n, unsigned int frame_len, struct tx_hdrs *t)
{
	const u8 *ip = h + ETH_HLEN;
	unsigned int plen, doff;

	if (n < ETH_HLEN + IPV6_HLEN + 20)
		return false;
	plen = (unsigned int)(ip[4] << 8 | ip[5]);
	if ((ip[0] >> 4) != 6 || ip[6] != IPPROTO_TCP || plen < 20 ||
	    ETH_HLEN + IPV6_HLEN + plen > frame_len)
		return false;
	doff = (ip[IPV6_HLEN + 12] >> 4) * 4u;
	if (doff < 20 || doff > plen || n < ETH_HLEN + IPV6_HLEN + doff)
		return false;
	t->l4off = ETH_HLEN + IPV6_HLEN;
	t->hlen = (u16)(t->l4off + doff);
	t->seed = (__sum16)~csum_ipv6_magic(ip + 8, ip + 24, plen, IPPROTO_TCP, 0);
	return true;
}

/*
 * What goes linear, and whether the NIC sums the TCP checksum. A TCP frame
 * that must be offloaded (lwIP generated no checksum) but cannot be parsed
 * returns false: sending it would put a wrong checksum on the wire.
 */
static bool glue_tx_classify(struct nicstack_netif *nif, const u8 *h, unsigned int n,
			     unsigned int frame_len, struct tx_hdrs *t)
{
	memset(t, 0, sizeof(*t));
	t->hlen = ETH_HLEN;
	t->proto = (u16)(h[12] << 8 | h[13]);
	if (!nif->csum_offload)
		return true;
	if (t->proto == ETH_P_IP && n > ETH_HLEN + 9 && h[ETH_HLEN + 9] == IPPROTO_TCP)
		return parse_ipv4_tcp(h, n, frame_len, t);
	if (t->proto == ETH_P_IPV6 && n > ETH_HLEN + 6 && h[ETH_HLEN + 6] == IPPROTO_TCP)
		return parse_ipv6_tcp(h, n, frame_len, t);
	return true;
}

/* TX completion: the skb's data is gone, so is our hold on the chain. */
u64 nicstack_glue_tx_completed;

static void glue_tx_release(void *arg)
{
	nicstack_glue_tx_completed++;
	pbuf_free(arg);
}

/* The rest of the chain from offset 'skip' as frags; false if it needs more. */
static bool glue_add_frags(struct sk_buff *skb, struct pbuf *p, unsigned int skip)
{
	for (struct pbuf *q = p; q; q = q->next) {
		if (skip >= q->len) {
			skip -= q->len;
			continue;
		}
		if (skb_add_frag(skb, (u8 *)q->payload + skip, q->len - skip))
			return false;
		skip = 0;
		if (q->tot_len == q->len)
			break;
	}
	return true;
}

static struct sk_buff *glue_tx_alloc(struct net_device *dev, unsigned int linear)
{
	struct sk_buff *skb = alloc_skb(NET_SKB_PAD + linear, GFP_ATOMIC);

	if (skb) {
		skb_reserve(skb, NET_SKB_PAD);
		skb->dev = dev;
	}
	return skb;
}

/* Zero-copy: headers linear, payload as frags holding the chain. */
static struct sk_buff *glue_tx_sg(struct nicstack_netif *nif, struct pbuf *p,
				  const u8 *hdrs, unsigned int hlen)
{
	struct sk_buff *skb = glue_tx_alloc(nif->dev, hlen);

	if (!skb)
		return NULL;
	skb_put_data(skb, hdrs, hlen);
	if (!glue_add_frags(skb, p, hlen)) {
		kfree_skb(skb);		/* no frag_release yet: the chain is untouched */
		return NULL;
	}
	pbuf_ref(p);
	skb_shinfo(skb)->destructor_arg = p;
	skb_shinfo(skb)->frag_release = glue_tx_release;
	nif->stats.tx_sg++;
	return skb;
}

static struct sk_buff *glue_tx_copy(struct nicstack_netif *nif, struct pbuf *p)
{
	struct sk_buff *skb = glue_tx_alloc(nif->dev, p->tot_len);

	if (!skb)
		return NULL;
	if (pbuf_copy_partial(p, skb_put(skb, p->tot_len), p->tot_len, 0) != p->tot_len) {
		kfree_skb(skb);
		return NULL;
	}
	nif->stats.tx_copied++;
	return skb;
}

/* CHECKSUM_PARTIAL: the NIC sums from csum_start to the end and stores the
 * result at csum_start + csum_offset, where the folded pseudo-header sum
 * must already be. The stack (this glue) is the one owner of that seed;
 * drivers only program the device (net/core/checksum.h). */
static void glue_tx_csum(struct nicstack_netif *nif, struct sk_buff *skb, const struct tx_hdrs *t)
{
	memcpy(skb->data + t->l4off + TCP_CSUM_OFFSET, &t->seed, 2);
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = (u16)(skb_headroom(skb) + t->l4off);
	skb->csum_offset = TCP_CSUM_OFFSET;
	nif->stats.tx_csum_offload++;
}

err_t nicstack_low_level_output(struct netif *netif, struct pbuf *p)
{
	struct nicstack_netif *nif = nicstack_netif_of(netif);
	struct net_device *dev = nif->dev;
	u8 hdrs[GLUE_MAX_HDRS];
	struct sk_buff *skb = NULL;
	struct tx_hdrs t;
	u16 n;

	n = pbuf_copy_partial(p, hdrs, (u16_t)min((unsigned int)p->tot_len, sizeof(hdrs)), 0);
	if (n < ETH_HLEN || !glue_tx_classify(nif, hdrs, n, p->tot_len, &t)) {
		nif->stats.tx_dropped++;
		return ERR_VAL;
	}
	if (dev->features & NETIF_F_SG)
		skb = glue_tx_sg(nif, p, hdrs, t.hlen);
	if (!skb)
		skb = glue_tx_copy(nif, p);	/* no SG, too many pbufs, or no memory */
	if (!skb) {
		nif->stats.tx_dropped++;
		return ERR_MEM;
	}
	skb->protocol = cpu_to_be16(t.proto);
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	if (t.l4off) {
		skb_set_transport_header(skb, t.l4off);
		glue_tx_csum(nif, skb, &t);
	}
	/* A large TCP segment (tcp_gso.c): the device or net/core/gso.c cuts it. */
	if (p->gso_size) {
		skb_shinfo(skb)->gso_size = p->gso_size;
		skb_shinfo(skb)->gso_type = t.proto == ETH_P_IPV6 ? SKB_GSO_TCPV6 : SKB_GSO_TCPV4;
		nif->stats.tx_gso++;
	}
	nif->stats.tx_packets++;
	/* A full queue drops (counted by the core): lwIP's TCP resends. */
	return dev_queue_xmit(skb) == NET_XMIT_SUCCESS ? ERR_OK : ERR_MEM;
}
