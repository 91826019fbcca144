/*
 * The software flow hash (Linux's __skb_get_hash() over its flow
 * dissector): for a packet the NIC gave no RSS hash, a hash of its IP
 * addresses and, for TCP and UDP, its ports. Every packet of one flow gets
 * the same value, so whatever spreads packets by hash (the choice of TX
 * queue, later RPS) keeps a flow in order on one queue.
 *
 * Only what sits in the linear part is read, from the Ethernet header on
 * (one 802.1Q tag is stepped over). IPv4 fragments hash their addresses
 * only: the ports are in the first fragment alone, and all fragments of a
 * datagram must stay together. IPv6 extension headers are not walked: a
 * packet with one hashes its addresses only. The seed is random per boot,
 * so a peer cannot choose flows that all land on one queue.
 */
#include <lib/random.h>
#include <lib/string.h>
#include <net/core/ethernet.h>
#include <net/core/skbuff.h>

#define IPPROTO_TCP	6
#define IPPROTO_UDP	17
#define IPV4_MF_OFFSET	0x3FFF	/* frag_off's More Fragments bit and offset */

static u32 flow_hash_seed;

/* The linear bytes [off, off + len) from head, or NULL when they are not all there. */
static const u8 *linear_at(const struct sk_buff *skb, unsigned int off, unsigned int len)
{
	if (off + len > (unsigned int)(skb->tail - skb->head))
		return NULL;
	return skb->head + off;
}

static u32 hash_word(u32 h, const u8 *p)
{
	u32 w = (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];

	h = (h + w) * 0x9E3779B1u;	/* the golden-ratio multiplier: spreads each word */
	return h ^ (h >> 15);
}

/* A final mix, so flows differing in one bit differ in about half the bits. */
static u32 hash_final(u32 h)
{
	h ^= h >> 16;
	h *= 0x7FEB352Du;
	h ^= h >> 15;
	h *= 0x846CA68Bu;
	return h ^ (h >> 16);
}

void __skb_get_hash(struct sk_buff *skb)
{
	unsigned int off = skb->mac_header != SKB_HEADER_UNSET ? skb->mac_header :
			   (unsigned int)(skb->data - skb->head);
	unsigned int naddr, l4 = 0;
	const u8 *eth = linear_at(skb, off, ETH_HLEN), *ip, *ports = NULL;
	u16 proto;
	u8 l4proto;
	u32 h;

	if (!eth)
		return;
	proto = (u16)(eth[12] << 8 | eth[13]);
	off += ETH_HLEN;
	if (proto == ETH_P_8021Q) {
		const u8 *tag = linear_at(skb, off, 4);

		if (!tag)
			return;
		proto = (u16)(tag[2] << 8 | tag[3]);
		off += 4;
	}
	if (proto == ETH_P_IP) {
		ip = linear_at(skb, off, 20);
		if (!ip || (ip[0] >> 4) != 4 || (ip[0] & 0xF) < 5)
			return;
		l4proto = ip[9];
		ip += 12;	/* saddr, daddr */
		naddr = 2;
		if (!((ip[-6] << 8 | ip[-5]) & IPV4_MF_OFFSET))
			l4 = off + (skb->head[off] & 0xFu) * 4;
	} else if (proto == ETH_P_IPV6) {
		ip = linear_at(skb, off, 40);
		if (!ip || (ip[0] >> 4) != 6)
			return;
		l4proto = ip[6];
		ip += 8;	/* saddr, daddr */
		naddr = 8;
		l4 = off + 40;
	} else {
		return;
	}
	if (l4 && (l4proto == IPPROTO_TCP || l4proto == IPPROTO_UDP))
		ports = linear_at(skb, l4, 4);

	if (!flow_hash_seed)
		flow_hash_seed = get_random_u32() | 1;
	h = flow_hash_seed ^ l4proto;
	for (unsigned int i = 0; i < naddr; i++)
		h = hash_word(h, ip + 4 * i);
	if (ports)
		h = hash_word(h, ports);
	h = hash_final(h);
	skb->hash = h ? h : 1;	/* 0 means "no hash" */
	skb->sw_hash = 1;
	skb->l4_hash = ports != NULL;
}
